from django.contrib import admin

from .models import AssessmentApplication, Certificate, DesignatedHospital, SuspectedCase


class ReadOnly(admin.ModelAdmin):
    """Read-only: every change goes through the scene's services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SuspectedCase)
class SuspectedCaseAdmin(ReadOnly):
    list_display = ("person", "found_on", "sources", "status")
    list_filter = ("status",)


@admin.register(AssessmentApplication)
class AssessmentApplicationAdmin(ReadOnly):
    list_display = ("person", "category", "hospital", "appointment_on", "status")
    list_filter = ("status",)


@admin.register(Certificate)
class CertificateAdmin(ReadOnly):
    list_display = ("person", "category", "grade", "issued_on", "status")
    list_filter = ("status", "category", "grade")


@admin.register(DesignatedHospital)
class DesignatedHospitalAdmin(ReadOnly):
    list_display = ("organization", "region", "categories", "daily_capacity")
