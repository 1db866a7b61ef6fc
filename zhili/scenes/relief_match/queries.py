"""Reads: lists in the reader's scope, a household's 幸福清单, and the seed's seven evaluation indicators.

The seven indicators (建立网上申报率、数据共享率、审批及时率、资金保障落实率、联办数、满意度、资料完整率):

- online application rate: applications that came in online / all applications;
- data-sharing rate: checks decided on data the pool already held / all checks;
- timely approval rate: applications decided by their due day / all decided;
- funds-in-place rate: delivered cash helps whose funds arrived / delivered cash helps;
- joint handlings: households helped by two or more departments or organisations;
- satisfaction: the mean rating (1–5) of rated helps and wishes;
- file completeness: decided applications with a signed authorisation and a recorded home visit / all decided.

Each figure is a small cell: it is suppressed when it stands for fewer than five households.
"""

from django.db.models import Avg, Count, F, Q

from zhili.core.dashboards.api import count_cell, share_cell, stat_cell
from zhili.core.identity.api import filter_by_scope

from .choices import ApplicationStatus, Channel, MatchStatus, VisitStatus, WishStatus
from .models import HelpMatch, ReliefApplication, ReliefHousehold, ReliefWarning, Wish

INDICATORS = ("online_rate", "sharing_rate", "timely_rate", "funds_rate", "joint_handlings", "satisfaction",
              "completeness")


def warnings_for(user, *, rule: str = "", status: str = ""):
    found = filter_by_scope(user, ReliefWarning.objects.select_related("household__region", "case"),
                            "household__region")
    if rule:
        found = found.filter(rule=rule)
    if status:
        found = found.filter(status=status)
    return found


def applications_for(user, *, status: str = ""):
    found = filter_by_scope(user, ReliefApplication.objects.select_related("household__region", "applicant"),
                            "household__region")
    return found.filter(status=status) if status else found


def matches_for(user, *, status: str = "", owner: str = ""):
    found = filter_by_scope(user, HelpMatch.objects.select_related("household__region", "case"), "household__region")
    if status:
        found = found.filter(status=status)
    if owner:
        found = found.filter(owner=owner)
    return found


def happiness_list(household: ReliefHousehold) -> dict:
    """Every help the household received or is receiving, and its wishes (幸福清单)."""
    matches = list(household.matches.order_by("status", "policy_name"))
    return {
        "delivered": [m for m in matches if m.status == MatchStatus.DELIVERED],
        "in_progress": [m for m in matches if m.status == MatchStatus.PUSHED],
        "wishes": list(household.wishes.order_by("-id")),
        "total_cash": sum((m.amount or 0) for m in matches if m.status == MatchStatus.DELIVERED
                          and m.benefit_kind == "cash"),
    }


def _figures(applications, matches, wishes) -> dict:
    counts = applications.aggregate(
        total=Count("id"), online=Count("id", filter=Q(channel=Channel.ONLINE)),
        checked=Count("id", filter=~Q(check_source="")),
        shared=Count("id", filter=Q(check_source="datapool")),
        decided=Count("id", filter=Q(status__in=[ApplicationStatus.APPROVED, ApplicationStatus.REJECTED])),
        timely=Count("id", filter=Q(status__in=[ApplicationStatus.APPROVED, ApplicationStatus.REJECTED],
                                    decided_at__date__lte=F("due_on"))),
        complete=Count("id", distinct=True, filter=Q(
            status__in=[ApplicationStatus.APPROVED, ApplicationStatus.REJECTED], authorizations__isnull=False,
            visit__status=VisitStatus.DONE)))
    cash = matches.filter(benefit_kind="cash", status=MatchStatus.DELIVERED)
    funds = cash.aggregate(total=Count("id"), in_place=Count("id", filter=Q(funds_in_place=True)))
    joint = (matches.values("household").annotate(owners=Count("owner", distinct=True)).filter(owners__gte=2)
             .count())
    rated_matches = matches.filter(rating__isnull=False).aggregate(n=Count("id"), mean=Avg("rating"))
    rated_wishes = wishes.filter(status=WishStatus.RATED).aggregate(n=Count("id"), mean=Avg("rating"))
    n = (rated_matches["n"] or 0) + (rated_wishes["n"] or 0)
    mean = None
    if n:
        mean = ((rated_matches["mean"] or 0) * (rated_matches["n"] or 0)
                + (rated_wishes["mean"] or 0) * (rated_wishes["n"] or 0)) / n
    return {
        "online_rate": share_cell(counts["online"], counts["total"]),
        "sharing_rate": share_cell(counts["shared"], counts["checked"]),
        "timely_rate": share_cell(counts["timely"], counts["decided"]),
        "funds_rate": share_cell(funds["in_place"], funds["total"]),
        "joint_handlings": count_cell(joint),
        "satisfaction": stat_cell(mean, n, digits=2),
        "completeness": share_cell(counts["complete"], counts["decided"]),
        "applications": count_cell(counts["total"]),
    }


def indicators(user, region=None) -> dict:
    """The seven indicators for the reader's scope (or ``region``), and per child region (town or village)."""
    from zhili.core.orgs.api import Region

    applications = applications_for(user)
    matches = matches_for(user)
    wishes = Wish.objects.all()
    if region is not None:
        applications = applications.filter(household__region__path__startswith=region.path)
        matches = matches.filter(household__region__path__startswith=region.path)
        wishes = wishes.filter(household__region__path__startswith=region.path)
    overall = _figures(applications, matches, wishes)
    children = []
    below = Region.objects.filter(parent=region).order_by("code") if region is not None else _towns(applications)
    for child in below:
        path = child.path
        children.append({"region": child, "figures": _figures(
            applications.filter(household__region__path__startswith=path),
            matches.filter(household__region__path__startswith=path),
            wishes.filter(household__region__path__startswith=path))})
    return {"overall": overall, "children": children, "warnings": count_cell(warnings_for(user).count())}


def _towns(applications):
    """The towns the applications' villages lie in."""
    from zhili.core.orgs.api import Region

    towns = applications.values_list("household__region__parent_id", flat=True).distinct()
    return Region.objects.filter(pk__in=list(towns)).order_by("code")
