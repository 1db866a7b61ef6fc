"""The scene's maps (core.ui ``MapData``, drawn by ``{% ui_map %}``): the workers a clerk or an agency sees, by the
colour of their code, and a customer's matches around the address.

A customer never sees where a housekeeper lives or starts from: a match is drawn at the centre of its ~2 km search
cell (``matching.CELL_DEGREES``), with the distance the score used. Clerks and agencies see the service point
their records hold.
"""

import math

from django.urls import reverse
from django.utils.translation import gettext as _

from zhili.core.foundation.api import pii
from zhili.core.ui.api import MapData, point

from .choices import CodeColour
from .matching import CELL_DEGREES

LIMIT = 2000  # points on one map; the list below it pages through the rest
CUSTOMER_COLOUR = "#206bc4"


def worker_map(workers) -> MapData:
    """The first ``LIMIT`` of ``workers`` (a queryset already scoped to the viewer) by code colour."""
    data = MapData(legend=[(str(c.label), c.colour) for c in CodeColour])
    rows = workers.order_by("pk").values_list("pk", "name", "code_colour", "latitude", "longitude", "stars",
                                              "agency__name", "on_watch_list")[:LIMIT]
    for pk, name, colour, latitude, longitude, stars, agency, watched in rows:
        code = CodeColour(colour)
        lines = [agency, f"{code.label} · {stars} ★"] + ([_("重点关注")] if watched else [])
        data.add(point(longitude, latitude, title=pii.mask_name(name), colour=code.colour,
                       group=str(code.label), url=reverse("housekeeping:worker_detail", args=[pk]), lines=lines))
    return data


def _cell_centre(latitude: float, longitude: float) -> tuple[float, float]:
    return (round((math.floor(latitude / CELL_DEGREES) + 0.5) * CELL_DEGREES, 6),
            round((math.floor(longitude / CELL_DEGREES) + 0.5) * CELL_DEGREES, 6))


def match_map(wanted, matches) -> MapData:
    """The request's address and its matches (rank, masked name, score, distance) at their cells' centres."""
    data = MapData(legend=[(_("服务地址"), CUSTOMER_COLOUR), (_("推荐服务员（约位置）"), CodeColour.GREEN.colour)])
    data.add(point(wanted.longitude, wanted.latitude, title=_("服务地址"), colour=CUSTOMER_COLOUR, radius=9,
                   lines=[wanted.address]))
    for rank, (candidate, worker) in enumerate(matches, start=1):
        latitude, longitude = _cell_centre(worker.latitude, worker.longitude)
        data.add(point(longitude, latitude, title=f"{rank}. {worker.masked_name}", colour=CodeColour.GREEN.colour,
                       lines=[_("{score} 分 · {km} 公里").format(score=f"{candidate.score:.1f}",
                                                              km=f"{candidate.distance_km:.1f}")]))
    return data
