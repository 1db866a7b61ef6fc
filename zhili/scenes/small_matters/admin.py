from django.contrib import admin

from .models import BenefitClaim, Matter


class _ReadOnly(admin.ModelAdmin):
    """Read-only: every change goes through the scene's services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Matter)
class MatterAdmin(_ReadOnly):
    list_display = ("name", "stage", "department", "path", "time_limit_days")
    list_filter = ("stage", "path")


@admin.register(BenefitClaim)
class BenefitClaimAdmin(_ReadOnly):
    list_display = ("id", "region", "stop_date", "status", "months", "monthly_amount")
    list_filter = ("status",)
