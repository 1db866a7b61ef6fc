"""Services of the 浙里急救 scene: routing, triage, geocoding, calls, dispatch with override, pre-emption and
cover, the crew's statuses, devices, the hospital's handover, and who may see a patient."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404

from zhili.core.foundation.api import AuditEntry
from zhili.scenes.emergency import queries, routing, services
from zhili.scenes.emergency.choices import AmbulanceStatus, CallStatus, RunStatus
from zhili.scenes.emergency.gazetteer import geocode
from zhili.scenes.emergency.models import Ambulance, Call, Run, Terminal
from zhili.scenes.emergency.triage import triage

TINY = """u,v,u_lon,u_lat,v_lon,v_lat,length_m,speed_kmh,oneway
a,b,120.0,28.0,120.01,28.0,1000,60,0
b,c,120.01,28.0,120.02,28.0,1000,60,1
a,c,120.0,28.0,120.02,28.0,1500,30,0
a,c,120.0,28.0,120.02,28.0,1500,15,0
"""


def test_the_graph_keeps_the_quickest_of_parallel_roads_and_respects_one_way():
    graph = routing.parse_edges(TINY)
    a, b, c = (graph.node_ids.index(k) for k in "abc")
    assert graph.times_to(c)[a] == pytest.approx(120.0)  # a→b→c at 60 km/h, not the 30 or 15 km/h road (180 s)
    assert graph.times_to(b)[c] == pytest.approx(180 + 60)  # b→c is one-way: c→a→b
    assert graph.route(a, c) == ([a, b, c], pytest.approx(120.0))


def test_a_bad_road_file_names_its_line_and_loads_nothing(jinyun, dispatcher):
    with pytest.raises(ValidationError) as exc:
        services.load_road_network(region=jinyun, name="坏文件", data=TINY + "c,d,x,28,120,28,10,30,0\n",
                                   actor=dispatcher)
    assert "第 6 行" in exc.value.message_dict["edges"][0]
    assert queries.network_for(jinyun) is None


def test_triage_sets_priority_and_capability():
    assert (triage({"conscious": True, "breathing": False})[:2]) == ("A", "chest_pain")
    assert triage({"conscious": False, "breathing": True, "stroke_signs": True})[:2] == ("A", "stroke")
    assert triage({"conscious": True, "breathing": True, "chest_pain": True})[:2] == ("B", "chest_pain")
    assert triage({"conscious": True, "breathing": True, "trauma": True, "child": True})[:2] == ("C", "paediatric")
    assert triage({"conscious": True, "breathing": True})[:2] == ("D", "general")
    with pytest.raises(ValidationError) as exc:
        triage({"conscious": True})
    assert "breathing" in exc.value.message_dict


def test_a_described_place_is_found_in_the_gazetteer_and_nonsense_is_not():
    rows = [(1, "缙云县五云街道解放路12号", 120.1, 28.6), (2, "缙云县壶镇镇工业路3号", 120.2, 28.7)]
    assert geocode("壶镇工业路3号门口", rows).address_id == 2
    assert geocode("随便什么地方", rows) is None


def test_a_call_without_location_reaches_the_dispatcher_at_once_with_the_number_encrypted(
        county, jinyun, caller_wu, dispatcher, dispatcher_sun):
    call = services.place_call(actor=caller_wu, region=jinyun, described="", complaint="胸口痛")
    assert call.location_source == "none" and not call.has_location
    assert [c.pk for c in queries.calls_by_priority(dispatcher)] == [call.pk]
    assert queries.calls_by_priority(dispatcher_sun) == []
    with connection.cursor() as cursor:
        cursor.execute(f"select phone from {Call._meta.db_table} where id = %s", [call.pk])
        assert "13800000035" not in cursor.fetchone()[0]
    assert call.masked_phone == "138****0035"
    with pytest.raises(ValidationError) as exc:
        services.dispatch_call(call, ambulance=Ambulance.objects.first(), actor=dispatcher)
    assert "location" in exc.value.message_dict and not Run.objects.exists()


def _call_near(ambulance, caller, region, *, answers=None, dispatcher=None):
    call = services.place_call(actor=caller, region=region, lon=ambulance.lon + 0.001, lat=ambulance.lat)
    if answers:
        call = services.triage_call(call, answers=answers, actor=dispatcher)
    return call


def test_the_dispatcher_confirms_the_least_eta_ambulance_or_overrides_with_a_reason(
        county, jinyun, ambulance, caller_wu, dispatcher):
    call = _call_near(ambulance, caller_wu, jinyun, answers={"conscious": False, "breathing": True},
                      dispatcher=dispatcher)
    options = queries.recommend(call)
    assert options[0].ambulance.station_id == ambulance.station_id
    assert [o.option.eta_s for o in options] == sorted(o.option.eta_s for o in options)
    other = options[-1].ambulance
    with pytest.raises(ValidationError) as exc:
        services.dispatch_call(call, ambulance=other, actor=dispatcher)
    assert "reason" in exc.value.message_dict
    assert not Run.objects.exists() and Call.objects.get(pk=call.pk).status == CallStatus.WAITING
    run = services.dispatch_call(call, ambulance=other, actor=dispatcher, reason="推荐车辆司机报告故障")
    assert run.recommended == options[0].ambulance and run.override_reason == "推荐车辆司机报告故障"
    assert AuditEntry.objects.filter(action="emergency.run.override").count() == 1
    assert Ambulance.objects.get(pk=other.pk).status == AmbulanceStatus.ON_RUN


def test_an_a_call_pre_empts_a_run_to_a_d_call_and_the_d_call_goes_back_to_the_queue(
        county, jinyun, ambulance, caller_wu, citizen_zheng, dispatcher):
    Ambulance.objects.exclude(pk=ambulance.pk).update(status=AmbulanceStatus.OUT_OF_SERVICE)
    minor = _call_near(ambulance, caller_wu, jinyun, answers={"conscious": True, "breathing": True},
                       dispatcher=dispatcher)
    first = services.dispatch_call(minor, ambulance=ambulance, actor=dispatcher)
    arrest = _call_near(ambulance, citizen_zheng, jinyun, answers={"conscious": False, "breathing": False},
                        dispatcher=dispatcher)
    [option] = queries.recommend(arrest)
    assert option.option.kind == routing.PRE_EMPT
    second = services.dispatch_call(arrest, ambulance=ambulance, actor=dispatcher)
    assert second.pre_empted_run == first
    assert Run.objects.get(pk=first.pk).status == RunStatus.DIVERTED
    assert Call.objects.get(pk=minor.pk).status == CallStatus.WAITING
    assert queries.calls_by_priority(dispatcher)[0].pk == minor.pk


def test_cover_keeps_a_station_s_last_ambulance_for_non_a_calls(county, jinyun, caller_wu, dispatcher):
    station = county["stations"][3]  # 东渡急救站: one ambulance
    lone = Ambulance.objects.get(station=station)
    call = _call_near(lone, caller_wu, jinyun, answers={"conscious": True, "breathing": True},
                      dispatcher=dispatcher)
    options = queries.recommend(call)
    lone_option = next(o for o in options if o.ambulance == lone)
    assert lone_option.option.cover_loss and lone_option.option.score_s == lone_option.option.eta_s + 120
    call = services.triage_call(call, answers={"conscious": False, "breathing": False}, actor=dispatcher)
    assert queries.recommend(call)[0].ambulance == lone  # an A call: the nearest goes, cover or not


def test_the_crew_reports_statuses_vitals_and_hospital_and_the_hospital_takes_over(
        county, jinyun, ambulance, crew_zhao, nurse_chen, main_hospital, caller_wu, dispatcher):
    call = _call_near(ambulance, caller_wu, jinyun, answers={"conscious": True, "breathing": True,
                                                             "chest_pain": True}, dispatcher=dispatcher)
    run = services.dispatch_call(call, ambulance=ambulance, actor=dispatcher)
    for _step in range(4):
        run = services.advance_run(run, actor=crew_zhao)
    assert run.status == RunStatus.PATIENT and run.on_scene_at and run.response_s is not None
    with pytest.raises(ValidationError):
        services.advance_run(run, actor=crew_zhao)  # 送达 needs a hospital first
    suggestions = queries.suggest_hospitals(run)
    assert suggestions[0].capable and "chest_pain" in suggestions[0].hospital.capabilities
    services.record_vitals(run, readings={"heart_rate": 112, "systolic": 90, "spo2": 93}, actor=crew_zhao,
                           notes="胸痛 40 分钟")
    with pytest.raises(ValidationError) as exc:
        services.record_vitals(run, readings={"spo2": 130}, actor=crew_zhao)
    assert "spo2" in exc.value.message_dict
    assert queries.incoming_runs(nurse_chen).count() == 0
    services.choose_hospital(run, hospital=main_hospital, actor=crew_zhao)
    assert [r.pk for r in queries.incoming_runs(nurse_chen)] == [run.pk]
    assert queries.run_for(nurse_chen, run.pk).latest_vitals["heart_rate"] == 112
    run = services.advance_run(run, actor=crew_zhao)
    services.hand_over(run, actor=nurse_chen)
    assert Ambulance.objects.get(pk=ambulance.pk).status == AmbulanceStatus.RETURNING
    assert Call.objects.get(pk=call.pk).status == CallStatus.CLOSED
    services.return_to_station(ambulance, actor=crew_zhao)
    assert Ambulance.objects.get(pk=ambulance.pk).status == AmbulanceStatus.AT_STATION


def test_a_position_from_a_device_not_on_the_run_is_refused_and_changes_nothing(
        county, jinyun, ambulance, caller_wu, dispatcher):
    call = _call_near(ambulance, caller_wu, jinyun)
    run = services.dispatch_call(call, ambulance=ambulance, actor=dispatcher)
    other = Ambulance.objects.exclude(pk=ambulance.pk).first()
    before = (ambulance.lon, ambulance.lat)
    with pytest.raises(PermissionDenied):
        services.report_position(run, device_id=other.device_id, lon=120.2, lat=28.7)
    ambulance.refresh_from_db()
    assert (ambulance.lon, ambulance.lat) == before
    assert AuditEntry.objects.filter(action="emergency.position.refused").count() == 1
    services.report_position(run, device_id=ambulance.device_id, lon=call.lon + 0.01, lat=call.lat)
    run.refresh_from_db()
    assert run.eta_s > 0 and Ambulance.objects.get(pk=ambulance.pk).lon == pytest.approx(call.lon + 0.01)


def test_a_patient_is_visible_only_to_the_crew_the_receiving_hospital_and_the_centre(
        county, jinyun, ambulance, crew_zhao, nurse_chen, main_hospital, caller_wu, citizen_zheng, dispatcher,
        dispatcher_sun, client):
    call = _call_near(ambulance, caller_wu, jinyun)
    run = services.dispatch_call(call, ambulance=ambulance, actor=dispatcher)
    services.choose_hospital(run, hospital=main_hospital, actor=crew_zhao)
    for user in (crew_zhao, nurse_chen, dispatcher):
        assert queries.run_for(user, run.pk) == run
    for user in (caller_wu, citizen_zheng, dispatcher_sun):
        with pytest.raises(Http404):
            queries.run_for(user, run.pk)
    client.force_login(dispatcher_sun)
    assert client.get(f"/emergency/runs/{run.pk}/").status_code == 404
    assert client.get(f"/api/v1/emergency/runs/{run.pk}").status_code == 404
    client.force_login(nurse_chen)
    assert client.get(f"/emergency/runs/{run.pk}/").status_code == 200
    assert AuditEntry.objects.filter(action="emergency.patient.read").count() == 1


def _terminal_token(client, ambulance, organization) -> str:
    terminal, secret = services.register_terminal(ambulance, organization=organization)
    answer = client.post("/api/v1/identity/token", {"grant_type": "client_credentials",
                                                    "client_id": terminal.client.client_id,
                                           "client_secret": secret})
    assert answer.status_code == 200, answer.content
    return answer.json()["access_token"]


def test_the_device_api_takes_the_terminal_from_its_token_and_refuses_any_other(
        county, jinyun, ambulance, caller_wu, dispatcher, main_hospital, client):
    call = _call_near(ambulance, caller_wu, jinyun)
    run = services.dispatch_call(call, ambulance=ambulance, actor=dispatcher)
    url = f"/api/v1/emergency/runs/{run.pk}/position"
    body = {"lon": call.lon, "lat": call.lat}
    assert client.post(url, body, content_type="application/json").status_code == 401  # no token, no device

    other = Ambulance.objects.exclude(pk=ambulance.pk).first()
    centre = main_hospital.organization  # any organisation of the county will do as the clients' owner here
    wrong = _terminal_token(client, other, centre)
    refused = client.post(url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {wrong}")
    assert refused.status_code == 403
    assert AuditEntry.objects.filter(action="emergency.position.refused").count() == 1
    vitals = client.post(f"/api/v1/emergency/runs/{run.pk}/vitals", {"heart_rate": 90},
                         content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {wrong}")
    assert vitals.status_code == 403
    run.refresh_from_db()
    assert run.vitals == []

    own = _terminal_token(client, ambulance, centre)
    ok = client.post(url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {own}")
    assert ok.status_code == 204
    ambulance.refresh_from_db()
    assert ambulance.position_at is not None

    services.revoke_terminal(Terminal.objects.get(ambulance=ambulance, revoked_at__isnull=True), actor=None)
    after = client.post(url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {own}")
    assert after.status_code == 403  # the token still exists in core, but the terminal it spoke for is revoked


def test_the_bounded_search_ranks_exactly_as_the_full_one():
    import math

    import numpy as np

    graph = routing.parse_edges(routing.generate_network(centre=(120.09, 28.66), rows=30, cols=30, spacing_m=250))
    rng = np.random.default_rng(1)
    kinds = [routing.IDLE, routing.RETURNING, routing.PRE_EMPT]
    fleet = [routing.Candidate(i, int(rng.integers(graph.node_count)), kinds[i % 3], i % 10, i % 7 == 0)
             for i in range(60)]
    for node in rng.integers(graph.node_count, size=10):
        bounded = routing.recommend(graph, int(node), fleet, turnout_s=180, cover_penalty_s=120, search_s=30)
        full = routing.recommend(graph, int(node), fleet, turnout_s=180, cover_penalty_s=120, search_s=math.inf)
        assert [(o.key, o.score_s) for o in bounded] == [(o.key, o.score_s) for o in full]


def test_least_eta_never_sends_a_later_ambulance_than_the_straight_line_to_a_lone_call():
    import numpy as np

    from zhili.scenes.emergency import simulation
    from zhili.scenes.emergency.synth import demo_county

    scale = demo_county()
    county = simulation.county_for(scale.graph, stations=scale.stations, fleet=scale.fleet,
                                   hospitals=scale.hospitals, demand_points=200)
    calls = simulation.make_calls(county, 200, per_day=2, seed=5)
    calls.t = np.arange(200) * 43200.0  # a call every 12 hours: every ambulance is back at its station
    straight = simulation.simulate(county, calls, "straight")
    eta = simulation.simulate(county, calls, "eta")
    assert (eta <= straight + 1e-6).all() and (eta < straight).any()
    assert simulation.simulate(county, calls, "eta_pre_cover").shape == (200,)


def test_a_late_response_opens_one_review_case_for_the_dispatching_centre(
        county, jinyun, ambulance, caller_wu, dispatcher, crew_zhao):
    import datetime as dt

    from django.utils import timezone

    from zhili.core.cases.api import Case
    from zhili.core.identity.api import organizations_of

    late_call = _call_near(ambulance, caller_wu, jinyun)
    late = services.dispatch_call(late_call, ambulance=ambulance, actor=dispatcher)
    received = timezone.now() - dt.timedelta(hours=2)
    Call.objects.filter(pk=late_call.pk).update(received_at=received)
    for seconds in (30, 120, 900):  # at the scene 17.5 minutes after the call: over the 12-minute target
        late = services.advance_run(late, actor=crew_zhao, at=received + dt.timedelta(seconds=seconds))
    on_time_call = _call_near(ambulance, caller_wu, jinyun)
    other = queries.recommend(on_time_call)[0].ambulance
    on_time = services.dispatch_call(on_time_call, ambulance=other, actor=dispatcher)
    Call.objects.filter(pk=on_time_call.pk).update(received_at=received)
    Run.objects.filter(pk=on_time.pk).update(on_scene_at=received + dt.timedelta(seconds=400))

    opened = services.open_late_response_cases()
    assert [c.subject_id for c in opened] == [str(late.pk)]
    case = Case.objects.get()
    assert case.case_type == "emergency.late_response" and case.due_at is not None
    assert case.organization_id in organizations_of(dispatcher) and "超过目标 12 分钟" in case.title
    assert Run.objects.get(pk=late.pk).late_case_id == case.pk
    assert services.open_late_response_cases() == [] and Case.objects.count() == 1  # raised once


ROADS_BY_CLASS = """u,v,u_lon,u_lat,v_lon,v_lat,length_m,speed_kmh,oneway,road_class
a,b,120.0,28.0,120.01,28.0,1500,60,0,arterial
b,c,120.01,28.0,120.02,28.0,1500,60,0,arterial
a,c,120.0,28.0,120.02,28.0,2400,40,0,local
"""


def test_road_speeds_follow_the_profile_of_the_hour_by_road_class():
    graph = routing.parse_edges(ROADS_BY_CLASS)
    a, b, c = (graph.node_ids.index(k) for k in "abc")
    assert graph.at_hour(3).route(a, c) == ([a, b, c], pytest.approx(180.0))  # night: free flow on the arterial
    peak = routing.profile_from(routing.parse_profile("road_class,hour,factor\narterial,8,0.4\nlocal,8,0.9\n"))
    at_eight = graph.with_profile(peak).at_hour(8)
    assert at_eight.route(a, c) == ([a, c], pytest.approx(216 / 0.9))  # the local road, 216 s at free flow
    assert at_eight.times_to(b)[a] == pytest.approx(90 / 0.4)  # the arterial segment at 40 % of its speed
    default = graph.at_hour(8)
    assert default.times_to(c)[a] > graph.at_hour(3).times_to(c)[a]  # the default profile has a morning peak
    with pytest.raises(ValidationError) as exc:
        routing.parse_profile("road_class,hour,factor\narterial,8,0.4\nlane,25,1\n")
    assert "第 3 行" in exc.value.message_dict["profile"][0]


def test_the_recommendation_uses_the_road_speeds_of_the_hour_of_the_call(county, jinyun, ambulance, caller_wu,
                                                                           dispatcher):
    import datetime as dt

    from django.utils import timezone

    call = services.place_call(actor=caller_wu, region=jinyun, lon=ambulance.lon - 0.02, lat=ambulance.lat + 0.025)
    day = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    drive = {}
    for hour in (3, 8):
        Call.objects.filter(pk=call.pk).update(received_at=day.replace(hour=hour) - dt.timedelta(days=1))
        drive[hour] = queries.recommend(Call.objects.get(pk=call.pk))[0].option.drive_s
    assert drive[3] > 60 and drive[8] > drive[3] * 1.1  # the morning peak is slower than the night
