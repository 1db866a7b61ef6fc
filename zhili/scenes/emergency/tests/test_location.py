"""Location fusion: the operator's cell location over OMA MLP (pushed by the carrier, or asked of a location server
— here a local HTTP server speaking MLP), and the choice between the phone's GPS, the cell and the described place."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ValidationError

from zhili.core.foundation.api import AuditEntry
from zhili.core.identity.api import register_api_client
from zhili.scenes.emergency import cell_location, services
from zhili.scenes.emergency.cell_location import Reading, fuse
from zhili.scenes.emergency.models import Call


def _eme_pos(msisdn: str, lat: str, lon: str, radius: str) -> str:
    return (f'<eme_pos><msid type="MSISDN">{msisdn}</msid><pd><time utc_off="+0800">20261207160000</time>'
            f"<shape><CircularArea><coord><X>{lat}</X><Y>{lon}</Y></coord><radius>{radius}</radius></CircularArea>"
            f"</shape></pd></eme_pos>")


def _emerep(*positions: str) -> bytes:
    return ('<?xml version="1.0"?><svc_result ver="3.2.0"><emerep ver="3.2.0"><eme_event eme_trigger="EME_ORG">'
            + "".join(positions) + "</eme_event></emerep></svc_result>").encode()


def test_mlp_positions_are_read_in_dms_and_decimal_and_unlocated_ones_left_out():
    lost = '<eme_pos><msid>8613900000001</msid><poserr><result resid="1">SYSTEM FAILURE</result></poserr></eme_pos>'
    fixes = cell_location.parse_mlp(_emerep(_eme_pos("8613800000035", "28 39 32.4N", "120 05 27.6E", "800"),
                                            _eme_pos("13800000036", "28.6", "120.1", "1500"), lost))
    assert [(f.msisdn, round(f.lat, 4), round(f.lon, 4), f.radius_m) for f in fixes] == [
        ("13800000035", 28.659, 120.091, 800.0), ("13800000036", 28.6, 120.1, 1500.0)]
    assert fixes[0].at.utcoffset().total_seconds() == 8 * 3600
    with pytest.raises(ValidationError):
        cell_location.parse_mlp(b"<html>not mlp</html>")
    with pytest.raises(ValidationError) as exc:
        cell_location.parse_mlp(_emerep(_eme_pos("13800000035", "0", "0", "800")))
    assert "coord" in exc.value.message_dict


def test_fusion_prefers_what_agrees_with_the_cell_and_flags_what_does_not():
    cell = Reading("cell", 120.091, 28.659, 800)
    near_gps = Reading("gps", 120.093, 28.660, 20)  # ~220 m from the cell's centre
    far_gps = Reading("gps", 120.20, 28.70, 15)  # ~11 km away: a stale or wrong fix
    vague_far_gps = Reading("gps", 120.20, 28.70, 500)
    address = Reading("described", 120.089, 28.657, 50)
    assert fuse([near_gps, cell, address]) == cell_location.Fused(near_gps, False)
    assert fuse([far_gps, cell, address]) == cell_location.Fused(address, False)  # the address agrees with the cell
    assert fuse([far_gps, cell]) == cell_location.Fused(far_gps, True)  # precise, but the dispatcher must confirm
    assert fuse([vague_far_gps, cell]) == cell_location.Fused(cell, True)
    assert fuse([cell]) == cell_location.Fused(cell, False)
    confirmed = Reading("dispatcher", 120.1, 28.66, 50)
    assert fuse([far_gps, cell, confirmed]) == cell_location.Fused(confirmed, False)


def test_the_carrier_s_push_places_a_call_without_location_and_needs_its_scope(
        client, county, jinyun, ambulance, caller_wu, main_hospital):
    call = services.place_call(actor=caller_wu, region=jinyun, described="", complaint="胸口痛")
    assert not call.has_location
    carrier, secret = register_api_client(name="运营商定位平台", organization=main_hospital.organization,
                                          scopes=["emergency.carrier"])
    other, other_secret = register_api_client(name="别的系统", organization=main_hospital.organization, scopes=[])

    def token(api_client, key):
        return client.post("/api/v1/identity/token", {"grant_type": "client_credentials",
                                                      "client_id": api_client.client_id,
                                                      "client_secret": key}).json()["access_token"]

    body = _emerep(_eme_pos("8613800000035", f"{ambulance.lat + 0.002:.6f}", f"{ambulance.lon:.6f}", "600"))
    refused = client.post("/api/v1/emergency/cell-location", body, content_type="text/xml",
                          HTTP_AUTHORIZATION=f"Bearer {token(other, other_secret)}")
    assert refused.status_code == 403 and not Call.objects.get(pk=call.pk).has_location
    answer = client.post("/api/v1/emergency/cell-location", body, content_type="text/xml",
                         HTTP_AUTHORIZATION=f"Bearer {token(carrier, secret)}")
    assert answer.status_code == 200 and answer.json() == {"positions": 1, "matched": 1}
    call.refresh_from_db()
    assert call.location_source == "cell" and call.uncertainty_m == 600 and not call.location_conflict
    assert AuditEntry.objects.filter(action="emergency.call.cell_located", target_id=str(call.pk)).exists()


class _Gmlc(BaseHTTPRequestHandler):
    """A location server speaking MLP: answers an eme_lir for the known number, 500 for the word "fail"."""

    requests: list[bytes] = []
    fail = False

    def do_POST(self):  # noqa: N802 (the http.server interface)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).requests.append(body)
        if type(self).fail:
            self.send_response(500)
            self.end_headers()
            return
        answer = (b'<?xml version="1.0"?><svc_result ver="3.2.0"><eme_lia ver="3.2.0">'
                  + _eme_pos("8613800000035", "28 39 32.4N", "120 05 27.6E", "1200").encode()
                  + b"</eme_lia></svc_result>")
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def gmlc():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Gmlc)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Gmlc.requests, _Gmlc.fail = [], False
    yield cell_location.MlpClient(url=f"http://127.0.0.1:{server.server_port}/mlp", client_id="zhili",
                                  password="s3cret")
    server.shutdown()


def test_the_dispatcher_asks_the_location_server_and_a_far_gps_fix_is_flagged(
        gmlc, county, jinyun, ambulance, caller_wu, dispatcher):
    call = services.place_call(actor=caller_wu, region=jinyun, lon=ambulance.lon + 0.08, lat=ambulance.lat + 0.06,
                               accuracy_m=900)
    _Gmlc.fail = True
    with pytest.raises(ValidationError) as exc:
        services.request_cell_location(call, actor=dispatcher, client=gmlc)
    assert "HTTP 500" in exc.value.message_dict["cell"][0]
    assert Call.objects.get(pk=call.pk).location_source == "gps"  # nothing changed
    _Gmlc.fail = False
    call = services.request_cell_location(call, actor=dispatcher, client=gmlc)
    sent = _Gmlc.requests[-1].decode()
    assert "<eme_lir" in sent and "<msid type=\"MSISDN\">8613800000035</msid>" in sent and "<pwd>s3cret</pwd>" in sent
    assert call.location_source == "cell" and call.location_conflict  # the vague GPS lies outside the cell
    assert [r["source"] for r in call.readings] == ["gps", "cell"]
    call = services.locate_call(call, lon=120.0915, lat=28.6595, actor=dispatcher)
    assert call.location_source == "dispatcher" and not call.location_conflict
