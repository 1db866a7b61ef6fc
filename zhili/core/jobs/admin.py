from django.contrib import admin

from zhili.core.foundation.admin import ReadOnlyAdmin

from .models import PeriodicRun


@admin.register(PeriodicRun)
class PeriodicRunAdmin(ReadOnlyAdmin):
    """Read-only: runs are written by the scheduler."""

    list_display = ("job_code", "slot", "enqueued_at", "status", "triggered_by")
    list_filter = ("job_code",)
    search_fields = ("job_code", "task_result_id")
    date_hierarchy = "slot"
