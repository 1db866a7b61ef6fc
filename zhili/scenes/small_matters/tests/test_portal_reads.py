"""The person's pages read a fixed set of statements, however many matters or records there are (the portal's
load test in bench/small_matters.py depends on it); the catalogue is read once per process and version."""

import pytest

from zhili.core.testing.api import statements

pytestmark = pytest.mark.django_db


def test_the_persons_page_reads_a_fixed_budget_and_the_catalogue_once(detected, catalogue, citizen_zhou, client):
    from .. import queries
    from ..models import Matter

    client.force_login(citizen_zhou)
    client.get("/small_matters/")  # warms the per-process catalogue and the rendered catalogue
    reads = statements(lambda: client.get("/small_matters/"))
    tables = [table for _verb, table in reads]
    assert "small_matters_matter" in tables  # the version check only
    assert tables.count("small_matters_matter") == 1  # situations (one EXISTS query) and the own claims:
    assert tables.count("small_matters_benefitclaim") == 2
    assert len(reads) <= 8, reads

    matter = Matter.objects.get(code="dog_licence")
    matter.name = "犬只登记（新）"
    matter.save()
    page = client.get("/small_matters/").content.decode()
    assert "犬只登记（新）" in page  # a change anywhere changes the version: never a stale catalogue
    assert queries.catalogue()[0].code == Matter.objects.order_by("position", "id").first().code
