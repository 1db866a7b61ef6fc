"""Case pages: inboxes per officer and per office, the overdue list, the case with its timeline, bulk actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhili.core.foundation.api import Colour, XlsxWriter, header_widths
from zhili.core.identity.models import User
from zhili.core.identity.permissions import can, require_or_404
from zhili.core.identity.roles import DEPARTMENT_ROLES
from zhili.core.ui.api import TimelineEntry, person

from . import queries, services
from .forms import AssignForm, AttachForm, CommentForm, RateForm
from .models import Case
from .permissions import may_take
from .registry import case_types

PAGE_SIZE = 20
BOXES = {
    "mine": (queries.awaiting_me, gettext_lazy("我的待办")),
    "assigned": (queries.my_inbox, gettext_lazy("分派给我")),
    "office": (queries.office_inbox, gettext_lazy("本单位工单")),
    "overdue": (queries.overdue_cases, gettext_lazy("超期工单")),
    "all": (queries.visible_cases, gettext_lazy("全部可见工单")),
}


def _box(request):
    name = request.GET.get("box") or request.POST.get("box") or "mine"
    if name not in BOXES:
        name = "mine"
    query, title = BOXES[name]
    cases = query(request.user)
    search = (request.GET.get("q") or "").strip()
    if search:
        cases = cases.filter(number__icontains=search) | cases.filter(title__icontains=search)
    return name, title, cases.order_by("-id")


@login_required
def case_list(request):
    name, title, cases = _box(request)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    bulk_transitions = sorted({(t.name, str(t.label)) for ct in case_types().values() for t in ct.transitions
                               if not t.requires_comment})
    return render(request, "cases/case_list.html", {
        "page": page, "box": name, "box_title": title, "boxes": [(k, v[1]) for k, v in BOXES.items()],
        "bulk_transitions": bulk_transitions, "now": timezone.now(), "q": request.GET.get("q", ""),
    })


@login_required
def case_export(request):
    """The current list as an XLSX workbook (at most 10 000 rows)."""
    name, title, cases = _box(request)
    header = [_("工单编号"), _("工单类型"), _("标题"), _("状态"), _("紧急程度"), _("承办单位"), _("承办人"),
              _("所属区划"), _("当前环节期限"), _("登记时间"), _("办结时间"), _("满意度")]
    writer = XlsxWriter()
    sheet = writer.add_sheet(title, header=header, widths=header_widths(header))
    types = case_types()
    for case in cases[:10000]:
        ct = types.get(case.case_type)
        sheet.append([
            case.number, ct.name if ct else case.case_type, case.title,
            str(ct.state(case.state).label) if ct else case.state, str(case.get_priority_display()),
            str(case.organization or ""), str(case.assignee or ""), str(case.region),
            _local(case.due_at), _local(case.created_at), _local(case.closed_at), case.rating or "",
        ])
    stamp = timezone.localtime().strftime("%Y%m%d%H%M")
    return writer.response(f"cases-{name}-{stamp}.xlsx")


def _local(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _get_case(request, number) -> Case:
    case = get_object_or_404(Case.objects.select_related("organization", "region", "assignee", "requester"),
                             number=number)
    require_or_404(request.user, "cases.case.view", case)
    return case


def _timeline(case: Case) -> list[TimelineEntry]:
    """The case's steps, comments, reminders and rating: who did what when (``{% timeline %}``)."""
    ct = case.type
    entries = []
    for event in queries.timeline(case):
        what = event.get_action_display()
        if event.transition:
            what = f"{what}（{ct.state(event.from_state).label} → {ct.state(event.to_state).label}）"
        entries.append(TimelineEntry(event.created_at, person(event.actor), what, note=event.comment,
                                     colour=ct.state(event.to_state).colour if event.to_state else Colour.GRAY))
    return entries


def _panel_context(request, case: Case) -> dict:
    user = request.user
    ct = case.type
    manage = can(user, "cases.case.manage", case)
    candidates = User.objects.filter(memberships__organization=case.organization, memberships__is_active=True,
                                     memberships__role__in=DEPARTMENT_ROLES).distinct()
    return {
        "case": case, "case_type": ct, "timeline": _timeline(case), "attachments": case.attachments.all(),
        "transitions": [t for t in ct.transitions_from(case.state) if may_take(user, case, t)],
        "can_comment": manage or case.requester_id == user.pk,
        "can_manage": manage and not case.is_closed,
        "can_supervise": can(user, "cases.case.supervise", case) and not case.is_closed,
        "can_rate": can(user, "cases.case.rate", case) and case.is_closed and case.rating is None,
        "comment_form": CommentForm(), "rate_form": RateForm(), "attach_form": AttachForm(),
        "assign_form": AssignForm(candidates=candidates, initial={"assignee": case.assignee_id}),
        "overdue": case.is_overdue(),
    }


@login_required
def case_detail(request, number):
    case = _get_case(request, number)
    return render(request, "cases/case_detail.html", _panel_context(request, case))


def _respond(request, case: Case):
    """HTMX gets the refreshed panel; a plain form post goes back to the case page."""
    if request.headers.get("HX-Request"):
        case.refresh_from_db()
        return render(request, "cases/_case_panel.html", _panel_context(request, case))
    return redirect(case.get_absolute_url())


def _run(request, case: Case, action) -> None:
    try:
        action()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("无权操作"))
    else:
        messages.success(request, _("已保存"))


@login_required
@require_POST
def case_action(request, number, verb):
    """One POST endpoint per verb: transition, comment, attach, assign, supervise, urge, rate."""
    case = _get_case(request, number)
    user = request.user
    post = request.POST
    if verb == "transition":
        _run(request, case, lambda: services.transition_case(case, post.get("transition", ""), actor=user,
                                                             comment=post.get("comment", "")))
    elif verb == "comment":
        _run(request, case, lambda: services.comment_case(case, actor=user, comment=post.get("comment", "")))
    elif verb == "attach":
        form = AttachForm(post, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            _run(request, case, lambda: services.attach_file(case, actor=user, file=upload, name=upload.name))
        else:
            messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    elif verb == "assign":
        candidates = User.objects.filter(memberships__organization=case.organization,
                                         memberships__is_active=True, memberships__role__in=DEPARTMENT_ROLES)
        form = AssignForm(post, candidates=candidates.distinct())
        if form.is_valid():
            _run(request, case, lambda: services.assign_case(case, actor=user,
                                                             assignee=form.cleaned_data["assignee"]))
        else:
            messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    elif verb == "supervise":
        _run(request, case, lambda: services.supervise_case(case, actor=user, note=post.get("comment", "")))
    elif verb == "urge":
        _run(request, case, lambda: services.urge_case(case, actor=user, note=post.get("comment", "")))
    elif verb == "rate":
        form = RateForm(post)
        if form.is_valid():
            _run(request, case, lambda: services.rate_case(case, actor=user, rating=form.cleaned_data["rating"],
                                                           comment=form.cleaned_data["comment"]))
        else:
            messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    else:
        return HttpResponse(status=404)
    return _respond(request, case)


@login_required
@require_POST
def case_bulk(request):
    """Take one step on the selected cases; each case that cannot move is listed with its reason."""
    numbers = request.POST.getlist("numbers")
    transition = request.POST.get("transition", "")
    box = request.POST.get("box", "mine") if request.POST.get("box") in BOXES else "mine"
    if not numbers:
        messages.error(request, _("请至少选择一个工单"))
        return redirect(f"{reverse('cases:list')}?box={box}")
    cases = queries.visible_cases(request.user).filter(number__in=numbers).order_by("id")
    result = services.bulk_transition(list(cases), transition, actor=request.user,
                                      comment=request.POST.get("comment", ""))
    if result.done:
        messages.success(request, _("已处理 {n} 个工单").format(n=len(result.done)))
    for number, reason in result.failed.items():
        messages.error(request, f"{number}：{reason}")
    return redirect(f"{reverse('cases:list')}?box={box}")
