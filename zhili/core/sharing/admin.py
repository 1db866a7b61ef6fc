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

    def has_delete_permission(self, request, obj=None):
        return False  # a matter is retired by unticking 启用, which keeps the grants made under it readable

    def save_model(self, request, obj, form, change):
        """Through ``services.save_matter`` (audited)."""
        values = {name: form.cleaned_data[name] for name in form.changed_data if name != "code"}
        saved = services.save_matter(obj.code, actor=request.user, **values)
        obj.pk = saved.pk
        obj._state.adding = False

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


@admin.action(description=_("批准所选订阅（有法定依据的订阅须由登记人以外的管理员批准）"))
def approve_subscriptions(modeladmin, request, queryset):
    for subscription in queryset:
        try:
            services.approve_subscription(subscription, actor=request.user)
        except (PermissionDenied, ValidationError) as exc:
            modeladmin.message_user(request, f"{subscription}：{' '.join(getattr(exc, 'messages', [str(exc)]))}",
                                    messages.ERROR)
        else:
            modeladmin.message_user(request, _("已批准：{name}").format(name=subscription), messages.SUCCESS)


@admin.action(description=_("更换所选订阅的签名密钥（新密钥只显示一次）"))
def rotate_secrets(modeladmin, request, queryset):
    for subscription in queryset:
        secret = services.rotate_subscription_secret(subscription, actor=request.user)
        modeladmin.message_user(request, _("“{name}”的新签名密钥只显示这一次，请立即妥善保存：{secret}").format(
            name=subscription, secret=secret), messages.WARNING)


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    """Written through the subscription services: the secret is never shown again after creation."""

    list_display = ["name", "organization", "url", "legal_basis", "approved_at", "is_active"]
    fields = ["organization", "name", "url", "event_names", "legal_basis", "max_attempts", "is_active",
              "created_by", "approved_by", "approved_at"]
    readonly_fields = ["created_by", "approved_by", "approved_at"]
    actions = [approve_subscriptions, rotate_secrets]

    def has_delete_permission(self, request, obj=None):
        return False  # deliveries refer to it; untick 启用 instead

    def save_model(self, request, obj, form, change):
        values = {name: form.cleaned_data[name] for name in form.changed_data if name in services.subscriptions.FIELDS}
        if change:
            services.change_subscription(WebhookSubscription.objects.get(pk=obj.pk), actor=request.user, **values)
            return
        subscription, secret = services.create_subscription(actor=request.user, **values)
        obj.pk = subscription.pk
        obj._state.adding = False
        messages.warning(request, _("签名密钥只显示这一次，请立即妥善保存：{secret}").format(secret=secret))


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
