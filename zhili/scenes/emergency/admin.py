from django.contrib import admin

from .models import AED, Ambulance, Hospital, Station


class ReadOnly(admin.ModelAdmin):
    """Read-only: every change goes through the scene's services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Station)
class StationAdmin(ReadOnly):
    list_display = ("name", "region")


@admin.register(Ambulance)
class AmbulanceAdmin(ReadOnly):
    list_display = ("call_sign", "plate", "station", "status")
    list_filter = ("status",)


@admin.register(Hospital)
class HospitalAdmin(ReadOnly):
    list_display = ("name", "region", "capabilities")


@admin.register(AED)
class AEDAdmin(ReadOnly):
    list_display = ("place", "hours", "checked_on", "usable")
