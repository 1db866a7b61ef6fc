"""Supervising adopted livelihood projects (人大验单): the responsible department's progress reports, the deputies'
comments, and the office's final evaluation, ledgered."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import organizations_of, require

from ..choices import ProjectStatus, Verdict
from ..models import Deputy, LivelihoodProject, ProjectComment, ProjectUpdate
from ..roles import HANDLER
from .common import evidence, required

UNDER_WAY = (ProjectStatus.ADOPTED, ProjectStatus.IMPLEMENTING)


@transaction.atomic
def report_project_progress(project: LivelihoodProject, *, progress, text: str, actor) -> ProjectUpdate:
    """The responsible department reports progress (0–100 %, never below the last report) with what was done."""
    project = LivelihoodProject.objects.select_for_update().get(pk=project.pk)
    if project.department_id is None or project.department_id not in organizations_of(actor, HANDLER):
        raise PermissionDenied(_("只有责任单位可以报送项目进展"))
    if project.status not in UNDER_WAY:
        raise ValidationError({"progress": _("进度：只有票决通过、实施中的项目可以报送进展")}, code="invalid_state")
    try:
        progress = int(progress)
    except (TypeError, ValueError):
        raise ValidationError({"progress": _("进度：须为 0 到 100 的整数")}, code="invalid") from None
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": _("进度：须为 0 到 100 的整数")}, code="invalid")
    if progress < project.progress:
        raise ValidationError({"progress": _("进度：不能低于上次报送的 {n}%").format(n=project.progress)},
                              code="decreasing")
    update = ProjectUpdate.objects.create(project=project, author=actor, progress=progress,
                                          text=required(text, "text", _("进展情况"), 2000))
    project.progress, project.status = progress, ProjectStatus.IMPLEMENTING
    project.save(update_fields=["progress", "status", "updated_at"])
    audit.record("deputy_duty.project.progress", actor=actor, target=project, data={"progress": progress})
    events.publish("deputy_duty.project.progress", project_id=project.pk, progress=progress)
    return update


@transaction.atomic
def comment_project(project: LivelihoodProject, *, text: str, actor) -> ProjectComment:
    """A deputy of the project's congress comments on its implementation."""
    deputy = Deputy.objects.filter(user=actor, congress_id=project.congress_id, active=True).first()
    if deputy is None:
        raise PermissionDenied(_("只有本级人大在任代表可以提出监督意见"))
    require(actor, "deputy_duty.deputy.act", deputy)
    if project.status not in UNDER_WAY:
        raise ValidationError({"text": _("监督意见：只有票决通过、实施中的项目可以提出")}, code="invalid_state")
    comment = ProjectComment.objects.create(project=project, deputy=deputy,
                                            text=required(text, "text", _("监督意见"), 1000))
    audit.record("deputy_duty.project.commented", actor=actor, target=project, data={"comment": comment.pk})
    return comment


@transaction.atomic
def evaluate_project(project: LivelihoodProject, *, verdict: str, note: str, actor,
                     on: dt.date | None = None) -> LivelihoodProject:
    """The congress office's final evaluation (人大验单): 满意 / 基本满意 / 不满意 with its reasons; ledgered."""
    require(actor, "deputy_duty.structure.manage", project.congress.region)
    project = LivelihoodProject.objects.select_for_update().get(pk=project.pk)
    if project.status not in UNDER_WAY:
        raise ValidationError({"verdict": _("评估：只有票决通过、实施中的项目可以评估")}, code="invalid_state")
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": _("评估：须为满意、基本满意或不满意")}, code="invalid")
    project.evaluation, project.evaluation_note = verdict, required(note, "note", _("评估意见"), 2000)
    project.evaluated_on, project.status = on or timezone.localdate(), ProjectStatus.EVALUATED
    project.save()
    data = {"project": project.pk, "verdict": verdict, "progress": project.progress,
            "updates": project.updates.count(), "comments": project.comments.count(),
            "evaluated_on": project.evaluated_on.isoformat()}
    audit.record("deputy_duty.project.evaluated", actor=actor, target=project, data=data)
    evidence("deputy_duty.project.evaluated", project, actor, {**data, "note": project.evaluation_note})
    return project
