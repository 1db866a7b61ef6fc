"""The 浙里急救 pages a test client can check: the cockpit's figures for the centre, the AED and live maps, and
the pages a person outside the circle may not open."""

from zhili.scenes.emergency import services


def _finished_run(county, ambulance, crew, nurse, hospital, caller, dispatcher):
    call = services.place_call(actor=caller, region=county["stations"][0].region, lon=ambulance.lon + 0.002,
                               lat=ambulance.lat)
    services.triage_call(call, answers={"conscious": True, "breathing": True, "trauma": True}, actor=dispatcher)
    run = services.dispatch_call(call, ambulance=ambulance, actor=dispatcher)
    for _step in range(4):
        run = services.advance_run(run, actor=crew)
    services.choose_hospital(run, hospital=hospital, actor=crew)
    run = services.advance_run(run, actor=crew)
    return services.hand_over(run, actor=nurse)


def test_the_cockpit_counts_the_centre_s_runs_and_the_maps_draw(
        client, county, ambulance, crew_zhao, nurse_chen, main_hospital, caller_wu, dispatcher):
    _finished_run(county, ambulance, crew_zhao, nurse_chen, main_hospital, caller_wu, dispatcher)
    client.force_login(dispatcher)
    data = client.get("/emergency/cockpit/data/").json()["analyses"]
    kpi = dict((row[0], row[1]) for row in data["kpi"]["rows"])
    assert kpi["呼救总数"]["display"] == "<5"  # one call: a small cell, suppressed
    assert [row[0] for row in data["need"]["rows"]][3] == "创伤中心"
    assert client.get("/emergency/cockpit/").status_code == 200
    live_map = client.get("/emergency/cockpit/map/")
    assert live_map.status_code == 200 and "8 辆救护车" in live_map.content.decode()
    assert client.get("/emergency/aeds/").status_code == 200
    assert client.get("/emergency/cockpit/export/response/").status_code == 200


def test_a_caller_cannot_open_the_console_the_cockpit_or_someone_else_s_call(
        client, county, caller_wu, citizen_zheng):
    call = services.place_call(actor=caller_wu, region=county["stations"][0].region, described="某地")
    client.force_login(citizen_zheng)
    assert client.get(f"/emergency/calls/{call.pk}/").status_code == 404
    assert client.get(f"/emergency/console/calls/{call.pk}/").status_code == 404
    assert client.get("/emergency/console/").status_code == 403
    assert client.get("/emergency/cockpit/").status_code == 403
    client.force_login(caller_wu)
    page = client.get(f"/emergency/calls/{call.pk}/")
    assert page.status_code == 200 and page["Permissions-Policy"].endswith("geolocation=()")  # core's default
    assert client.get("/emergency/")["Permissions-Policy"].endswith("geolocation=(self)")


def test_a_volunteer_consents_is_alerted_for_an_a_call_nearby_and_can_opt_out(
        client, county, ambulance, caller_wu, citizen_zheng, dispatcher):
    from zhili.core.notify.api import inbox_for

    client.force_login(citizen_zheng)
    page = client.get("/emergency/aeds/")
    assert page["Permissions-Policy"].endswith("geolocation=(self)")
    client.post("/emergency/volunteer/join/", {"region": "331122", "lon": ambulance.lon + 0.003,
                                                "lat": ambulance.lat})
    call = services.place_call(actor=caller_wu, region=county["stations"][0].region, lon=ambulance.lon + 0.002,
                               lat=ambulance.lat)
    call = services.triage_call(call, answers={"conscious": False, "breathing": False}, actor=dispatcher)
    services.dispatch_call(call, ambulance=services.queries.recommend(call)[0].ambulance, actor=dispatcher)
    assert inbox_for(citizen_zheng).count() == 1
    client.post("/emergency/volunteer/leave/")
    assert services.queries.volunteers_near(call) == []


def test_the_centre_registers_a_terminal_sees_its_secret_once_and_revokes_it(
        client, county, ambulance, dispatcher, dispatcher_sun):
    from zhili.core.foundation.api import AuditEntry
    from zhili.scenes.emergency.models import Terminal

    client.force_login(dispatcher)
    page = client.post("/emergency/console/terminals/", {"ambulance": ambulance.pk})
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    terminal = Terminal.objects.get(ambulance=ambulance)
    assert terminal.client.scopes == [f"emergency.terminal:{ambulance.device_id}"]  # derived, not typed
    secret = page.context["issued"]["secret"]
    assert secret in page.content.decode()
    assert secret not in client.get("/emergency/console/terminals/").content.decode()  # shown once
    token = client.post("/api/v1/identity/token", {"grant_type": "client_credentials",
                                                   "client_id": terminal.client.client_id, "client_secret": secret})
    assert token.status_code == 200

    client.force_login(dispatcher_sun)  # another county's dispatcher: not his vehicle, not his terminal
    assert client.post("/emergency/console/terminals/", {"ambulance": ambulance.pk}).status_code == 404
    assert client.post(f"/emergency/console/terminals/{terminal.pk}/revoke/").status_code == 404
    client.force_login(dispatcher)
    assert client.post(f"/emergency/console/terminals/{terminal.pk}/revoke/").status_code == 302
    terminal.refresh_from_db()
    assert terminal.revoked_at is not None and terminal.revoked_by == dispatcher
    assert AuditEntry.objects.filter(action="emergency.terminal.revoked").count() == 1


def test_the_command_registers_and_revokes_a_terminal(county, ambulance, main_hospital):
    import io

    from django.core.management import call_command

    from zhili.scenes.emergency.models import Terminal

    out = io.StringIO()
    call_command("register_terminal", ambulance.plate, organization=main_hospital.organization.name, stdout=out)
    terminal = Terminal.objects.get(ambulance=ambulance)
    assert f"client_id: {terminal.client.client_id}" in out.getvalue() and "client_secret: " in out.getvalue()
    call_command("register_terminal", ambulance.device_id, revoke=True, stdout=io.StringIO())
    assert not Terminal.objects.filter(revoked_at__isnull=True).exists()
