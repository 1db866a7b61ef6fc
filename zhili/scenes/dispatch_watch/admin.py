from django.contrib import admin

from .models import Agency, AnnualReport, HostEmployer, HostWarning, SpecialHoursApproval


class ReadOnly(admin.ModelAdmin):
    """Read-only: every change goes through the scene's services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Agency)
class AgencyAdmin(ReadOnly):
    list_display = ("licence_no", "organization", "region", "licence_status", "licence_expires_on", "credit_grade")
    list_filter = ("licence_status", "credit_grade")


@admin.register(HostEmployer)
class HostAdmin(ReadOnly):
    list_display = ("uscc", "name", "region", "direct_employees")


@admin.register(AnnualReport)
class ReportAdmin(ReadOnly):
    list_display = ("agency", "year", "status", "suggested", "verdict", "published")
    list_filter = ("year", "status", "verdict")


@admin.register(HostWarning)
class WarningAdmin(ReadOnly):
    list_display = ("host", "period", "level", "status")


@admin.register(SpecialHoursApproval)
class HoursAdmin(ReadOnly):
    list_display = ("organization", "kind", "status", "period_start", "period_end", "decision_no")
