from django.contrib import admin

from .models import PaymentBatch, Project, RosterEntry, WageSheet


class ReadOnly(admin.ModelAdmin):
    """Read-only: every change goes through the scene's services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Project)
class ProjectAdmin(ReadOnly):
    list_display = ("name", "permit_number", "region", "general_contractor", "contract_sum", "status")
    list_filter = ("status",)
    search_fields = ("name", "permit_number")


@admin.register(RosterEntry)
class RosterEntryAdmin(ReadOnly):
    list_display = ("project", "badge", "team", "trade", "entered_on", "exited_on")
    exclude = ("bank_card", "bank_card_index")


@admin.register(WageSheet)
class WageSheetAdmin(ReadOnly):
    list_display = ("project", "team", "month", "status", "total_net")
    list_filter = ("status",)


@admin.register(PaymentBatch)
class PaymentBatchAdmin(ReadOnly):
    list_display = ("number", "sheet", "sequence", "line_count", "total", "status")
    exclude = ("content",)
