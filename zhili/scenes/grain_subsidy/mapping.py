"""The 一张图: a town's plots as GeoJSON for core.ui's map, coloured by survey class or by a round's warning.

A town holds thousands of plots, so the collection is written from the boundaries' stored JSON text without
decoding them (each plot's outline has 5–8 vertices and needs no simplifying); properties are written as JSON.
"""

import json

from django.db.models import F, TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext as _

from zhili.core.ui.api import MapData, polygon

from .choices import LandUse, WarningColour
from .models import Plot, PreVerifiedPlot


def legend(by_warning: bool) -> list[tuple[str, str]]:
    choices = WarningColour if by_warning else LandUse
    return [(str(choice.label), choice.colour) for choice in choices]


def town_collection(town, *, village: str = "", round_=None) -> bytes:
    """A FeatureCollection of the town's plots (with ``legend``), as UTF-8 JSON bytes for the map."""
    plots = Plot.objects.filter(region=town)
    if village:
        plots = plots.filter(village=village)
    base = reverse("grain_subsidy:plot_detail", args=[0])[:-2]
    if round_ is None:
        rows = plots.order_by().annotate(b=Cast("boundary", TextField())).values_list("id", "code", "village",
                                                                                        "land_use", "b")
        choice = {c.value: (str(c.label), c.colour) for c in LandUse}
    else:
        rows = (PreVerifiedPlot.objects.filter(round=round_, plot__in=plots).order_by()
                .annotate(b=Cast(F("plot__boundary"), TextField()))
                .values_list("plot_id", "plot__code", "plot__village", "colour", "b"))
        choice = {c.value: (str(c.label), c.colour) for c in WarningColour}
    parts = []
    for pk, code, village_name, key, boundary in rows.iterator(chunk_size=5000):
        label, colour = choice[key]
        props = json.dumps({"title": code, "colour": colour, "lines": [village_name, label], "group": label,
                            "url": f"{base}{pk}/"}, ensure_ascii=False)
        parts.append(f'{{"type":"Feature","geometry":{boundary},"properties":{props}}}')
    legend_json = json.dumps([{"label": label, "colour": colour} for label, colour in choice.values()],
                             ensure_ascii=False)
    return ('{"type":"FeatureCollection","legend":' + legend_json + ',"features":[' + ",".join(parts) + "]}").encode()


def plot_map(plot) -> MapData:
    """One plot on the map, in its survey class's colour."""
    use = LandUse(plot.land_use)
    return MapData(legend=[(str(use.label), use.colour)]).add(
        polygon(plot.boundary, title=plot.code, colour=use.colour, lines=[plot.village, str(use.label)]))


def farmer_map(lines) -> MapData:
    """A farmer's pre-verified plots in their warning colours, for the phone page."""
    data = MapData(legend=legend(by_warning=True))
    for line in lines:
        colour = WarningColour(line.colour)
        data.add(polygon(line.plot.boundary, title=line.plot.code, colour=colour.colour,
                         lines=[_("{area} 亩 · {amount} 元").format(area=line.eligible_area_mu, amount=line.amount_yuan),
                                str(colour.label)]))
    return data
