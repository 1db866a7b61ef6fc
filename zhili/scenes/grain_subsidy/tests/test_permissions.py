"""Who may do what in the 浙农补 scene; a denied action changes nothing; others' objects answer 404."""

import pytest
from django.core.exceptions import PermissionDenied

from zhili.core.testing.api import PASSWORD
from zhili.scenes.grain_subsidy import services
from zhili.scenes.grain_subsidy.models import Claim, PreVerifiedPlot

from .conftest import TODAY


def test_a_clerk_of_another_county_cannot_pre_verify_and_nothing_changes(arable_round, clerk_sun):
    with pytest.raises(PermissionDenied):
        services.pre_verify_round(arable_round, actor=clerk_sun)
    arable_round.refresh_from_db()
    assert arable_round.status == "draft" and not PreVerifiedPlot.objects.exists()


def test_a_farmer_without_a_household_record_cannot_claim(arable_round, clerk_qian, farmer_shen):
    services.pre_verify_round(arable_round, actor=clerk_qian)
    with pytest.raises(PermissionDenied):
        services.claim_plots(arable_round, actor=clerk_qian, today=TODAY)
    assert not Claim.objects.exists()


def test_another_countys_clerk_and_a_farmer_get_not_found(arable_round, clerk_qian, clerk_sun, farmer_lu, plots,
                                                          client):
    plot = plots["P1"]
    client.login(username="clerk_sun", password=PASSWORD)
    assert client.get(f"/grain_subsidy/plots/{plot.pk}/").status_code == 404
    assert client.get(f"/grain_subsidy/rounds/{arable_round.pk}/").status_code == 404
    assert client.post(f"/grain_subsidy/rounds/{arable_round.pk}/pre_verify/").status_code == 404
    assert client.get(f"/api/v1/grain_subsidy/plots/{plot.pk}").status_code == 404
    client.login(username="farmer_lu", password=PASSWORD)
    assert client.get(f"/grain_subsidy/plots/{plot.pk}/").status_code in (403, 404)
    assert client.post(f"/grain_subsidy/claim/{arable_round.pk}/").status_code == 404  # not pre-verified for him yet
    arable_round.refresh_from_db()
    assert arable_round.status == "draft"


def test_the_clerk_reads_a_plot_and_the_read_is_logged_on_the_farmer(plots, clerk_qian, farmer_shen, client):
    from zhili.core.foundation.api import audit

    client.login(username="clerk_qian", password=PASSWORD)
    page = client.get(f"/grain_subsidy/plots/{plots['P1'].pk}/").content.decode()
    assert "沈**" in page and farmer_shen.id_number not in page
    assert [e.action for e in audit.entries_for(farmer_shen).order_by("id")][-1] == "grain_subsidy.farmer.read"


def test_the_api_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/grain_subsidy/plots", "/api/v1/grain_subsidy/mine",
            "/api/v1/grain_subsidy/rounds/{round_id}/claim"} <= set(paths)
