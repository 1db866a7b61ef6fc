"""The admin: households, warnings, applications, matches and wishes, for reading (writes go through services)."""

from django.contrib import admin

from .models import HelpMatch, ReliefApplication, ReliefHousehold, ReliefWarning, Wish


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReliefHousehold)
class ReliefHouseholdAdmin(ReadOnly):
    list_display = ["key", "region", "category"]
    list_filter = ["category"]
    search_fields = ["key"]
    exclude = ["head_name"]


@admin.register(ReliefWarning)
class ReliefWarningAdmin(ReadOnly):
    list_display = ["household", "rule_name", "found_on", "status"]
    list_filter = ["rule", "status"]


@admin.register(ReliefApplication)
class ReliefApplicationAdmin(ReadOnly):
    list_display = ["pk", "household", "channel", "status", "category", "submitted_at"]
    list_filter = ["status", "channel", "category"]
    exclude = ["facts", "members"]


@admin.register(HelpMatch)
class HelpMatchAdmin(ReadOnly):
    list_display = ["household", "policy_name", "owner", "amount", "status"]
    list_filter = ["status", "in_statute", "kind"]


@admin.register(Wish)
class WishAdmin(ReadOnly):
    list_display = ["title", "kind", "status", "rating"]
    list_filter = ["kind", "status"]
