"""Duty services: activities joined once before they start and reported after with checked photos; duty
registration counted only once the office confirms it; learning records; comments on a draft within its window
(refusals audited, third parties' numbers flagged and masked) and the office's ledgered summary."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from PIL import Image

from zhili.core.foundation.api import audit
from zhili.core.ledger.api import entries_for
from zhili.core.testing.api import PASSWORD
from zhili.scenes.deputy_duty import queries, services
from zhili.scenes.deputy_duty.models import ActivityPhoto, Deputy


def _png(size=(8, 8)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def activity(congress, office_ye):
    return services.publish_activity(congress=congress, kind="inspection", title="视察老旧小区改造",
                                     description="实地查看加装电梯进展。", place="新安江街道",
                                     starts_at=timezone.now() + dt.timedelta(days=2), actor=office_ye)


def test_a_deputy_joins_once_before_it_starts_and_reports_after_with_checked_photos(
        activity, deputy_chen, deputy_user_chen, citizen_wang, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(PermissionDenied):  # not a deputy of this congress
        services.join_activity(activity, actor=citizen_wang)
    services.join_activity(activity, actor=deputy_user_chen)
    with pytest.raises(ValidationError):  # a second time
        services.join_activity(activity, actor=deputy_user_chen)
    with pytest.raises(ValidationError) as early:
        services.report_activity(activity, text="已视察", actor=deputy_user_chen)
    assert "text" in early.value.message_dict
    later = activity.starts_at + dt.timedelta(hours=3)
    with pytest.raises(ValidationError) as bad:  # not an image: nothing written
        services.report_activity(activity, text="已视察", photos=[_png(), b"GIF89a not a photo"],
                                 actor=deputy_user_chen, now=later)
    assert "photos" in bad.value.message_dict and not ActivityPhoto.objects.exists()
    with pytest.raises(ValidationError) as many:
        services.report_activity(activity, text="已视察", photos=[_png()] * 7, actor=deputy_user_chen, now=later)
    assert "6" in str(many.value)
    joined = services.report_activity(activity, text="查看了三个小区，群众反映电梯维保费用问题。", photos=[_png()],
                                      actor=deputy_user_chen, now=later)
    assert joined.reported_at == later and joined.photos.get().size == len(_png())
    with pytest.raises(ValidationError):  # once
        services.report_activity(activity, text="again", actor=deputy_user_chen, now=later)


def test_a_registration_counts_in_the_duty_score_once_the_office_confirms_it(deputy_chen, deputy_user_chen,
                                                                             office_ye, office_sun):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as future:
        services.register_duty(deputy=deputy_chen, kind="contact", done_on=today + dt.timedelta(days=1), text="走访",
                               actor=deputy_user_chen)
    assert "done_on" in future.value.message_dict
    record = services.register_duty(deputy=deputy_chen, kind="contact", done_on=today, text="走访选区内 12 户群众。",
                                     actor=deputy_user_chen)
    deputies = Deputy.objects.filter(pk=deputy_chen.pk)
    assert queries.duty_scores(deputies, today.replace(month=1, day=1), today)[0]["score"] == 0
    with pytest.raises(PermissionDenied):  # another county's office
        services.check_duty_record(record, confirm=True, actor=office_sun)
    with pytest.raises(ValidationError) as no_reason:
        services.check_duty_record(record, confirm=False, actor=office_ye)
    assert "note" in no_reason.value.message_dict
    services.check_duty_record(record, confirm=True, actor=office_ye)
    scored = queries.duty_scores(deputies, today.replace(month=1, day=1), today)[0]
    assert (scored["counts"]["duty_record"], scored["score"]) == (1, 1)


def test_comments_on_a_draft_within_its_window_and_the_ledgered_summary(congress, office_ye, deputy_chen,
                                                                        deputy_user_chen, citizen_wang):
    now = timezone.now()
    draft = services.publish_draft(congress=congress, title="建德市养犬管理条例（草案）", text="第一条 ……",
                                   opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=29),
                                   actor=office_ye)
    comment = services.comment_draft(draft, article="第五条", text="邻居 13912345678 家的狗常年不拴绳，建议加大处罚。",
                                     actor=citizen_wang)
    assert comment.third_party_data and comment.deputy is None
    assert services.comment_draft(draft, text="建议明确犬只登记收费标准。", actor=deputy_user_chen).deputy == deputy_chen
    with pytest.raises(ValidationError) as late:
        services.comment_draft(draft, text="晚了", actor=citizen_wang, now=draft.closes_at)
    assert "text" in late.value.message_dict
    assert audit.entries_for(draft).filter(action="deputy_duty.draft.comment_refused").count() == 1
    with pytest.raises(ValidationError):  # the window is still open
        services.summarize_draft(draft, summary="采纳 1 条", actor=office_ye)
    draft = services.summarize_draft(draft, summary="采纳犬只登记收费标准的意见。", actor=office_ye,
                                     now=draft.closes_at + dt.timedelta(days=1))
    assert [e.kind for e in entries_for(draft)] == ["deputy_duty.draft.summarized"]


def test_the_pages_of_duty_services(client, activity, congress, office_ye, deputy_chen, deputy_user_chen,
                                    citizen_wang):
    now = timezone.now()
    draft = services.publish_draft(congress=congress, title="条例草案", text="第一条", opens_at=now - dt.timedelta(days=1),
                                   closes_at=now + dt.timedelta(days=10), actor=office_ye)
    services.comment_draft(draft, text="身份证 11010519491231002X 的人应登记。", actor=deputy_user_chen)
    material = services.publish_material(congress=congress, title="代表法学习要点", body="第四十九条 ……",
                                         actor=office_ye)
    assert client.login(username="deputy_chen", password=PASSWORD)
    assert client.get("/deputy_duty/activities/").status_code == 200
    client.post(f"/deputy_duty/activities/{activity.pk}/join/")
    assert activity.participations.filter(deputy=deputy_chen).exists()
    client.get(material.get_absolute_url())
    assert material.readers.get() == deputy_chen
    response = client.post("/deputy_duty/duty/", {"kind": "station", "done_on": "", "text": "进站接待"})
    assert response.status_code == 400
    client.post("/deputy_duty/duty/", {"kind": "station", "done_on": timezone.localdate().isoformat(),
                                       "text": "进站接待选民 5 人。"})
    record = deputy_chen.duty_records.get()
    api = "/api/v1/deputy_duty"
    assert [a["joined"] for a in client.get(f"{api}/activities").json()] == [True]
    late = client.post(f"{api}/duty-records", {"kind": "contact", "done_on": "2020-01-01", "text": "走访"},
                       content_type="application/json")
    assert late.status_code == 400 and "done_on" in late.content.decode()
    assert [r["status"] for r in client.get(f"{api}/duty-records").json()] == ["pending"]
    commented = client.post(f"{api}/drafts/{draft.pk}/comments", {"text": "建议增加听证。", "article": "第三条"},
                            content_type="application/json")
    assert commented.status_code == 201 and commented.json()["third_party_data"] is False
    client.logout()
    assert client.login(username="citizen_wang", password=PASSWORD)
    assert client.get(f"/deputy_duty/activities/{activity.pk}/").status_code == 404
    assert client.get("/deputy_duty/duty/").status_code == 404
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'id="comment-form"' in page and "11010519491231002X" not in page  # another's comment is not shown to a citizen
    client.post(draft.get_absolute_url(), {"comment": "1", "text": "支持。"})
    assert draft.comments.count() == 3
    client.logout()
    assert client.login(username="office_ye", password=PASSWORD)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "11010519491231002X" not in page and "含他人个人信息" in page
    client.post(f"/deputy_duty/duty/{record.pk}/check/", {"confirm": "1"})
    record.refresh_from_db()
    assert record.status == "confirmed"
