from django.contrib import admin

from .models import Consultation, Entry, LawText


class ReadOnly(admin.ModelAdmin):
    """Read-only: every change goes through the scene's services (and the officers' pages)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LawText)
class LawTextAdmin(ReadOnly):
    list_display = ("short_title", "version", "status", "effective_from", "effective_to", "source_name")
    list_filter = ("status",)


@admin.register(Entry)
class EntryAdmin(ReadOnly):
    list_display = ("code", "question", "kind", "topic", "status")
    list_filter = ("kind", "topic", "status")
    search_fields = ("code", "question")


@admin.register(Consultation)
class ConsultationAdmin(ReadOnly):
    list_display = ("question", "outcome", "topic", "helpful", "queue_status", "created_at")
    list_filter = ("outcome", "queue_status", "topic")
