"""The scene's pages: who sees what, masked data on the scan page, 404 for what a person may not see, export."""

import io

import openpyxl
from django.utils import timezone

from zhili.core.testing.api import PASSWORD
from zhili.scenes.housekeeping import services
from zhili.scenes.housekeeping.choices import BackgroundCheck

from .conftest import make_worker


def _map(page) -> dict:
    import json
    import re

    found = re.search(r'<script id="ui-map-1-data" type="application/json">(.*?)</script>', page.content.decode(),
                      re.S)
    return json.loads(found.group(1))


def _client(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def test_the_scan_page_shows_masked_identity_and_for_red_only_contact_the_agency(
        client, anxin, admin_zhou, clerk_qian, customer_chen):
    worker = make_worker(anxin, admin_zhou, name="赵红霞", clerk=clerk_qian, background=BackgroundCheck.ABNORMAL)
    services.recompute_codes(timezone.localdate(), actor=clerk_qian)
    worker.refresh_from_db()
    page = _client(client, customer_chen).get(f"/housekeeping/code/{services.issue_code(worker)}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "赵**" in html and "赵红霞" not in html and worker.id_number not in html
    assert "请联系其所属家政机构" in html and "身份核查异常" not in html and "公安" not in html
    refused = client.get("/housekeeping/code/not-a-code/")
    assert refused.status_code == 410 and "此码无效" in refused.content.decode()


def test_a_clerk_lists_and_exports_the_region_and_another_county_gets_404(
        client, worker_wang, clerk_qian, clerk_sun):
    services.recompute_codes(timezone.localdate(), actor=clerk_qian)
    listing = _client(client, clerk_qian).get("/housekeeping/workers/?colour=green")
    assert "王秀英" in listing.content.decode()
    features = _map(listing)["features"]  # the workers on the map, by code colour, masked
    assert [(f["properties"]["title"], f["properties"]["group"]) for f in features] == [("王**", "绿码")]
    assert features[0]["geometry"]["coordinates"] == [worker_wang.longitude, worker_wang.latitude]
    export = client.get("/housekeeping/workers/?format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:2] == (worker_wang.code_key, "王**") and rows[1][2].startswith("330182")
    assert "*" in rows[1][2]
    client.logout()
    assert _client(client, clerk_sun).get(f"/housekeeping/workers/{worker_wang.pk}/").status_code == 404
    assert "王秀英" not in client.get("/housekeeping/workers/").content.decode()


def test_the_worker_sees_their_own_code_and_who_scanned_it(client, worker_wang, clerk_qian, customer_chen):
    services.recompute_codes(timezone.localdate(), actor=clerk_qian)
    services.scan_code(services.issue_code(worker_wang), actor=customer_chen)
    page = _client(client, worker_wang.user).get("/housekeeping/my-code/")
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "绿码" in html and "陈*" in html
    client.logout()
    assert _client(client, customer_chen).get("/housekeeping/my-code/").status_code == 403


def test_a_customer_asks_on_the_phone_page_sees_matches_and_books_and_the_agency_accepts(
        client, anxin, admin_zhou, clerk_qian, customer_chen, worker_wang):
    from zhili.scenes.housekeeping import matching
    from zhili.scenes.housekeeping.models import Order

    worker_wang.latitude, worker_wang.longitude = 29.479, 119.287
    worker_wang.cell = matching.grid_cell(29.479, 119.287)
    worker_wang.save()
    services.recompute_codes(timezone.localdate(), actor=clerk_qian)
    when = (timezone.localtime() + timezone.timedelta(days=1)).strftime("%Y-%m-%dT09:00")
    page = _client(client, customer_chen).post("/housekeeping/", {
        "service": "cleaning", "starts_at": when, "hours": "2", "budget_per_hour": "60", "languages": ["mandarin"]})
    assert page.status_code == 302
    matches = client.get(page["Location"])
    assert "王**" in matches.content.decode() and "为什么推荐" in matches.content.decode()
    address, match = _map(matches)["features"]  # the worker at the centre of the search cell, never the point
    assert address["properties"]["title"] == "服务地址" and match["properties"]["title"] == "1. 王**"
    assert match["geometry"]["coordinates"] == [119.29, 29.47] != [worker_wang.longitude, worker_wang.latitude]
    booked = client.post(page["Location"] + "book/", {"worker": worker_wang.pk})
    order = Order.objects.get()
    assert booked["Location"] == f"/housekeeping/orders/{order.pk}/"
    client.logout()
    _client(client, admin_zhou).post(f"/housekeeping/orders/{order.pk}/accept/")
    order.refresh_from_db()
    assert order.status == "accepted" and bytes(order.contract_pdf).startswith(b"%PDF")
    assert client.get(f"/housekeeping/orders/{order.pk}/contract.pdf")["Content-Type"] == "application/pdf"
    client.logout()
    assert _client(client, worker_wang.user).get(f"/housekeeping/orders/{order.pk}/").status_code == 200
    client.logout()
    assert client.get(f"/housekeeping/orders/{order.pk}/").status_code == 302  # signed out: to the login page


def test_the_cockpit_data_answers_the_clerk_and_refuses_others(client, worker_wang, clerk_qian, customer_chen):
    services.recompute_codes(timezone.localdate(), actor=clerk_qian)
    data = _client(client, clerk_qian).get("/housekeeping/cockpit/data/").json()["analyses"]
    assert set(data) == {"colours", "agency_grades", "worker_stars", "orders", "response", "ratings", "complaints",
                         "seekers"}
    assert data["response"]["rows"][1][1]["display"] in ("20", 20)
    client.logout()
    assert _client(client, customer_chen).get("/housekeeping/cockpit/data/").status_code == 403


def test_the_orders_api_lists_a_partys_orders_and_takes_the_steps_with_the_pages_checks(
        client, anxin, admin_zhou, admin_wu, clerk_qian, customer_chen, worker_wang):
    from zhili.scenes.housekeeping import matching

    worker_wang.latitude, worker_wang.longitude = 29.479, 119.287
    worker_wang.cell = matching.grid_cell(29.479, 119.287)
    worker_wang.save()
    services.recompute_codes(timezone.localdate(), actor=clerk_qian)
    wanted = services.request_service(customer=customer_chen.housekeeping_customer, service="cleaning",
                                      starts_at=timezone.now() + timezone.timedelta(days=1), hours="2",
                                      budget_per_hour="60", actor=customer_chen)
    order = services.book_worker(wanted, worker=worker_wang, actor=customer_chen)
    url = f"/api/v1/housekeeping/orders/{order.pk}"
    _client(client, admin_wu)  # another agency: the order does not exist for them
    assert client.get("/api/v1/housekeeping/orders").json() == [] and client.get(url).status_code == 404
    assert client.post(url + "/accept").status_code == 404
    client.logout()
    _client(client, customer_chen)
    assert client.post(url + "/accept").status_code == 403  # only the agency accepts
    client.logout()
    accepted = _client(client, admin_zhou).post(url + "/accept").json()
    assert (accepted["status"], accepted["worker"], accepted["signed"]["agency"]) == ("accepted", "王**", False)
    refused = client.post(url + "/cancel", {"note": " "}, content_type="application/json")
    assert refused.status_code == 400 and "note" in refused.json()["errors"]
    cancelled = client.post(url + "/cancel", {"note": "人手不足"}, content_type="application/json").json()
    assert (cancelled["status"], cancelled["revoked"]) == ("cancelled", False)  # nobody had signed
    client.logout()
    listed = _client(client, worker_wang.user).get("/api/v1/housekeeping/orders?status=cancelled").json()
    assert [o["number"] for o in listed] == [order.number]
