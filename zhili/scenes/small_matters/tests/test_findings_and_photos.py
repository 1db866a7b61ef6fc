"""Experience officers' findings become cases for the owning department; one certified photo reused with consent."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from .. import services
from ..models import Finding, Matter, PhotoUse
from .conftest import jpeg

pytestmark = pytest.mark.django_db


def _file(officer, **overrides):
    values = {"matter": Matter.objects.get(code="residence_permit"), "place": "便民服务中心 3 号窗口",
              "happened_on": timezone.localdate() - dt.timedelta(days=1),
              "description": "窗口仍要求纸质照片和租房合同复印件，等了 40 分钟。", "actor": officer}
    return services.file_finding(**{**values, **overrides})


def test_a_finding_becomes_a_case_for_the_department_and_the_officer_reads_the_answer(
        catalogue, bureau_police, experience_wang, client):
    from zhili.core.cases.api import assign_case, transition_case

    bureau, handler = bureau_police
    photo = SimpleUploadedFile("window.jpg", jpeg(), content_type="image/jpeg")
    finding = _file(experience_wang, photos=[photo])
    case = finding.case
    assert (case.organization, case.case_type, case.requester, finding.photos) == (
        bureau, "small_matters.finding", experience_wang, 1)
    assert case.due_at is not None and case.attachments.count() == 1

    client.force_login(experience_wang)
    page = client.get(finding.get_absolute_url()).content.decode()
    assert "部门尚未答复" in page

    case = transition_case(case, "accept", actor=handler)
    case = assign_case(case, actor=handler, assignee=handler)
    for step in ("dispatch", "handle"):
        case = transition_case(case, step, actor=handler)
    transition_case(case, "report_back", actor=handler, comment="已取消纸质照片要求，窗口改为调用证件照库。")
    page = client.get(finding.get_absolute_url()).content.decode()
    assert "已取消纸质照片要求" in page and "已反馈" in page


def test_the_officer_files_a_finding_with_photos_from_the_page(catalogue, bureau_police, experience_wang, client):
    client.force_login(experience_wang)
    photos = [SimpleUploadedFile(f"{i}.jpg", jpeg(), content_type="image/jpeg") for i in range(2)]
    answer = client.post("/small_matters/findings/", {
        "matter": Matter.objects.get(code="dog_licence").pk, "happened_on": timezone.localdate().isoformat(),
        "place": "派出所户籍窗口", "description": "犬只登记仍要求到派出所和医院各跑一次。", "photos": photos})
    finding = Finding.objects.get(officer=experience_wang)
    assert answer.status_code == 302 and answer["Location"] == finding.get_absolute_url()
    assert (finding.photos, finding.case.attachments.count()) == (2, 2)
    page = client.post("/small_matters/findings/", {
        "matter": finding.matter.pk, "happened_on": timezone.localdate().isoformat(), "place": "窗口",
        "description": "太慢"})
    assert page.status_code == 400 and "至少写 10 个字" in page.content.decode()


def test_a_finding_is_refused_whole_when_its_input_is_bad(catalogue, bureau_police, experience_wang, citizen_zhou):
    before = Finding.objects.count()
    with pytest.raises(ValidationError) as short:
        _file(experience_wang, description="太慢")
    assert "description" in short.value.message_dict
    with pytest.raises(ValidationError) as future:
        _file(experience_wang, happened_on=timezone.localdate() + dt.timedelta(days=1))
    assert "happened_on" in future.value.message_dict
    text = SimpleUploadedFile("not.jpg", b"not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError) as photo:
        _file(experience_wang, photos=[text])
    assert "photos" in photo.value.message_dict
    many = [SimpleUploadedFile(f"{i}.jpg", jpeg(), content_type="image/jpeg") for i in range(4)]
    with pytest.raises(ValidationError):
        _file(experience_wang, photos=many)
    with pytest.raises(PermissionDenied):
        _file(citizen_zhou)
    assert Finding.objects.count() == before


def test_a_finding_is_hidden_from_others(catalogue, bureau_police, experience_wang, citizen_zhou, client):
    finding = _file(experience_wang)
    client.force_login(citizen_zhou)
    assert client.get(finding.get_absolute_url()).status_code == 404
    client.force_login(bureau_police[1])
    assert client.get(finding.get_absolute_url()).status_code == 200


def test_one_photo_is_reused_only_with_live_consent_and_every_use_is_logged(catalogue, citizen_zhou, client):
    from ..models import CertifiedPhoto

    with pytest.raises(ValidationError):
        services.store_photo(SimpleUploadedFile("x.jpg", b"GIF89a....", content_type="image/jpeg"), actor=citizen_zhou)
    with pytest.raises(ValidationError):
        services.store_photo(SimpleUploadedFile("t.jpg", jpeg((100, 120))), actor=citizen_zhou)
    held = services.store_photo(SimpleUploadedFile("me.jpg", jpeg()), actor=citizen_zhou)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT image FROM {CertifiedPhoto._meta.db_table} WHERE id = %s", [held.pk])
        raw = cursor.fetchone()[0]
    assert (held.width, held.height) == (358, 441) and not raw.startswith("/9j/")  # encrypted, not the JPEG's base64

    assert services.reuse_photo(citizen_zhou, "dog_licence", subject="dog:1", actor=citizen_zhou) is None
    services.grant_photo_consent("dog_licence", actor=citizen_zhou)
    data = services.reuse_photo(citizen_zhou, "dog_licence", subject="dog:1", actor=citizen_zhou)
    assert data[:2] == b"\xff\xd8"
    assert services.reuse_photo(citizen_zhou, "residence_permit", subject="residence:1", actor=citizen_zhou) is None
    services.revoke_photo_consent("dog_licence", actor=citizen_zhou)
    assert services.reuse_photo(citizen_zhou, "dog_licence", subject="dog:2", actor=citizen_zhou) is None
    with pytest.raises(ValidationError):
        services.grant_photo_consent("school_record", actor=citizen_zhou)
    kinds = list(PhotoUse.objects.filter(person=citizen_zhou).order_by("id").values_list("kind", "subject"))
    assert kinds == [("stored", ""), ("reused", "dog:1")]

    client.force_login(citizen_zhou)
    page = client.get("/small_matters/photo/").content.decode()
    assert "dog:1" in page and "犬只登记" in page
    assert client.get("/small_matters/photo/image/")["Content-Type"] == "image/jpeg"
    assert PhotoUse.objects.filter(person=citizen_zhou, kind="viewed").count() == 1


def test_the_licence_shows_the_owner_photo_only_with_consent(catalogue, county, citizen_zhou, police_lin, vet_he,
                                                               client):
    licence = services.apply_dog_licence(region=county, dog_name="豆豆", breed="柴犬", hospital="千岛湖爱宠动物医院",
                                         visit_on=timezone.localdate() + dt.timedelta(days=3), actor=citizen_zhou)
    services.review_dog_licence(licence, approve=True, actor=police_lin)
    licence = services.record_dog_visit(licence, vaccine_batch="B2026", chip_number="156100000000001", actor=vet_he)
    services.store_photo(SimpleUploadedFile("me.jpg", jpeg()), actor=citizen_zhou)
    url = f"/small_matters/photo/dog/{licence.pk}/"
    client.force_login(citizen_zhou)
    assert client.get(url).status_code == 404
    services.grant_photo_consent("dog_licence", actor=citizen_zhou)
    assert 'id="holder-photo"' in client.get(licence.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 200
    client.force_login(police_lin)
    assert client.get(url).status_code == 200
    uses = PhotoUse.objects.filter(kind="reused", subject=f"dog:{licence.pk}")
    assert sorted(uses.values_list("actor__username", flat=True)) == ["citizen_zhou", "police_lin"]


def test_the_cockpit_monitors_visits_handled_and_ratings_per_matter(catalogue, officer_ma, tmp_path, client):
    from zhili.core.datapool.api import ingest_file

    from ..demo import write_statistics

    codes = list(Matter.objects.order_by("position").values_list("code", flat=True))
    path = write_statistics(tmp_path / "stats.csv", timezone.localdate(), codes, days=7)
    assert ingest_file("sm_service_statistics", path, actor="test").status == "succeeded"
    monitor = __import__("zhili.scenes.small_matters.queries", fromlist=["x"]).service_monitoring(
        timezone.localdate())
    assert monitor["days"] == 7 and len(monitor["per_matter"]) == 50
    assert 500_000 < monitor["visits_per_day"] < 1_100_000 and monitor["good_rate"] > 0.99
    client.force_login(officer_ma)
    data = client.get("/small_matters/cockpit/data/").json()
    analyses = data.get("analyses", data)
    assert len(analyses["monitor_daily"]["rows"]) == 7
    assert analyses["monitor_matters"]["headers"][-1] == "时间压缩率"
