from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.admin import ReadOnlyAdmin

from . import services
from .models import Message, ShortLink


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    """The outbox, read-only: bodies and addresses are masked in the list; a failed message can be retried."""

    list_display = ("id", "created_at", "channel", "template", "masked_address", "masked_body", "status", "attempts",
                    "sent_at", "read_at")
    list_filter = ("channel", "status", "template")
    search_fields = ("template", "dedup_key", "provider_id")
    date_hierarchy = "created_at"
    actions = ["retry_failed"]
    readonly_fields = ("channel", "template", "recipient", "masked_address", "subject", "body", "params", "status",
                       "attempts", "next_attempt_at", "sent_at", "read_at", "provider_id", "last_error", "dedup_key",
                       "created_at", "updated_at")
    exclude = ("address", "address_index")

    @admin.display(description=_("地址"))
    def masked_address(self, obj):
        return obj.masked_address

    @admin.display(description=_("内容"))
    def masked_body(self, obj):
        return obj.masked_body

    @admin.action(description=_("重新发送所选的失败消息"))
    def retry_failed(self, request, queryset):
        retried = 0
        for message in queryset:
            try:
                services.retry_message(message, actor=request.user)
            except ValidationError:
                continue
            retried += 1
        self.message_user(request, _("已安排重新发送 %(n)d 条消息") % {"n": retried}, messages.SUCCESS)


@admin.register(ShortLink)
class ShortLinkAdmin(admin.ModelAdmin):
    """Short links with their target, expiry and visit count; read-only (links are made by services)."""

    list_display = ("code", "target", "expires_at", "hits", "subject_type", "subject_id", "created_by", "created_at")
    search_fields = ("code", "target", "subject_id")
    list_filter = ("subject_type",)
    readonly_fields = ("code", "target", "expires_at", "hits", "subject_type", "subject_id", "created_by",
                       "created_at", "updated_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
