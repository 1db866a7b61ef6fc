"""Pages: the policy calculator (anyone), the policy list and detail, the XLSX import, every rule's value."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhili.core.identity.permissions import can, require

from .choices import Eligibility, OwnerKind
from .evaluation import decide_all
from .queries import current_domain, parameter_rows, policy_rows
from .registry import domains
from .services import COLUMNS, import_policies, import_template

MEMBER_ROWS = 6
BOOL_CHOICES = (("", "—"), ("yes", gettext_lazy("是")), ("no", gettext_lazy("否")))


def _household_domains() -> list[str]:
    return [code for code in sorted(domains) if domains[code].facts.get("household")]


def _read(kind: str, text: str, label: str, errors: list):
    text = (text or "").strip()
    if not text:
        return None
    try:
        if kind == "number":
            return float(text)
        if kind == "date":
            return dt.date.fromisoformat(text)
        if kind == "bool":
            return {"yes": True, "no": False}[text]
    except (ValueError, KeyError):
        errors.append(_("「{field}」的值无效：{value}").format(field=label, value=text))
        return None
    return text


def calculator(request):
    """Enter or confirm a household's facts and see every policy it may get, why, and what is missing."""
    choices = _household_domains()
    if not choices:
        raise Http404
    code = request.GET.get("domain") or choices[0]
    if code not in choices:
        raise Http404
    domain = current_domain(code)
    errors: list = []
    try:
        on = dt.date.fromisoformat(request.GET.get("date") or dt.date.today().isoformat())
    except ValueError:
        errors.append(_("「日期」应为 YYYY-MM-DD"))
        on = dt.date.today()
    household_facts = list(domain.facts.get("household", {}).values())
    person_facts = list(domain.facts.get("person", {}).values())
    facts = {f.name: _read(f.type, request.GET.get(f"f_{f.name}"), f.label, errors) for f in household_facts}
    members = []
    member_inputs = []
    for index in range(MEMBER_ROWS):
        values = {f.name: request.GET.get(f"m{index}_{f.name}", "") for f in person_facts}
        member_inputs.append({"number": index + 1, "fields": [
            (f, f"m{index}_{f.name}", values[f.name]) for f in person_facts]})
        if any(v.strip() for v in values.values()):
            members.append({f.name: _read(f.type, values[f.name], _("成员{n}的{fact}").format(n=index + 1,
                                                                                          fact=f.label), errors)
                            for f in person_facts})
    asked = "date" in request.GET
    decisions = []
    if asked and not errors:
        decisions = decide_all(domain, facts, members, on)
    grouped = {status: [d for d in decisions if d.status == status] for status in Eligibility.values}
    context = {
        "domains": [(c, domains[c]) for c in choices], "domain": domain, "on": on, "asked": asked,
        "errors": errors, "household_facts": household_facts, "person_facts": person_facts,
        "household_inputs": [(f, f"f_{f.name}", request.GET.get(f"f_{f.name}", "")) for f in household_facts],
        "member_inputs": member_inputs, "bool_choices": BOOL_CHOICES, "grouped": grouped,
        "eligible": grouped[Eligibility.ELIGIBLE], "undecided": grouped[Eligibility.UNDECIDED],
        "ineligible": grouped[Eligibility.INELIGIBLE],
    }
    return render(request, "policy/policy_calculator.html", context)


@login_required
def policy_list(request):
    require(request.user, "policy.policy.view", None)
    rows = policy_rows(domain=request.GET.get("domain", ""), owner_kind=request.GET.get("owner_kind", ""),
                       category=request.GET.get("category", ""), search=request.GET.get("q", "").strip())
    return render(request, "policy/policy_list.html", {
        "rows": rows, "domains": sorted(domains), "owner_kinds": OwnerKind.choices,
        "can_manage": can(request.user, "policy.policy.manage"), "filters": request.GET})


@login_required
def policy_detail(request, domain: str, code: str):
    require(request.user, "policy.policy.view", None)
    if domain not in domains:
        raise Http404
    policy = current_domain(domain).policies.get(code)
    if policy is None:
        raise Http404
    return render(request, "policy/policy_detail.html", {"policy": policy, "domain": domain})


@login_required
def policy_import(request):
    """Upload a workbook of out-of-statute policies; every bad row is listed and nothing is saved then."""
    require(request.user, "policy.policy.manage", None)
    report = None
    if request.method == "POST":
        domain = request.POST.get("domain", "")
        upload = request.FILES.get("file")
        if domain not in domains or upload is None:
            messages.error(request, _("请选择政策领域和文件"))
        else:
            report = import_policies(upload, actor=request.user, domain=domain)
            if report.ok:
                messages.success(request, _("已导入 {n} 项政策").format(n=len(report.saved)))
                return redirect("policy:policy_list")
    return render(request, "policy/policy_import.html", {
        "domains": sorted(domains), "report": report, "columns": [h for h, _, _ in COLUMNS]})


@login_required
def policy_import_template(request):
    require(request.user, "policy.policy.manage", None)
    response = HttpResponse(import_template(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="policies-template.xlsx"'
    return response


@login_required
def rule_list(request):
    """Every dated rule of the platform: name, value, effective date, reference, checked or not."""
    require(request.user, "policy.policy.view", None)
    try:
        day = dt.date.fromisoformat(request.GET.get("date") or dt.date.today().isoformat())
    except ValueError:
        day = dt.date.today()
    rows = parameter_rows(day)
    if request.GET.get("unchecked"):
        rows = [row for row in rows if row["checked"] is False]
    return render(request, "policy/rule_list.html", {"rows": rows, "day": day, "filters": request.GET})
