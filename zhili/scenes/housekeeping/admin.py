from django.contrib import admin

from .models import Agency, NoticeSlip, WatchListEntry, Worker


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "stars"]
    search_fields = ["name"]


@admin.register(Worker)
class WorkerAdmin(admin.ModelAdmin):
    list_display = ["code_key", "name", "agency", "code_colour", "on_watch_list"]
    list_filter = ["code_colour", "on_watch_list"]
    search_fields = ["code_key", "name"]
    exclude = ["id_number", "phone", "id_number_index"]
    readonly_fields = ["code_colour", "code_reasons", "code_updated_at", "on_watch_list"]


admin.site.register(NoticeSlip)
admin.site.register(WatchListEntry)
