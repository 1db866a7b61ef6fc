from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from .models import DummyDocument


@login_required
def document_list(request):
    return HttpResponse(", ".join(d.title for d in DummyDocument.objects.all()))
