"""Reads of the 浙农补 scene: what a person may see, and the figures of rounds and the cockpit."""

from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from zhili.core.identity.api import filter_by_scope

from .choices import LandUse, LineStatus, WarningColour
from .models import Farmer, PaymentFile, Plot, PreVerifiedPlot, SubsidyRound, Survey, SurveyResult

PAID_OR_PAYING = (LineStatus.IN_FILE, LineStatus.PAID)
CLAIMED_STATUSES = (LineStatus.CLAIMED, LineStatus.PASSED, LineStatus.HELD, LineStatus.EXCLUDED,
                    LineStatus.IN_FILE, LineStatus.PAID)


def plots_for(user) -> QuerySet:
    """The plots in the user's data scope."""
    return filter_by_scope(user, Plot.objects.select_related("region", "contractor"))


def plot_for(user, pk: int) -> Plot:
    return get_object_or_404(plots_for(user), pk=pk)


def filter_plots(plots: QuerySet, *, town=None, village: str = "", land_use: str = "", q: str = "") -> QuerySet:
    if town:
        plots = plots.filter(region=town)
    if village:
        plots = plots.filter(village=village)
    if land_use:
        plots = plots.filter(land_use=land_use)
    if q:
        plots = plots.filter(Q(code__icontains=q) | Q(contractor__name=q))
    return plots


def plot_history(plot: Plot) -> dict:
    """A plot's survey results, newest first, and its pre-verifications in every round."""
    return {
        "surveys": list(SurveyResult.objects.filter(plot=plot).select_related("survey").order_by("-survey__taken_on")),
        "lines": list(PreVerifiedPlot.objects.filter(plot=plot).select_related("round", "farmer", "claim",
                                                                               "rectification")
                      .order_by("-round__year")),
        "transfers": list(plot.transfers.select_related("operator")),
    }


def rounds_for(user) -> QuerySet:
    return filter_by_scope(user, SubsidyRound.objects.select_related("region"))


def round_for(user, pk: int) -> SubsidyRound:
    return get_object_or_404(rounds_for(user), pk=pk)


def round_figures(round_: SubsidyRound) -> dict:
    """Plots and yuan of a round by colour and by status: offered, claimed, passed, paid."""
    lines = PreVerifiedPlot.objects.filter(round=round_)
    by_colour = dict(lines.values_list("colour").annotate(n=Count("id")).values_list("colour", "n"))
    by_status = {s: (n, a or Decimal("0.00")) for s, n, a in
                 lines.values_list("status").annotate(n=Count("id"), a=Sum("amount_yuan"))
                 .values_list("status", "n", "a")}

    def amount(*statuses):
        return sum((by_status.get(s, (0, Decimal(0)))[1] for s in statuses), Decimal("0.00"))

    return {
        "colours": [(WarningColour(c), by_colour.get(c, 0)) for c in WarningColour.values],
        "statuses": [(LineStatus(s), *by_status.get(s, (0, Decimal("0.00")))) for s in LineStatus.values],
        "offered_yuan": amount(*LineStatus.values) - amount(LineStatus.BLOCKED),
        "claimed_yuan": amount(*CLAIMED_STATUSES),
        "passed_yuan": amount(LineStatus.PASSED, *PAID_OR_PAYING),
        "paid_yuan": amount(LineStatus.PAID),
        "claims": round_.claims.count(),
    }


def payment_files_for(user) -> QuerySet:
    return filter_by_scope(user, PaymentFile.objects.select_related("round", "made_by", "first_approver",
                                                                    "second_approver"), "round__region")


def payment_file_for(user, pk: int) -> PaymentFile:
    return get_object_or_404(payment_files_for(user), pk=pk)


def farmer_of(user) -> Farmer | None:
    return Farmer.objects.filter(user=user).first() if user.is_authenticated else None


def my_rounds(farmer: Farmer) -> list[dict]:
    """The farmer's pre-verified plots by round, newest round first, with the total to be paid and paid."""
    lines = (PreVerifiedPlot.objects.filter(farmer=farmer).select_related("round", "plot", "claim", "objection",
                                                                       "rectification")
             .order_by("-round__year", "round__subsidy_type", "plot__code"))
    rounds: dict[int, dict] = {}
    for line in lines:
        entry = rounds.setdefault(line.round_id, {"round": line.round, "lines": [], "claim": line.claim,
                                                  "offered_yuan": Decimal("0.00"), "paid_yuan": Decimal("0.00")})
        entry["lines"].append(line)
        entry["claim"] = entry["claim"] or line.claim
        if line.status != LineStatus.BLOCKED:
            entry["offered_yuan"] += line.amount_yuan
        if line.status == LineStatus.PAID:
            entry["paid_yuan"] += line.amount_yuan
    for entry in rounds.values():
        entry["claimable"] = any(line.status == LineStatus.OFFERED for line in entry["lines"])
    return list(rounds.values())


def land_use_counts(plots: QuerySet) -> list[tuple[LandUse, int, Decimal]]:
    """Plots and registered mu in each survey class."""
    rows = {u: (n, a) for u, n, a in plots.order_by().values_list("land_use").annotate(
        n=Count("id"), a=Sum("registered_area_mu")).values_list("land_use", "n", "a")}
    return [(LandUse(u), *rows.get(u, (0, Decimal("0.00")))) for u in LandUse.values]


def surveys_for(user) -> QuerySet:
    """The surveys of the user's scope, each with its count of plots by class."""
    return filter_by_scope(user, Survey.objects.select_related("region")).annotate(plots=Count("results"))


def line_for(user, pk: int) -> PreVerifiedPlot:
    """A pre-verified plot of a round in the user's scope; "not found" otherwise."""
    lines = filter_by_scope(user, PreVerifiedPlot.objects.select_related("round__region", "plot"), "round__region")
    return get_object_or_404(lines, pk=pk)
