"""The message centre, the demo outbox, short-link redirects and QR codes."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from . import queries, services
from .choices import Channel
from .forms import OutboxFilterForm
from .models import Message
from .qr import qr_png, qr_svg


@login_required
def inbox(request):
    page = Paginator(queries.inbox_for(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "notify/message_list.html",
                  {"page": page, "unread": queries.unread_count(request.user)})


@login_required
@require_POST
def message_read(request, pk: int):
    message = get_object_or_404(Message, pk=pk, recipient=request.user, channel=Channel.IN_APP)
    services.mark_read(message, actor=request.user)
    return redirect("notify:inbox")


@login_required
@require_POST
def messages_read_all(request):
    services.mark_all_read(actor=request.user)
    return redirect("notify:inbox")


def outbox(request):
    """The SMS outbox with full bodies, for demos: only in DEBUG, or for staff; a 404 for anyone else."""
    if not (settings.DEBUG or request.user.is_staff):
        raise Http404
    form = OutboxFilterForm(request.GET or None)
    phone = form.cleaned_data["phone"] if form.is_valid() else ""
    return render(request, "notify/outbox_list.html",
                  {"messages_list": queries.recent_sms(phone=phone), "phone": phone, "form": form})


def short_link(request, token: str):
    """Redirect to the link's target, or explain in Chinese why not."""
    actor = request.user if request.user.is_authenticated else None
    try:
        link = services.open_short_link(token, actor=actor)
    except services.ShortLinkExpired as exc:
        return render(request, "notify/shortlink_expired.html", {"link": exc.link}, status=410)
    except services.ShortLinkInvalid:
        return render(request, "notify/shortlink_invalid.html", status=404)
    return redirect(link.target)


def short_link_qr(request, token: str, fmt: str):
    """The QR code of a short link's full URL, as PNG or SVG; only for a genuine, unexpired link."""
    try:
        link = services.resolve_short_link(token)
    except (services.ShortLinkInvalid, services.ShortLinkExpired):
        raise Http404 from None
    if fmt == "svg":
        return HttpResponse(qr_svg(link.url), content_type="image/svg+xml")
    return HttpResponse(qr_png(link.url), content_type="image/png")
