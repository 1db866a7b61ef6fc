"""The periodic jobs page: what runs when, how the last run went, and a button to run one now."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhili.core.identity.permissions import require

from . import services
from .registry import periodic_jobs


@login_required
def job_list(request):
    require(request.user, "jobs.job.view", None)
    from django.utils import timezone

    from .registry import current_page_alerts

    return render(request, "jobs/job_list.html", {"states": services.job_states(), "health": services.worker_health(),
                                                  "alerts": current_page_alerts(timezone.localdate())})


@login_required
@require_POST
def run_now(request, code: str):
    require(request.user, "jobs.job.run", None)
    if code not in periodic_jobs:
        raise Http404
    run = services.run_now(code, actor=request.user)
    messages.success(request, _("已将“%(name)s”加入任务队列（%(status)s）") % {
        "name": periodic_jobs[code].name, "status": run.status})
    return redirect("jobs:list")
