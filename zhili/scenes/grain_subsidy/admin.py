from django.contrib import admin

from .models import Farmer, PaymentFile, Plot, SubsidyRound


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read-only: every change goes through the scene's services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Plot)
class PlotAdmin(ReadOnlyAdmin):
    list_display = ("code", "region", "village", "measured_area_mu", "registered_area_mu", "land_use")
    list_filter = ("land_use", "grain_zone")
    exclude = ("boundary",)


@admin.register(Farmer)
class FarmerAdmin(ReadOnlyAdmin):
    list_display = ("masked_name", "region", "members")
    fields = ("region", "members", "bank_name")


@admin.register(SubsidyRound)
class SubsidyRoundAdmin(ReadOnlyAdmin):
    list_display = ("year", "subsidy_type", "region", "per_mu_yuan", "status")


@admin.register(PaymentFile)
class PaymentFileAdmin(ReadOnlyAdmin):
    list_display = ("number", "day", "line_count", "total_yuan", "status")
    exclude = ("content",)
