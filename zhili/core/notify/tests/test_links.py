"""Signed, expiring short links and their QR codes."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
import segno
from django.core.exceptions import ValidationError
from django.utils import timezone

from zhili.core.notify import links, services
from zhili.core.notify.models import ShortLink
from zhili.core.notify.qr import qr_code, qr_png, qr_svg

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.django_db
def test_short_link_redirects_and_counts_the_visit(client, hr_li):
    link = services.make_short_link("/accounts/profile/", expires_in=dt.timedelta(days=7), actor=hr_li)
    assert len(link.code) == 8 and all(c in links.ALPHABET for c in link.code)
    assert link.get_absolute_url() == f"/notify/s/{link.token}"
    response = client.get(link.get_absolute_url())
    assert (response.status_code, response["Location"]) == (302, "/accounts/profile/")
    link.refresh_from_db()
    assert link.hits == 1


@pytest.mark.django_db
def test_expired_link_shows_a_chinese_page_and_does_not_redirect(client, hr_li):
    link = services.make_short_link("/accounts/profile/", expires_in=60, actor=hr_li)
    ShortLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "链接已过期" in response.content.decode()
    link.refresh_from_db()
    assert link.hits == 0


@pytest.mark.django_db
def test_a_guessed_or_tampered_token_is_refused(client, hr_li):
    link = services.make_short_link("/accounts/profile/", expires_in=60, actor=hr_li)
    for token in (link.code, f"{link.code}.AAAAAAAAAA", "Zz9Zz9Zz." + link.token.split(".")[1]):
        response = client.get(f"/notify/s/{token}")
        assert response.status_code == 404
        assert "链接无效" in response.content.decode()
    link.refresh_from_db()
    assert link.hits == 0


def test_token_signature_is_checked_before_anything_else():
    assert links.code_from_token(links.token_for("Ab3dE9xQ")) == "Ab3dE9xQ"
    assert links.code_from_token("Ab3dE9xQ") is None
    assert links.code_from_token("Ab3dE9xR." + links.token_for("Ab3dE9xQ").split(".")[1]) is None
    assert links.code_from_token("../x.y") is None


@pytest.mark.django_db
def test_short_link_remembers_its_subject(hr_li, worker_zhang):
    from zhili.core.notify.queries import short_links_for

    link = services.make_short_link("/x/", expires_in=60, actor=hr_li, subject=worker_zhang)
    assert link.subject == worker_zhang
    assert list(short_links_for(worker_zhang)) == [link]


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "relative/path", "/\\evil", ""])
def test_short_link_only_points_inside_the_site(hr_li, target):
    with pytest.raises(ValidationError) as bad:
        services.make_short_link(target, expires_in=60, actor=hr_li)
    assert bad.value.message_dict == {"target": ["目标地址必须是本站路径（以 / 开头，不含域名）"]}
    assert ShortLink.objects.count() == 0


@pytest.mark.django_db
def test_short_link_needs_a_positive_lifetime(hr_li):
    with pytest.raises(ValidationError) as bad:
        services.make_short_link("/x/", expires_in=0, actor=hr_li)
    assert bad.value.message_dict == {"expires_in": ["有效期必须大于 0"]}


def test_qr_png_and_svg_are_real_images():
    url = "http://127.0.0.1:8000/notify/s/Ab3dE9xQ.k3J9aZ1p_-"
    png = qr_png(url)
    assert png[:8] == PNG_SIGNATURE
    root = ET.fromstring(qr_svg(url))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("{http://www.w3.org/2000/svg}title").text == url


def test_qr_encodes_the_whole_url():
    url = "http://127.0.0.1:8000/notify/s/Ab3dE9xQ.k3J9aZ1p_-"
    code = qr_code(url)
    assert code.matrix == segno.make(url, error="m").matrix
    assert code.matrix != segno.make(url[:-1], error="m").matrix
    assert code.error == "M"


@pytest.mark.django_db
def test_qr_views_serve_png_and_svg_for_a_valid_link(client, hr_li, settings):
    settings.SITE_URL = "https://zhili.example.cn"
    link = services.make_short_link("/x/", expires_in=60, actor=hr_li)
    png = client.get(f"/notify/s/{link.token}/qr.png")
    svg = client.get(f"/notify/s/{link.token}/qr.svg")
    assert (png.status_code, png["Content-Type"], png.content[:8]) == (200, "image/png", PNG_SIGNATURE)
    assert (svg.status_code, svg["Content-Type"]) == (200, "image/svg+xml")
    assert png.content == qr_png(f"https://zhili.example.cn/notify/s/{link.token}")
    assert client.get(f"/notify/s/{link.code}.AAAAAAAAAA/qr.png").status_code == 404
