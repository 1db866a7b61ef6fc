from django.contrib import admin

from .models import Congress, Deputy, LiaisonStation, Opinion


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read-only: every change goes through the scene's services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Congress)
class CongressAdmin(ReadOnlyAdmin):
    list_display = ("name", "level", "term", "region")


@admin.register(LiaisonStation)
class LiaisonStationAdmin(ReadOnlyAdmin):
    list_display = ("name", "region", "opening_hours")


@admin.register(Deputy)
class DeputyAdmin(ReadOnlyAdmin):
    list_display = ("name", "congress", "delegation", "station", "active")


@admin.register(Opinion)
class OpinionAdmin(ReadOnlyAdmin):
    list_display = ("title", "station", "category", "status", "created_at")
    list_filter = ("status", "category")
