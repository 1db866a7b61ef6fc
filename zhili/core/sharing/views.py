"""The worker's pages: 授权管理 (grant, review, revoke) and 查阅记录 (who read my documents)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhili.core.foundation.forms import add_service_errors

from . import queries, services
from .choices import AccessBasis
from .forms import GrantForm
from .models import Grant
from .registry import get_document_type


def _with_labels(items):
    """Attach the Chinese labels of each item's field codes (``field_labels``)."""
    for item in items:
        declared = get_document_type(item.document_type)
        item.field_labels = [declared.label_of(c) if declared else c for c in item.fields]
    return items


@login_required
def grant_list(request):
    grants = _with_labels(list(queries.grants_of(request.user)))
    return render(request, "sharing/grant_list.html", {
        "grants": grants, "documents": queries.documents_of(request.user),
    })


@login_required
def grant_create(request, document_type: str, document_id: str):
    declared = get_document_type(document_type)
    document = declared.get(document_id) if declared else None
    owner = declared.owner(document) if document is not None else None
    if owner is None or owner.pk != request.user.pk:
        raise Http404
    form = GrantForm(request.POST or None, document_type=declared)
    if request.method == "POST" and form.is_valid():
        try:
            grant = services.grant_access(
                document_type=declared.code, object_id=document.pk, party=form.cleaned_data["party"],
                matter=form.cleaned_data["matter"], fields=form.cleaned_data["fields"],
                include_pdf=form.cleaned_data.get("include_pdf", False), expires_at=form.expires_at(),
                actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("已授权 {party} 查看，有效期至 {date}").format(
                party=grant.party.name, date=form.cleaned_data["expires_on"].isoformat()))
            return redirect("sharing:grants")
    return render(request, "sharing/grant_form.html", {
        "form": form, "document_type": declared, "document_label": declared.describe(document),
    })


@login_required
@require_POST
def grant_revoke(request, pk: int):
    grant = get_object_or_404(Grant, pk=pk, worker=request.user)
    services.revoke_grant(grant, actor=request.user)
    messages.success(request, _("已撤销对 {party} 的授权，立即生效").format(party=grant.party.name))
    return redirect("sharing:grants")


@login_required
def access_log(request):
    entries = _with_labels(list(queries.access_log_of(request.user)[:300]))
    for entry in entries:
        entry.basis_choice = AccessBasis(entry.basis)
    return render(request, "sharing/access_log.html", {"entries": entries})
