"""Demo data of the 浙里急救 scene in 丽水市缙云县 (331122): a generated county road network and gazetteer,
stations and ambulances, three hospitals, AEDs, a volunteer, a login per role, and a few weeks of runs for the
cockpit. ``build_county`` is also what the tests use (on a smaller network)."""

import datetime as dt
import hashlib
import random

from zhili.core.scenes.api import register_demo

COUNTY_CODE = "331122"
CENTRE = (120.091, 28.659)  # 缙云县城 五云街道, WGS84
PASSWORD_NOTE = "浙里急救 · 缙云县"
USERNAMES = {"caller": "emergency_caller", "dispatcher": "emergency_dispatcher", "crew": "emergency_crew",
             "hospital": "emergency_hospital", "leader": "emergency_leader", "volunteer": "emergency_volunteer"}
TOWNS = ["五云街道", "新建镇", "壶镇镇", "东渡镇", "舒洪镇", "大洋镇", "胡源乡", "前路乡", "东方镇", "新碧街道"]
ROADS = ["解放路", "新建路", "好溪路", "仙都路", "丽缙大道", "工业路", "人民路", "仁岸路"]
STATIONS = [("县急救分中心", 0.0, 0.0, 3), ("壶镇急救站", 0.33, 0.3, 2), ("新建急救站", -0.3, -0.28, 2),
            ("东渡急救站", 0.3, -0.33, 1)]
HOSPITALS = [("缙云县人民医院", 0.05, 0.04, ["general", "chest_pain", "stroke", "trauma"]),
             ("缙云县中医医院", -0.12, 0.1, ["general", "trauma"]),
             ("缙云县妇幼保健院", 0.1, -0.1, ["general", "paediatric"]),
             ("壶镇中心卫生院", 0.36, 0.33, ["general"])]


def _phone(username: str) -> str:
    return "139" + f"{int(hashlib.sha256(username.encode()).hexdigest(), 16) % 10 ** 8:08d}"


def _person(username: str, name: str, role: str, *, organization=None, region=None):
    from django.conf import settings

    from zhili.core.identity.api import User, add_membership, create_person

    user = User.objects.filter(username=username).first()
    if user is None:
        user = create_person(name=name, username=username, password=settings.DEMO_PASSWORD, phone=_phone(username),
                             actor=None)
    add_membership(user, role=role, organization=organization, region=region, actor=None)
    return user


def _at(graph, node: int) -> tuple[float, float]:
    return float(graph.lon[node]), float(graph.lat[node])


def build_county(region, *, rows: int, cols: int, spacing_m: float, actor, seed: int = 33,
                 addresses: int = 200, aeds: int = 25) -> dict:
    """Load a generated road network for ``region`` and place stations, ambulances, hospitals, the gazetteer
    and AEDs on it (idempotent per region). Returns the objects made, by kind."""
    from zhili.core.orgs.api import Organization, OrganizationKind, register_department

    from . import routing, services
    from .models import AED, Address, Ambulance, Hospital, RoadNetwork, Station

    rng = random.Random(seed)
    if not RoadNetwork.objects.filter(region=region, active=True).exists():
        edges = routing.generate_network(centre=CENTRE, rows=rows, cols=cols, spacing_m=spacing_m, seed=seed)
        services.load_road_network(region=region, name=f"{region.name}道路网络（生成）", data=edges, actor=actor)
    from .queries import graph_for

    graph = graph_for(region)
    lon_span = float(graph.lon.max() - graph.lon.min())
    lat_span = float(graph.lat.max() - graph.lat.min())

    def near(fx: float, fy: float) -> tuple[float, float]:
        return _at(graph, graph.nearest_node(CENTRE[0] + fx * lon_span, CENTRE[1] + fy * lat_span))

    stations = []
    for index, (name, fx, fy, count) in enumerate(STATIONS):
        lon, lat = near(fx, fy)
        station, _ = Station.objects.get_or_create(region=region, name=name, defaults={"lon": lon, "lat": lat})
        stations.append(station)
        for k in range(count):
            sign = f"缙云{index + 1}{k + 1:02d}"
            Ambulance.objects.get_or_create(
                plate=f"浙K·{region.code[-3:]}{index}{k}急", defaults={
                    "region": region, "station": station, "call_sign": sign, "lon": lon, "lat": lat,
                    "device_id": f"DEV-{region.code}-{index}{k}"})
    hospitals = []
    for name, fx, fy, caps in HOSPITALS:
        org = (Organization.objects.filter(kind=OrganizationKind.MEDICAL, name=name, region=region).first()
               or register_department(name=name, region=region, kind=OrganizationKind.MEDICAL, actor=None))
        lon, lat = near(fx, fy)
        hospital, _ = Hospital.objects.get_or_create(organization=org, defaults={
            "region": region, "name": name, "lon": lon, "lat": lat, "capabilities": caps})
        hospitals.append(hospital)
    if not Address.objects.filter(region=region).exists():
        nodes = rng.sample(range(graph.node_count), min(addresses, graph.node_count))
        Address.objects.bulk_create([
            Address(region=region, name=f"{region.name}{TOWNS[i % len(TOWNS)]}{ROADS[(i // 3) % len(ROADS)]}"
                                        f"{(i % 97) + 1}号", lon=_at(graph, n)[0], lat=_at(graph, n)[1])
            for i, n in enumerate(nodes)])
    if not AED.objects.filter(region=region).exists():
        places = ["县政府大厅", "汽车站", "火车站候车室", "人民广场", "县体育馆", "仙都景区游客中心", "图书馆",
                  "中学操场", "社区卫生服务站", "农贸市场"]
        nodes = rng.sample(range(graph.node_count), min(aeds, graph.node_count))
        today = dt.date.today()
        AED.objects.bulk_create([
            AED(region=region, place=f"{TOWNS[i % len(TOWNS)]}{places[i % len(places)]}",
                lon=_at(graph, n)[0], lat=_at(graph, n)[1], hours="24小时" if i % 3 else "8:00–20:00",
                checked_on=today - dt.timedelta(days=rng.randint(3, 200)), usable=i % 11 != 5)
            for i, n in enumerate(nodes)])
    return {"stations": stations, "hospitals": hospitals, "graph": graph}


URBAN_SHARE = 0.65  # share of calls from the county town and township seats (within URBAN_M of a station)
URBAN_M = 3000.0  # the national guidance's urban service radius is ≤ 5 km; Yiwu's urban radius ≤ 3 km


def _call_places(region, rng, count: int) -> list[str]:
    """Where the demo's calls come from: most from the town and township seats near the stations (the urban
    share), the rest from the villages across the county, as a county's calls are spread."""
    import numpy as np

    from . import routing
    from .models import Address, Station

    rows = list(Address.objects.filter(region=region).values_list("name", "lon", "lat"))
    stations = list(Station.objects.filter(region=region).values_list("lon", "lat"))
    nearest = np.min([routing.straight_m(np.array([r[1] for r in rows]), np.array([r[2] for r in rows]), lon, lat)
                      for lon, lat in stations], axis=0)
    urban = [r[0] for r, m in zip(rows, nearest, strict=True) if m <= URBAN_M]
    rural = [r[0] for r, m in zip(rows, nearest, strict=True) if m > URBAN_M] or urban
    return [rng.choice(urban if urban and rng.random() < URBAN_SHARE else rural) for _ in range(count)]


def _history(region, *, dispatcher, hospital_staff, rng, count: int = 24) -> int:
    """A few weeks of finished runs for the cockpit: calls placed as the county's are (``_call_places``), times
    drawn around the province's figures (a crew accepts in ~20 s and is out in 1–2.5 min, the drive takes the road
    graph's time with the traffic of the moment, ±)."""
    from django.utils import timezone

    from . import services
    from .models import Ambulance, Call, Hospital

    if Call.objects.filter(region=region).exists():
        return 0
    made = 0
    base = timezone.now() - dt.timedelta(days=21)
    answers = [{"conscious": True, "breathing": True, "chest_pain": True},
               {"conscious": False, "breathing": True},
               {"conscious": True, "breathing": True, "trauma": True},
               {"conscious": True, "breathing": True, "stroke_signs": True},
               {"conscious": True, "breathing": True}]
    caller = _person(USERNAMES["caller"], "缙云呼救人", "emergency_caller")
    main = Hospital.objects.get(region=region, name=HOSPITALS[0][0])
    turnout = services.queries.parameter("turnout_s")
    for i, place in enumerate(_call_places(region, rng, count)):
        call = services.place_call(actor=caller, region=region, described=place, complaint="")
        call = services.triage_call(call, answers=answers[i % len(answers)], actor=dispatcher)
        best = services.queries.recommend(call, limit=1)
        if not best:
            continue
        run = services.dispatch_call(call, ambulance=best[0].ambulance, actor=dispatcher)
        crew = run.ambulance.crew.first() or _crew_for(run.ambulance)
        t0 = base + dt.timedelta(hours=i * 20 + rng.randint(0, 10))
        call_taking = rng.randint(40, 90)
        type(call).objects.filter(pk=call.pk).update(received_at=t0,
                                                     dispatched_at=t0 + dt.timedelta(seconds=call_taking))
        drive = max(30.0, (run.eta_s - turnout) * rng.uniform(0.9, 1.25))
        steps = [rng.randint(10, 30), rng.randint(50, 120), drive, rng.randint(300, 900), rng.randint(480, 1200)]
        when = t0 + dt.timedelta(seconds=call_taking)
        for k, seconds in enumerate(steps):
            when += dt.timedelta(seconds=seconds)
            if k == 4:
                services.choose_hospital(run, hospital=main, actor=crew)
                services.record_vitals(run, readings={"heart_rate": 70 + i, "systolic": 130, "diastolic": 85,
                                                      "spo2": 97}, actor=crew)
            run = services.advance_run(run, actor=crew, at=when)
        services.hand_over(run, actor=hospital_staff, at=when + dt.timedelta(minutes=5))
        services.return_to_station(Ambulance.objects.get(pk=run.ambulance_id), actor=crew)
        made += 1
    return made


def region_addresses(region):
    from .models import Address

    return Address.objects.filter(region=region).values_list("name", flat=True)


def _crew_for(ambulance):
    """A crew member for an ambulance without one (no password: not a demo login, made in no time)."""
    from zhili.core.identity.api import User, add_membership, create_person

    username = f"crew_{ambulance.device_id.lower()}"
    user = User.objects.filter(username=username).first() or create_person(
        name=f"{ambulance.call_sign}车组", username=username, actor=None)
    add_membership(user, role="emergency_crew", actor=None)
    ambulance.crew.add(user)
    return user


def load(report) -> list[str]:
    """Create (once) the county's network, fleet and hospitals, a login per role, history and a waiting call."""
    from django.conf import settings

    from zhili.core.identity.api import role_label
    from zhili.core.orgs.api import Organization, OrganizationKind, region_by_code, register_department

    from . import services
    from .models import Ambulance, Call, Hospital, Volunteer
    from .roles import CALLER, CREW, DISPATCHER, HOSPITAL, LEADER

    county = region_by_code(COUNTY_CODE)
    centre = (Organization.objects.filter(kind=OrganizationKind.INSTITUTION, name="缙云县急救指挥中心",
                                          region=county).first()
              or register_department(name="缙云县急救指挥中心", region=county, kind=OrganizationKind.INSTITUTION,
                                     actor=None))
    dispatcher = _person(USERNAMES["dispatcher"], "缙云调度员", DISPATCHER, organization=centre, region=county)
    leader = _person(USERNAMES["leader"], "缙云急救中心主任", LEADER, organization=centre, region=county)
    caller = _person(USERNAMES["caller"], "缙云呼救人", CALLER)
    made = build_county(county, rows=36, cols=36, spacing_m=650, actor=dispatcher)
    crew = _person(USERNAMES["crew"], "缙云车组医生", CREW, organization=centre)
    first = Ambulance.objects.filter(station=made["stations"][0]).order_by("call_sign").first()
    first.crew.add(crew)
    main_hospital = Hospital.objects.get(name=HOSPITALS[0][0], region=county)
    staff = _person(USERNAMES["hospital"], "缙云急诊护士", HOSPITAL, organization=main_hospital.organization)
    volunteer = _person(USERNAMES["volunteer"], "缙云急救志愿者", CALLER)
    if not Volunteer.objects.filter(user=volunteer).exists():  # a second load changes nothing
        services.register_volunteer(actor=volunteer, region=county, lon=first.lon + 0.002, lat=first.lat + 0.001)
    made_runs = _history(county, dispatcher=dispatcher, hospital_staff=staff, rng=random.Random(7))
    if made_runs and not Call.objects.filter(region=county, status="waiting").exists():
        services.place_call(actor=caller, region=county, described="五云街道解放路附近", complaint="老人突然倒地")
    for role, user in ((CALLER, caller), (DISPATCHER, dispatcher), (CREW, crew), (HOSPITAL, staff),
                       (LEADER, leader)):
        report.logins.append((role_label(role), user.username, settings.DEMO_PASSWORD, PASSWORD_NOTE))
    return [f"浙里急救：{Ambulance.objects.filter(region=county).count()} 辆救护车，"
            f"{Call.objects.filter(region=county).count()} 起呼救"]


register_demo("emergency", load)
