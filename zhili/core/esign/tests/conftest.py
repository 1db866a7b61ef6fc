"""Fixtures for the e-signature tests: the platform CA, a verified worker, an enterprise and a seal image."""

import io

import pytest

from zhili.core.testing import personas


@pytest.fixture
def platform_ca(db):
    from zhili.core.esign.services import ensure_platform_ca

    return ensure_platform_ca()


@pytest.fixture
def verified_worker(db):
    from django.utils import timezone

    from zhili.core.identity.choices import VerificationMethod

    user = personas.worker(verification_method=VerificationMethod.SMS_ID_MATCH, verified_at=timezone.now())
    return user


@pytest.fixture
def enterprise(hr_li):
    return hr_li.memberships.get().organization


@pytest.fixture
def seal_png():
    """A red round seal drawn with Pillow (the organisation's 公章 image)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (240, 240), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 232, 232), outline=(210, 20, 20, 255), width=10)
    draw.regular_polygon((120, 120, 40), 5, fill=(210, 20, 20, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
