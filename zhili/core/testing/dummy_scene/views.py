from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from zhili.core.ui.api import MapData, line, point, polygon

from .models import DummyDocument


@login_required
def document_list(request):
    return HttpResponse(", ".join(d.title for d in DummyDocument.objects.all()))


@login_required
def map_page(request):
    """Three features in two layers, one of them with a title that must stay text (core.ui's map test)."""
    data = MapData(legend=[("站点", "#d63939"), ("地块", "#2fb344")])
    data.add(point(119.2790, 29.4760, title="新安江站", url="/dummy/", colour="#d63939", lines=["24 小时"],
                   group="站点"))
    data.add(point(119.3000, 29.5000, title="<img src=x onerror=alert(1)>", colour="#d63939", group="站点"))
    data.add(polygon([[(119.25, 29.45), (119.27, 29.45), (119.27, 29.47), (119.25, 29.45)]], title="地块 A-1",
                     colour="#2fb344", group="地块"))
    data.add(line([(119.25, 29.45), (119.30, 29.50)], title="路线", group="地块"))
    return render(request, "dummy_scene/map.html", {"data": data})
