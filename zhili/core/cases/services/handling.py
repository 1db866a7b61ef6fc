"""Comment on, attach files to and assign a case."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction

from zhili.core.foundation import audit, events
from zhili.core.identity.permissions import require

from .. import notifications
from ..choices import EventAction
from ..models import Case, CaseAttachment, CaseEvent
from .common import (
    add_event,
    lock_case,
    notify_user,
    require_department_member,
    sync_back,
    user_or_none,
)


def _require_comment_right(actor, case: Case) -> None:
    if actor is not None and case.requester_id is not None and case.requester_id == actor.pk:
        return
    require(actor, "cases.case.manage", case)


@transaction.atomic
def comment_case(case: Case, *, actor, comment: str) -> CaseEvent:
    """Add a comment to the timeline (the office, the assignee, the supervisor or the requester)."""
    locked = lock_case(case)
    _require_comment_right(actor, locked)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": "意见：不能为空"}, code="required")
    event = add_event(locked, EventAction.COMMENT, actor=actor, comment=comment)
    audit.record("cases.case.commented", actor=actor, target=locked, data={"event_id": event.pk})
    events.publish("cases.case.commented", case_id=locked.pk, event_id=event.pk)
    return event


@transaction.atomic
def attach_file(case: Case, *, actor, file, name: str = "") -> CaseAttachment:
    """Attach a file under MEDIA with its SHA-256; ``file`` is an uploaded file, a File or bytes."""
    locked = lock_case(case)
    _require_comment_right(actor, locked)
    if isinstance(file, bytes):
        file = ContentFile(file, name=name or "attachment.bin")
    elif not isinstance(file, File):
        file = File(file, name=name or getattr(file, "name", "attachment.bin"))
    name = (name or file.name or "attachment.bin").rsplit("/", 1)[-1][:200]
    digest = hashlib.sha256()
    size = 0
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
        size += len(chunk)
    if size == 0:
        raise ValidationError({"file": "附件：文件为空"}, code="empty")
    file.seek(0)
    attachment = CaseAttachment(case=locked, name=name, size=size, sha256=digest.hexdigest(),
                                uploaded_by=user_or_none(actor))
    attachment.file.save(name, file, save=False)
    attachment.save()
    add_event(locked, EventAction.ATTACHMENT, actor=actor, comment=name,
           data={"attachment_id": attachment.pk, "sha256": attachment.sha256, "size": size})
    audit.record("cases.case.file_attached", actor=actor, target=locked,
                 data={"attachment_id": attachment.pk, "name": name, "sha256": attachment.sha256})
    events.publish("cases.case.file_attached", case_id=locked.pk, attachment_id=attachment.pk)
    return attachment


@transaction.atomic
def assign_case(case: Case, *, actor, assignee, organization=None, comment: str = "") -> Case:
    """Give the case to an officer (指派), optionally moving it to another office (改派)."""
    locked = lock_case(case)
    require(actor, "cases.case.manage", locked)
    organization = organization or locked.organization
    if assignee is not None:
        require_department_member(assignee, organization, "assignee")
    before = {"organization_id": locked.organization_id, "assignee_id": locked.assignee_id}
    locked.organization = organization
    locked.assignee = assignee
    locked.save(update_fields=["organization", "assignee", "updated_at"])
    after = {"organization_id": locked.organization_id, "assignee_id": locked.assignee_id}
    add_event(locked, EventAction.ASSIGNED, actor=actor, comment=comment, data={"before": before, "after": after})
    audit.record("cases.case.assigned", actor=actor, target=locked, data={"before": before, "after": after})
    if assignee is not None:
        count = locked.events.filter(action=EventAction.ASSIGNED).count()
        notify_user(assignee, notifications.CASE_ASSIGNED, locked, dedup=f"assigned-{count}", actor=actor)
    events.publish("cases.case.assigned", case_id=locked.pk, assignee_id=locked.assignee_id,
                   organization_id=locked.organization_id)
    return sync_back(case, locked)
