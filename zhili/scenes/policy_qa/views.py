"""Pages of the 政策咨询机器人 scene.

Citizens (phone-first, plain forms: everything works without JavaScript, logged in or not): ask, read the cited
answer and the articles, rate it, ask for a person, go to the service, see their own questions. Officers: the
queue of questions handed over, the knowledge base, the official texts, the synonym table.
"""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhili.core.dashboards.api import cockpit_views, xlsx_response
from zhili.core.identity.api import require
from zhili.core.orgs.api import region_by_code

from . import engine, queries, services
from .choices import EntryKind, EntryStatus, Outcome, QueueStatus, Topic
from .models import Article, Entry, LawText

VISITOR = "policy_qa_visitor"
REGION = "policy_qa_region"
MAX_UPLOAD = 5 * 1024 * 1024


def _visitor(request) -> str:
    if request.user.is_authenticated:
        return ""
    if VISITOR not in request.session:
        request.session[VISITOR] = secrets.token_hex(16)
    return request.session[VISITOR]


def _region(request):
    code = request.GET.get("r")
    if code:
        region = region_by_code(code)
        if region is not None:
            request.session[REGION] = region.code
            return region
    if request.session.get(REGION):
        return region_by_code(request.session[REGION])
    if request.user.is_authenticated:
        member = request.user.memberships.filter(is_active=True, region__isnull=False).select_related("region").first()
        return member.region if member else None
    return None


def service_link(entry: Entry | None) -> str:
    """The platform page an entry leads to, or "" when that page's scene is not installed here."""
    if entry is None or not entry.service_url_name:
        return ""
    try:
        return reverse(entry.service_url_name)
    except NoReverseMatch:
        return ""


def ask(request):
    """The chat page: a question box, the person's recent questions, the answer of the last one."""
    visitor = _visitor(request)
    region = _region(request)
    if request.method == "POST":
        reply = services.ask(request.POST.get("q", ""), user=request.user, visitor=visitor, region=region)
        return redirect("policy_qa:consultation", pk=reply.consultation.pk)
    history = queries.my_consultations(request.user, visitor)[:10]
    examples = ["没签劳动合同能要双倍工资吗", "干了半年被开除有没有补偿", "工地老板跑路了工钱找谁要", "加班费怎么算"]
    return render(request, "policy_qa/ask.html", {"history": history, "examples": examples, "region": region})


def _reply_context(consultation) -> dict:
    entry = consultation.entry
    found = services.articles_by_reference(entry.citations) if entry else {}
    alternatives = []
    if consultation.outcome in (Outcome.CLARIFY, Outcome.UNANSWERED, Outcome.ANSWERED):
        result = engine.current_index().search(consultation.question, limit=4)
        by_pk = {e.pk: e for e in Entry.objects.filter(pk__in=[h.key for h in result.entries])}
        alternatives = [by_pk[h.key] for h in result.entries if h.key in by_pk and h.key != consultation.entry_id][:3]
    return {"c": consultation, "entry": entry, "articles": [found[r] for r in entry.citations if r in found] if entry
            else [], "unlinked": [r for r in entry.citations if r not in found] if entry else [],
            "alternatives": alternatives, "service_url": service_link(entry)}


def consultation(request, pk: int):
    """One question and its answer (only for the person who asked it)."""
    item = queries.my_consultation(pk, user=request.user, visitor=_visitor(request))
    context = _reply_context(item)
    context["history"] = queries.my_consultations(request.user, _visitor(request))[:10]
    return render(request, "policy_qa/consultation.html", context)


@require_POST
def rate(request, pk: int):
    item = queries.my_consultation(pk, user=request.user, visitor=_visitor(request))
    services.rate_answer(item, helpful=request.POST.get("helpful") == "yes", user=request.user,
                         visitor=_visitor(request))
    messages.success(request, _("谢谢您的评价"))
    return redirect("policy_qa:consultation", pk=item.pk)


@require_POST
def hand_over(request, pk: int):
    item = queries.my_consultation(pk, user=request.user, visitor=_visitor(request))
    services.hand_over(item, user=request.user, visitor=_visitor(request), note=request.POST.get("note", ""))
    messages.success(request, _("已转人工坐席，答复后会显示在这里"))
    return redirect("policy_qa:consultation", pk=item.pk)


@require_POST
def go(request, pk: int):
    """Follow the answer to the platform's service page (counted as guided handling)."""
    item = queries.my_consultation(pk, user=request.user, visitor=_visitor(request))
    url = service_link(item.entry)
    if not url:
        raise Http404("该服务未在本平台开通")
    services.mark_service_opened(item, user=request.user, visitor=_visitor(request))
    return HttpResponseRedirect(url)


def entry_detail(request, code: str):
    """A knowledge entry as a page of its own (what "did you mean" links to)."""
    entry = get_object_or_404(Entry, code=code, status=EntryStatus.ACTIVE)
    found = services.articles_by_reference(entry.citations)
    return render(request, "policy_qa/entry.html", {
        "entry": entry, "articles": [found[r] for r in entry.citations if r in found],
        "unlinked": [r for r in entry.citations if r not in found], "service_url": service_link(entry)})


def article_detail(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("law"), pk=pk)
    citing = Entry.objects.filter(status=EntryStatus.ACTIVE, citations__contains=[article.reference]) \
        if _json_contains_supported() else [e for e in Entry.objects.filter(status=EntryStatus.ACTIVE)
                                            if article.reference in e.citations]
    return render(request, "policy_qa/article.html", {"article": article, "citing": citing})


def _json_contains_supported() -> bool:
    from django.db import connection

    return connection.features.supports_json_field_contains


def text_detail(request, pk: int):
    law = get_object_or_404(LawText, pk=pk)
    return render(request, "policy_qa/text.html", {"law": law, "articles": law.articles.all(),
                                                   "versions": LawText.objects.filter(short_title=law.short_title)})


def mine(request):
    """The person's questions and the officers' replies."""
    items = queries.my_consultations(request.user, _visitor(request))
    page = Paginator(items, 20).get_page(request.GET.get("page"))
    return render(request, "policy_qa/mine.html", {"page": page})


# ---------------------------------------------------------------- officers

@login_required
def queue(request):
    require(request.user, "policy_qa.consultation.reply")
    status = request.GET.get("status", QueueStatus.WAITING)
    items = queries.consultations_for_officer(request.user)
    items = items.filter(queue_status=status) if status in QueueStatus.values and status else \
        items.exclude(queue_status=QueueStatus.NONE)
    page = Paginator(items.order_by("created_at", "id") if status == QueueStatus.WAITING else items, 20) \
        .get_page(request.GET.get("page"))
    return render(request, "policy_qa/queue.html", {"page": page, "status": status,
                                                    "statuses": [s for s in QueueStatus if s.value]})


@login_required
def queue_item(request, pk: int):
    require(request.user, "policy_qa.consultation.reply")
    item = queries.consultation_for_officer(request.user, pk)
    if request.method == "POST":
        try:
            services.reply_consultation(item, reply=request.POST.get("reply", ""), actor=request.user,
                                        close=request.POST.get("action") == "close")
            messages.success(request, _("已答复"))
            return redirect("policy_qa:queue")
        except ValidationError as exc:
            for errors in exc.message_dict.values():
                for error in errors:
                    messages.error(request, error)
    context = _reply_context(item)
    return render(request, "policy_qa/queue_item.html", context)


def _entry_rows(items):
    return [[e.code, e.question, e.get_kind_display(), e.get_topic_display(), e.get_status_display(),
             "、".join(e.citations), e.updated_at.strftime("%Y-%m-%d")] for e in items]


@login_required
def entry_list(request):
    require(request.user, "policy_qa.entry.curate")
    search, topic, status = (request.GET.get(k, "").strip() for k in ("q", "topic", "status"))
    items = queries.entries(search, topic, status)
    if request.GET.get("format") == "xlsx":
        return xlsx_response("知识库.xlsx", "知识库", ["编号", "标准问题", "类型", "主题", "状态", "依据条文", "更新日期"],
                             _entry_rows(items))
    page = Paginator(items, 25).get_page(request.GET.get("page"))
    return render(request, "policy_qa/entry_list.html", {
        "page": page, "q": search, "topic": topic, "status": status, "topics": list(Topic),
        "statuses": list(EntryStatus)})


@login_required
def entry_edit(request, pk: int | None = None):
    require(request.user, "policy_qa.entry.curate")
    entry = get_object_or_404(Entry, pk=pk) if pk else None
    errors = {}
    if request.method == "POST":
        data = {k: request.POST.get(k, "") for k in ("kind", "topic", "question", "variants", "answer", "citations",
                                                     "steps", "service_url_name", "service_label")}
        try:
            entry = services.save_entry(actor=request.user, entry=entry, code=request.POST.get("code", ""), **data)
            messages.success(request, _("已保存"))
            return redirect("policy_qa:entry_edit", pk=entry.pk)
        except ValidationError as exc:
            errors = exc.message_dict
            values = {**data, "code": request.POST.get("code", "")}
    else:
        values = {"kind": entry.kind, "topic": entry.topic, "question": entry.question, "variants": entry.variants,
                  "answer": entry.answer, "citations": "\n".join(entry.citations), "steps": entry.steps,
                  "service_url_name": entry.service_url_name, "service_label": entry.service_label,
                  "code": entry.code} if entry else {"kind": EntryKind.ANSWER,
                                                   "question": request.GET.get("question", "")[:200]}
    return render(request, "policy_qa/entry_edit.html", {
        "entry": entry, "values": values, "errors": errors, "kinds": list(EntryKind), "topics": list(Topic)})


@login_required
@require_POST
def entry_status(request, pk: int):
    require(request.user, "policy_qa.entry.curate")
    entry = get_object_or_404(Entry, pk=pk)
    try:
        if request.POST.get("action") == "restore":
            services.restore_entry(entry, actor=request.user)
        else:
            services.mark_entry_outdated(entry, reason=request.POST.get("reason", ""), actor=request.user)
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for error in errors:
                messages.error(request, error)
    return redirect("policy_qa:entry_edit", pk=entry.pk)


@login_required
def texts(request):
    """Official texts: the versions loaded, and the upload form (TXT, DOCX, PDF, HTML)."""
    require(request.user, "policy_qa.text.load")
    errors = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors.append(_("请选择文件"))
        elif upload.size > MAX_UPLOAD:
            errors.append(_("{name}：文件超过 5 MB 上限").format(name=upload.name))
        else:
            from django.utils.dateparse import parse_date

            day = parse_date(request.POST.get("effective_from", "") or "") if request.POST.get("effective_from") \
                else None
            try:
                law = services.load_text(name=upload.name, data=upload.read(), actor=request.user,
                                         effective_from=day, short_title=request.POST.get("short_title", ""))
                messages.success(request, _("已导入《{title}》第 {version} 版，共 {n} 条").format(
                    title=law.title, version=law.version, n=law.articles.count()))
                return redirect("policy_qa:texts")
            except ValidationError as exc:
                errors = [e for values in exc.message_dict.values() for e in values]
            except ValueError:
                errors = [_("施行日期格式应为 YYYY-MM-DD")]
    laws = LawText.objects.order_by("short_title", "-version")
    search = request.GET.get("q", "").strip()[:200]
    found = queries.search_articles(search) if search else []
    return render(request, "policy_qa/texts.html", {"laws": laws, "errors": errors, "q": search, "found": found})


@login_required
def synonyms(request):
    require(request.user, "policy_qa.entry.curate")
    from .models import Synonym

    errors = {}
    if request.method == "POST":
        try:
            services.add_synonym(phrase=request.POST.get("phrase", ""), expansion=request.POST.get("expansion", ""),
                                 actor=request.user)
            messages.success(request, _("已加入同义表"))
            return redirect("policy_qa:synonyms")
        except ValidationError as exc:
            errors = exc.message_dict
    return render(request, "policy_qa/synonyms.html", {"rows": Synonym.objects.all(), "errors": errors})


# ---------------------------------------------------------------- calculators

CALCULATORS = {"severance": "经济补偿计算", "double_wages": "未签合同二倍工资计算", "overtime": "加班工资计算"}


def calculator(request, kind: str = "severance"):
    """The three calculators as plain GET forms (phone, no JavaScript); the result lists its steps and articles."""
    from . import calculators

    if kind not in CALCULATORS:
        raise Http404("没有这个计算器")
    values = {k: v.strip()[:20] for k, v in request.GET.items()}
    result, errors = None, {}
    if values.get("go"):
        try:
            if kind == "severance":
                result = calculators.severance(start=values.get("start", ""), end=values.get("end", ""),
                                               monthly_wage=values.get("monthly_wage", ""),
                                               local_average=values.get("local_average", ""),
                                               notice_in_lieu=values.get("notice_in_lieu") == "1")
            elif kind == "double_wages":
                result = calculators.double_wages(start=values.get("start", ""), signed_on=values.get("signed_on"),
                                                  monthly_wage=values.get("monthly_wage", ""))
            else:
                result = calculators.overtime(monthly_wage=values.get("monthly_wage", ""),
                                              weekday_hours=values.get("weekday_hours") or 0,
                                              rest_day_hours=values.get("rest_day_hours") or 0,
                                              holiday_hours=values.get("holiday_hours") or 0)
        except ValidationError as exc:
            errors = exc.message_dict
    return render(request, "policy_qa/calculator.html", {"kind": kind, "kinds": CALCULATORS, "values": values,
                                                         "result": result, "errors": errors})


# ---------------------------------------------------------------- decision-makers

def _region_path(request) -> str:
    code = request.GET.get("region", "").strip()
    region = region_by_code(code) if code else None
    return region.path if region else ""


def _cockpit_filters(request) -> list[dict]:
    from zhili.core.identity.api import scope_region_paths
    from zhili.core.orgs.api import Region

    paths = scope_region_paths(request.user)
    regions = Region.objects.filter(level="county")
    if paths is not None:
        from django.db.models import Q

        condition = Q(pk__in=[])
        for path in paths:
            condition |= Q(path__startswith=path)
        regions = regions.filter(condition)
    return [{"name": "region", "label": _("区划"), "type": "select",
             "options": [("", _("全部"))] + [(r.code, r.name) for r in regions.order_by("code")[:200]],
             "value": request.GET.get("region", "")}]


def _cockpit_analyses(request) -> dict:
    from . import analysis

    return analysis.analyses(request.user, region_path=_region_path(request))


# The cockpit page, its JSON data and the XLSX export of one analysis (core.dashboards.cockpit_views).
cockpit, cockpit_data, cockpit_export = cockpit_views(
    "policy_qa.overview", permission="policy_qa.cockpit.view", analyses=_cockpit_analyses, filters=_cockpit_filters,
    subtitle=gettext_lazy("咨询数据来自本场景；形势数据来自平台已有的合同、预警、工单与投诉"),
    extra=lambda request: {"report_url": reverse("policy_qa:report")})


def _report_context(request) -> dict:
    from django.utils import timezone

    from . import analysis

    data = analysis.analyses(request.user, region_path=_region_path(request))
    return {"data": data, "generated": timezone.localtime(), "region": request.GET.get("region", ""),
            "sections": [data[k] for k in ("kpi", "situation", "topics", "keywords", "regions", "services",
                                           "policy_effect")]}


@login_required
def report(request):
    """The monthly labour-relations situation report (HTML, and the same as PDF)."""
    require(request.user, "policy_qa.cockpit.view")
    return render(request, "policy_qa/report.html", _report_context(request))


@login_required
def report_pdf(request):
    from django.http import HttpResponse

    from zhili.core.esign.api import render_pdf

    require(request.user, "policy_qa.cockpit.view")
    pdf = render_pdf("", _report_context(request), template_name="policy_qa/report_pdf.html", archival=False)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="labor-relations-report.pdf"'
    return response
