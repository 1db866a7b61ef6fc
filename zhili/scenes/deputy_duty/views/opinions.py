"""Opinion pages: the citizen's phone pages (stations, QR entries, own opinions), the deputy's page, the office's
and the department's list and detail."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhili.core.foundation.api import add_service_errors
from zhili.core.identity.api import can, require
from zhili.core.notify.api import qr_svg
from zhili.core.orgs.api import Organization, OrganizationKind
from zhili.core.ui.api import Column, ListPage, export_xlsx

from .. import queries, services
from ..choices import OpinionChannel, OpinionStatus
from ..forms import GradeForm, OpinionFilterForm, OpinionForm, ProxyOpinionForm, RateForm, ReplyForm
from ..models import Deputy
from ..privacy import masked


@login_required
def home(request):
    """The citizen's page: the liaison stations (by region), and their own opinions with progress."""
    stations = queries.stations_in()
    return render(request, "deputy_duty/home.html", {"stations": stations[:50],
                                                      "opinions": queries.my_opinions(request.user)[:50]})


def _submit(request, *, station, deputy, channel, template, context):
    form = OpinionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opinion = services.submit_opinion(station=station, deputy=deputy, channel=channel, actor=request.user,
                                              **form.cleaned_data)
            return redirect(opinion.get_absolute_url())
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, template, {"form": form, **context})


@login_required
def station_entry(request, code: str):
    """What a station's QR code opens: the station, its deputies, and the form to give an opinion."""
    station = queries.station_by_code(code)
    return _submit(request, station=station, deputy=None, channel=OpinionChannel.STATION_QR,
                   template="deputy_duty/station_entry.html",
                   context={"station": station, "deputies": station.deputies.filter(active=True)})


@login_required
def deputy_entry(request, code: str):
    """What a deputy's QR code opens: the deputy, their station, and the form to give them an opinion."""
    deputy = queries.deputy_by_code(code)
    if deputy.station is None:
        raise PermissionDenied(_("该代表尚未进站，请通过联络站提交"))
    return _submit(request, station=deputy.station, deputy=deputy, channel=OpinionChannel.DEPUTY_QR,
                   template="deputy_duty/deputy_entry.html", context={"deputy": deputy, "station": deputy.station})


def _qr(request, url: str) -> HttpResponse:
    return HttpResponse(qr_svg(request.build_absolute_uri(url)), content_type="image/svg+xml")


def station_qr(request, code: str):
    return _qr(request, queries.station_by_code(code).get_qr_url())


def deputy_qr(request, code: str):
    return _qr(request, queries.deputy_by_code(code).get_qr_url())


@login_required
def deputy_home(request):
    """The deputy's page: their codes, the opinions they follow (to rate), and entering one for a citizen."""
    require(request.user, "deputy_duty.deputy.act")
    deputies = list(queries.deputies_of(request.user))
    opinions = queries.followed_opinions(request.user)
    return render(request, "deputy_duty/deputy_home.html", {
        "deputies": deputies, "opinions": opinions[:100], "form": ProxyOpinionForm(),
        "to_rate": [o for o in opinions.filter(status__in=[OpinionStatus.ANSWERED, OpinionStatus.REPLIED])
                    if queries.may_rate(o, request.user)]})


@login_required
@require_POST
def proxy_opinion(request, pk: int):
    """A deputy enters a citizen's opinion collected in person (代为录入)."""
    deputy = get_object_or_404(Deputy.objects.select_related("station"), pk=pk, user=request.user, active=True)
    require(request.user, "deputy_duty.deputy.act", deputy)
    form = ProxyOpinionForm(request.POST)
    if form.is_valid() and deputy.station is not None:
        try:
            opinion = services.submit_opinion(station=deputy.station, deputy=deputy,
                                              channel=OpinionChannel.DEPUTY_UPLOAD, actor=request.user,
                                              **form.cleaned_data)
            return redirect(opinion.get_absolute_url())
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "deputy_duty/deputy_home.html", {
        "deputies": list(queries.deputies_of(request.user)), "form": form,
        "opinions": queries.followed_opinions(request.user)[:100], "to_rate": []}, status=400)


LIST_COLUMNS = [
    Column("created", _("提交时间"), sort="created_at"), Column("title", _("标题"), sort="title"),
    Column("station", _("联络站"), sort="station__name"), Column("category", _("分类"), sort="category"),
    Column("status", _("状态"), sort="status"), Column("due", _("答复期限"), sort="case__due_at"),
]


@login_required
def opinion_list(request):
    """The office's (and a department's) opinions, with filters, pages and an Excel export."""
    require(request.user, "deputy_duty.opinion.view")
    opinions = queries.visible_opinions(request.user)
    form = OpinionFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            opinions = opinions.filter(status=data["status"])
        if data["category"]:
            opinions = opinions.filter(category=data["category"])
        if data["q"]:
            opinions = opinions.filter(title__icontains=data["q"]) | opinions.filter(text__icontains=data["q"])
    listing = ListPage(request, opinions, columns=LIST_COLUMNS, default_sort="-created_at")
    if listing.wants_export:
        header = [_("提交时间"), _("标题"), _("意见内容"), _("联络站"), _("跟踪代表"), _("渠道"), _("分类"), _("状态"),
                  _("承办部门"), _("工单编号"), _("答复期限")]
        rows = ([o.created_at, o.title, masked(o.text), o.station.name, o.deputy.name if o.deputy else "",
                 o.get_channel_display(), o.get_category_display(), o.get_status_display(),
                 o.department.name if o.department else "", o.case.number if o.case else "",
                 o.case.due_at if o.case else None] for o in listing.queryset.iterator(chunk_size=2000))
        return export_xlsx(request, what="deputy_duty.opinions", title=_("群众意见"), header=header, rows=rows,
                           file_name=_("群众意见.xlsx"))
    counts = [(OpinionStatus(s), n) for s, n in queries.status_counts(queries.visible_opinions(request.user)).items()]
    return render(request, "deputy_duty/opinion_list.html", {"listing": listing, "form": form, "counts": counts})


def _detail_context(request, opinion, **forms):
    user = request.user
    may_grade = opinion.status == OpinionStatus.SUBMITTED and can(user, "deputy_duty.opinion.grade", opinion)
    may_reply = (opinion.status in (OpinionStatus.REFERRED, OpinionStatus.REHANDLING)
                 and can(user, "deputy_duty.opinion.reply", opinion))
    context = {"opinion": opinion, "may_grade": may_grade, "may_reply": may_reply,
               "may_rate": queries.may_rate(opinion, user),
               "text": opinion.text if opinion.citizen_id == user.pk or may_grade else masked(opinion.text),
               "ratings": opinion.ratings.select_related("rater"),
               "timeline": queries.case_timeline(opinion)}
    if may_grade:
        region = opinion.station.congress.region
        context["grade_form"] = forms.get("grade_form") or GradeForm(
            initial={"deputy": opinion.deputy_id},
            deputies=Deputy.objects.filter(active=True, congress__region__path__in=_ancestors(opinion.region)),
            departments=Organization.objects.filter(kind=OrganizationKind.DEPARTMENT,
                                                    region__path__startswith=region.path))
    if may_reply:
        context["reply_form"] = forms.get("reply_form") or ReplyForm()
    if context["may_rate"]:
        context["rate_form"] = forms.get("rate_form") or RateForm()
    return context


def _ancestors(region) -> list[str]:
    parts = region.path.strip("/").split("/")
    return ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)]


@login_required
def opinion_detail(request, pk: int):
    opinion = queries.opinion_for(request.user, pk)
    return render(request, "deputy_duty/opinion_detail.html", _detail_context(request, opinion))


@login_required
@require_POST
def opinion_grade(request, pk: int):
    opinion = queries.opinion_for(request.user, pk)
    require(request.user, "deputy_duty.opinion.grade", opinion)
    context = _detail_context(request, opinion)
    form = GradeForm(request.POST, deputies=context["grade_form"].fields["deputy"].queryset,
                     departments=context["grade_form"].fields["department"].queryset)
    if form.is_valid():
        try:
            services.grade_opinion(opinion, actor=request.user, **form.cleaned_data)
            return redirect(opinion.get_absolute_url())
        except ValidationError as exc:
            add_service_errors(form, exc)
    context["grade_form"] = form
    return render(request, "deputy_duty/opinion_detail.html", context, status=400)


@login_required
@require_POST
def opinion_reply(request, pk: int):
    opinion = queries.opinion_for(request.user, pk)
    require(request.user, "deputy_duty.opinion.reply", opinion)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply_opinion(opinion, text=form.cleaned_data["text"], actor=request.user)
            return redirect(opinion.get_absolute_url())
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "deputy_duty/opinion_detail.html", _detail_context(request, opinion, reply_form=form),
                  status=400)


@login_required
@require_POST
def opinion_rate(request, pk: int):
    opinion = queries.opinion_for(request.user, pk)
    require(request.user, "deputy_duty.opinion.rate", opinion)
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            services.rate_opinion(opinion, actor=request.user, **form.cleaned_data)
            return redirect(opinion.get_absolute_url())
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "deputy_duty/opinion_detail.html", _detail_context(request, opinion, rate_form=form),
                  status=400)

