from django.contrib import admin

from .models import Mediation, MediatorProfile


class ReadOnly(admin.ModelAdmin):
    """Read-only: every change goes through the scene's services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Mediation)
class MediationAdmin(ReadOnly):
    list_display = ("number", "employer_name", "dispute_type", "status", "received_on", "deadline_on")
    list_filter = ("status", "dispute_type", "channel")
    exclude = ("worker_name", "worker_phone", "employer_phone")


@admin.register(MediatorProfile)
class MediatorProfileAdmin(ReadOnly):
    list_display = ("user", "organization", "region", "active")
