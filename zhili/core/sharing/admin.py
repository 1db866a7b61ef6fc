from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.admin import ReadOnlyAdmin
from zhili.core.foundation.api import check_upload_size

from . import services
from .models import AccessLogEntry, Grant, Matter, WebhookDelivery, WebhookSubscription


class MatterImportForm(forms.Form):
    file = forms.FileField(label=_("事项目录文件（CSV 或 XLSX）"), validators=[check_upload_size])


@admin.register(Matter)
class MatterAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "department_name", "document_type", "is_active"]
    list_filter = ["is_active", "document_type"]
    search_fields = ["code", "name", "department_name"]
    change_list_template = "sharing/admin/matter_changelist.html"

    def get_urls(self):
        return [path("import/", self.admin_site.admin_view(self.import_view), name="sharing_matter_import"),
                *super().get_urls()]

    def import_view(self, request):
        """Upload a CSV/XLSX; every matter is created or updated by code, or nothing if any row is bad."""
        form = MatterImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = services.import_matters(upload.read(), file_name=upload.name, actor=request.user)
            except (ValidationError, PermissionDenied) as exc:
                form.add_error("file", exc.messages if isinstance(exc, ValidationError) else str(exc))
            else:
                if not report.errors:
                    self.message_user(request, _("导入完成：新增 {c} 项，更新 {u} 项").format(
                        c=report.created, u=report.updated), messages.SUCCESS)
                    return redirect("admin:sharing_matter_changelist")
        context = {**self.admin_site.each_context(request), "form": form, "report": report,
                   "title": _("导入共享事项"), "opts": self.model._meta}
        return render(request, "sharing/admin/matter_import.html", context)


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin):
    list_display = ["worker", "party", "matter", "document_type", "object_id", "expires_at", "revoked_at"]
    list_filter = ["matter", "document_type"]
    readonly_fields = [f.name for f in Grant._meta.fields]

    def has_add_permission(self, request):
        return False  # only the worker grants, through the service

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "accessor_label", "basis", "document_type", "object_id", "worker"]
    list_filter = ["basis", "document_type"]
    readonly_fields = [f.name for f in AccessLogEntry._meta.fields]


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "url", "is_active"]


@admin.action(description=_("重放所选推送（使用原幂等键）"))
def replay_deliveries(modeladmin, request, queryset):
    done = 0
    for delivery in queryset.select_related("subscription"):
        try:
            services.replay_delivery(delivery, actor=request.user)
        except PermissionDenied as exc:
            modeladmin.message_user(request, str(exc), messages.ERROR)
            return
        done += 1
    modeladmin.message_user(request, _("已重放 {n} 条推送").format(n=done), messages.SUCCESS)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["id", "event_name", "subscription", "status", "attempts", "next_attempt_at", "last_status_code"]
    list_filter = ["status", "subscription"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
    actions = [replay_deliveries]

    def has_add_permission(self, request):
        return False
