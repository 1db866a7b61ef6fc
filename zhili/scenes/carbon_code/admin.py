from django.contrib import admin

from .models import CarbonResult, Evaluation


class _ReadOnly(admin.ModelAdmin):
    """Read-only: every change goes through the scene's services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Evaluation)
class EvaluationAdmin(_ReadOnly):
    list_display = ("period", "enterprise_count", "graded_count", "created_at")


@admin.register(CarbonResult)
class CarbonResultAdmin(_ReadOnly):
    list_display = ("enterprise", "period", "intensity", "k_value", "grade", "level", "status")
    list_filter = ("status", "grade", "level")
