"""The person's in-app message centre."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from .choices import Channel
from .models import Message


@login_required
def inbox(request):
    messages = Message.objects.filter(recipient=request.user, channel=Channel.IN_APP)
    page = Paginator(messages, 20).get_page(request.GET.get("page"))
    return render(request, "notify/message_list.html", {"page": page})
