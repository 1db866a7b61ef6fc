"""Field checks (外业核查) with a photo: bounded, content-checked and hashed; the position must be near the plot."""

import hashlib
import io
import math

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from zhili.core.foundation.api import audit
from zhili.core.testing.api import PASSWORD
from zhili.scenes.grain_subsidy.models import FieldCheck

from .conftest import M_PER_DEG


def _photo(kind="JPEG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (40, 140, 60)).save(buffer, kind)
    return buffer.getvalue()


def _post(client, plot, photo: bytes, name="p.jpg", **fields):
    west, south = plot.min_lon, plot.min_lat
    data = {"land_use": "grain", "lon": west + 0.0001, "lat": south + 0.0001, "note": "水稻已插秧",
            "photo": SimpleUploadedFile(name, photo), **fields}
    return client.post(f"/grain_subsidy/plots/{plot.pk}/", data, follow=True).content.decode()


def test_an_inspector_records_a_field_check_with_a_checked_photo(plots, clerk_qian, clerk_sun, client, settings,
                                                                 tmp_path):
    settings.MEDIA_ROOT = tmp_path
    p2 = plots["P2"]  # surveyed as seasonal abandonment
    client.login(username="clerk_qian", password=PASSWORD)

    page = _post(client, p2, b"GIF89a not really a photo", name="p.jpg")
    assert "现场照片：须为完整的 JPEG 或 PNG 图片" in page
    page = _post(client, p2, _photo()[:200])  # a photo cut short in transfer
    assert "现场照片：须为完整的 JPEG 或 PNG 图片" in page
    far = p2.max_lon + 1000 / (M_PER_DEG * math.cos(math.radians(p2.min_lat)))
    page = _post(client, p2, _photo(), lon=far)
    assert "须在地块 300 米以内核查" in page
    assert not FieldCheck.objects.exists()

    photo = _photo("PNG")
    _post(client, p2, photo, name="现场.png")
    check = FieldCheck.objects.get()
    p2.refresh_from_db()
    assert (check.land_use, p2.land_use, check.photo_bytes) == ("grain", "grain", len(photo))
    assert check.photo_sha256 == hashlib.sha256(photo).hexdigest()
    assert check.photo.read() == photo and check.photo.name.endswith(".png")
    entry = audit.entries_for(p2).get(action="grain_subsidy.field_check.recorded")
    assert (entry.data["previous"], entry.data["photo_sha256"]) == ("seasonal", check.photo_sha256)
    assert client.get(f"/grain_subsidy/field-checks/{check.pk}/photo/").status_code == 200

    client.login(username="clerk_sun", password=PASSWORD)  # another county
    assert client.get(f"/grain_subsidy/field-checks/{check.pk}/photo/").status_code == 404
