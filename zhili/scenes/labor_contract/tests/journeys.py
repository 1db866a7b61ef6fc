"""Helpers of the labor contract scene's tests: contract values, drawn signatures and seals, the signing steps."""

import datetime as dt
import io
from decimal import Decimal

from zhili.core.testing.api import make_id_number
from zhili.scenes.labor_contract import services


def contract_values(**overrides) -> dict:
    values = {
        "worker_name": "张伟", "worker_id_number": make_id_number(birth="19900307", sequence=123),
        "worker_phone": "13800000001", "job_title": "操作工", "work_place": "建德市新安江街道",
        "term_type": "fixed_term", "start_date": dt.date(2026, 3, 1), "end_date": dt.date(2029, 2, 28),
        "probation_months": 3, "working_hour_system": "standard", "monthly_wage": Decimal("5000"),
        "probation_wage": Decimal("4000"),
    }
    values.update(overrides)
    return values


def seal_png() -> bytes:
    """A red round seal on a transparent background, drawn with Pillow."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (240, 240), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 232, 232), outline=(210, 20, 20, 255), width=10)
    draw.regular_polygon((120, 120, 40), 5, fill=(210, 20, 20, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def drawn_signature() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (600, 240), (255, 255, 255, 0))
    ImageDraw.Draw(image).line([(40, 180), (200, 60), (330, 170), (560, 70)], fill=(0, 0, 0, 255), width=8)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def worker_reaches_signature(contract, worker):
    services.confirm_worker_identity(contract, name="张伟", id_number=worker.id_number, actor=worker,
                                     ip_address="127.0.0.1", user_agent="pytest")
    services.acknowledge_disclosure(contract, actor=worker, ip_address="127.0.0.1", user_agent="pytest")
    document = services.ensure_contract_pdf(contract, actor=worker)
    return services.confirm_intent(contract, actor=worker, document_sha256=document.sha256, agreed=True,
                                   ip_address="127.0.0.1", user_agent="pytest")


def sign_through(contract, worker, hr):
    """Send ``contract``, have the worker sign it and HR seal it (the seal image uploaded once)."""
    services.send_contracts([contract], actor=hr)
    contract.refresh_from_db()
    intent = worker_reaches_signature(contract, worker)
    services.sign_as_worker(contract, actor=worker, intent=intent, signature_png=drawn_signature())
    if services.active_seal(contract.employer) is None:
        services.upload_seal(contract.employer, seal_png(), actor=hr)
    services.apply_seal(contract, actor=hr, confirmed=True)
    contract.refresh_from_db()
    return contract
