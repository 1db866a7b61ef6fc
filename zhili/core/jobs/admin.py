from django.contrib import admin

from .models import PeriodicRun


@admin.register(PeriodicRun)
class PeriodicRunAdmin(admin.ModelAdmin):
    """Read-only: runs are written by the scheduler."""

    list_display = ("job_code", "slot", "enqueued_at", "status", "triggered_by")
    list_filter = ("job_code",)
    search_fields = ("job_code", "task_result_id")
    date_hierarchy = "slot"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
