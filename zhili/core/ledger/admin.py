from django.contrib import admin

from zhili.core.foundation.admin import ReadOnlyAdmin

from .models import Checkpoint, LedgerAlert, LedgerEntry


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ("index", "kind", "subject_type", "subject_id", "actor_label", "recorded_at")
    list_filter = ("kind",)
    search_fields = ("=subject_id", "=digest", "kind")
    exclude = ("leaf_hash",)


@admin.register(Checkpoint)
class CheckpointAdmin(ReadOnlyAdmin):
    list_display = ("tree_size", "anchor_status", "anchored_at", "created_at")
    list_filter = ("anchor_status",)
    exclude = ("root_hash", "timestamp_token")


@admin.register(LedgerAlert)
class LedgerAlertAdmin(ReadOnlyAdmin):
    list_display = ("id", "level", "code", "message", "entry_index", "created_at")
    list_filter = ("level", "code")
