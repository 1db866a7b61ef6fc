"""Signing pages without a browser: the refusal for another phone, the QR sheet, the seal preview."""

import pytest
from django.urls import reverse

from zhili.core.testing.api import UserFactory
from zhili.scenes.labor_contract import services

from .journeys import contract_values


@pytest.fixture
def sent_contract(hr_li, employer):
    contract = services.create_contract(contract_values(), employer=employer, actor=hr_li)
    services.send_contracts([contract], actor=hr_li)
    contract.refresh_from_db()
    return contract


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_the_sms_login_and_back(sent_contract, client):
    response = client.get(reverse("labor_contract:sign", args=[sent_contract.number]))
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/labor_contract/s/{sent_contract.number}/"


@pytest.mark.django_db
def test_another_phone_gets_a_clear_refusal(sent_contract, client):
    client.force_login(UserFactory(name="路人", phone="13900000009"))
    response = client.get(reverse("labor_contract:sign", args=[sent_contract.number]))
    assert response.status_code == 403
    assert "登录的手机号与合同预留的劳动者手机号不一致" in response.content.decode()


@pytest.mark.django_db
def test_worker_starts_at_the_real_name_step(sent_contract, worker_zhang, client):
    client.force_login(worker_zhang)
    response = client.get(reverse("labor_contract:sign", args=[sent_contract.number]))
    assert response["Location"] == f"/labor_contract/s/{sent_contract.number}/real-name/"
    skipped = client.get(reverse("labor_contract:sign_signature", args=[sent_contract.number]))
    assert skipped["Location"] == f"/labor_contract/s/{sent_contract.number}/real-name/"


@pytest.mark.django_db
def test_qr_sheet_has_one_code_per_sent_contract(sent_contract, hr_li, client):
    client.force_login(hr_li)
    page = client.get(reverse("labor_contract:qr_sheet")).content.decode()
    assert page.count("<svg") == 1
    assert f'data-number="{sent_contract.number}"' in page


@pytest.mark.django_db
def test_seal_preview_is_the_last_page_as_a_png_at_one_pixel_per_point(sent_contract, hr_li, client):
    client.force_login(hr_li)
    response = client.get(reverse("labor_contract:seal_preview", args=[sent_contract.number]))
    assert response["Content-Type"] == "image/png"
    from io import BytesIO

    from PIL import Image

    assert Image.open(BytesIO(response.content)).size == (596, 842)  # A4 is 595.28 × 841.89 pt


@pytest.mark.django_db
def test_seal_page_is_hidden_from_hr_of_another_company(sent_contract, hr_zhou, client):
    client.force_login(hr_zhou)
    assert client.get(reverse("labor_contract:seal", args=[sent_contract.number])).status_code == 404


@pytest.mark.django_db
def test_reading_page_uses_the_pdf_rendered_at_send_and_a_fixed_number_of_queries(sent_contract, worker_zhang,
                                                                                   hr_li, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zhili.core.foundation.api import AuditEntry
    from zhili.scenes.labor_contract.models import ContractDocument

    services.confirm_worker_identity(sent_contract, name="张伟", id_number=worker_zhang.id_number, actor=worker_zhang)
    services.acknowledge_disclosure(sent_contract, actor=worker_zhang)
    services.render_contract_pdfs([sent_contract.pk], actor=hr_li)  # what the task worker does after the send
    client.force_login(worker_zhang)
    url = reverse("labor_contract:sign_read", args=[sent_contract.number])
    client.get(url)
    rendered = AuditEntry.objects.filter(action="labor_contract.document.rendered").count()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert "contract-text" in response.content.decode()
    # session, user, contract (with employer and template), steps, document, the menu's memberships, and the top
    # bar's unread-message count
    assert len(queries.captured_queries) <= 7, [q["sql"][:120] for q in queries.captured_queries]
    assert AuditEntry.objects.filter(action="labor_contract.document.rendered").count() == rendered
    assert ContractDocument.objects.filter(contract=sent_contract).count() == 1


@pytest.mark.django_db
def test_reading_page_renders_the_pdf_itself_when_no_task_worker_did(sent_contract, worker_zhang, client):
    from zhili.scenes.labor_contract.models import ContractDocument

    services.confirm_worker_identity(sent_contract, name="张伟", id_number=worker_zhang.id_number, actor=worker_zhang)
    services.acknowledge_disclosure(sent_contract, actor=worker_zhang)
    assert not ContractDocument.objects.filter(contract=sent_contract).exists()
    client.force_login(worker_zhang)
    response = client.get(reverse("labor_contract:sign_read", args=[sent_contract.number]))
    assert response.status_code == 200
    assert ContractDocument.objects.filter(contract=sent_contract).count() == 1
