"""Admin for people, memberships and API access.

Personal data is shown masked only: the ID number and phone are never form fields here, the list shows
``330182********1234`` and ``139****0001``, and a search by full phone or ID number goes through the blind
index. The password hash is never shown or editable. Codes and tokens are read-only.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation import pii
from zhili.core.foundation.admin import ReadOnlyAdmin
from zhili.core.foundation.validators import MOBILE_RE

from . import services
from .models import AccessToken, ApiClient, Membership, OtpChallenge, User
from .roles import role_choices


class MembershipForm(forms.ModelForm):
    """A membership's role is chosen from the roles registry (core's and every installed scene's)."""

    role = forms.ChoiceField(label=_("角色"), choices=role_choices)

    class Meta:
        model = Membership
        fields = ("role", "organization", "region", "is_active")


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipForm
    extra = 0
    fields = ("role", "organization", "region", "is_active")
    autocomplete_fields = ("organization", "region")


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("username", "name", "masked_phone", "masked_id_number", "verification_method", "is_active",
                    "is_staff", "last_login")
    list_filter = ("is_active", "is_staff", "is_superuser", "verification_method", "memberships__role")
    search_fields = ("username", "name")
    ordering = ("username",)
    fieldsets = (
        (None, {"fields": ("username", "name", "email", "preferred_language")}),
        (_("实名信息（脱敏显示）"), {"fields": ("masked_id_number", "masked_phone", "verification_method",
                                        "verified_at")}),
        (_("权限"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("登录状态"), {"fields": ("last_login", "failed_login_count", "locked_until", "created_at")}),
    )
    readonly_fields = ("masked_id_number", "masked_phone", "verification_method", "verified_at", "last_login",
                       "failed_login_count", "created_at")
    filter_horizontal = ("groups",)
    inlines = [MembershipInline]

    @admin.display(description=_("手机号码"))
    def masked_phone(self, obj):
        return obj.masked_phone

    @admin.display(description=_("身份证号码"))
    def masked_id_number(self, obj):
        return obj.masked_id_number

    def has_add_permission(self, request):
        # People are created by SMS login, by imports or by create_person, which validate their real-name data.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_search_results(self, request, queryset, search_term):
        """A full phone or ID number is looked up by its blind index; anything else by username and name."""
        term = search_term.strip()
        if MOBILE_RE.match(term):
            return queryset.filter(phone_index=pii.blind_index(term)), False
        if len(term) == 18 and term[:17].isdigit():
            return queryset.filter(id_number_index=pii.blind_index(term)), False
        return super().get_search_results(request, queryset, search_term)

    def save_model(self, request, obj, form, change):
        """The change goes through ``services.change_user`` (audited); the groups with it, in ``save_related``."""
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name in services.USER_ADMIN_FIELDS}
        services.change_user(User.objects.get(pk=obj.pk), changes=changes, actor=request.user)

    def save_related(self, request, form, formsets, change):
        if "groups" in form.changed_data:
            services.change_user(form.instance, changes={}, groups=form.cleaned_data["groups"], actor=request.user)
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        """Memberships are granted, changed and removed through the identity services, each audited."""
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        for membership in formset.save(commit=False):
            if membership.pk is None:
                services.add_membership(form.instance, role=membership.role, organization=membership.organization,
                                        region=membership.region, actor=request.user)
                continue
            changed = next(f for f in formset.forms if f.instance is membership).changed_data
            services.change_membership(Membership.objects.get(pk=membership.pk), actor=request.user,
                                       **{name: getattr(membership, name) for name in changed
                                          if name in ("role", "organization", "region", "is_active")})
        for membership in formset.deleted_objects:
            services.revoke_membership(membership, actor=request.user)


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ("user", "role", "organization", "region", "is_active", "created_at")
    list_filter = ("role", "is_active")
    search_fields = ("user__username", "user__name", "organization__name")
    list_select_related = ("user", "organization", "region")
    autocomplete_fields = ("user", "organization", "region")


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = ("name", "client_id", "organization", "scopes", "is_active", "created_at")
    list_filter = ("is_active",)
    search_fields = ("name", "client_id", "organization__name")
    autocomplete_fields = ("organization",)
    fields = ("name", "organization", "scopes", "is_active", "client_id")
    readonly_fields = ("client_id",)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """A new client is registered by the service, and its secret is shown once; a change is a service too."""
        if change:
            services.change_api_client(ApiClient.objects.get(pk=obj.pk), actor=request.user,
                                       **{name: form.cleaned_data[name] for name in form.changed_data})
            return
        client, secret = services.register_api_client(
            name=obj.name, organization=obj.organization, scopes=list(obj.scopes or []), actor=request.user)
        obj.pk, obj.client_id, obj.secret_hash = client.pk, client.client_id, client.secret_hash
        obj._state.adding = False
        messages.warning(request, _("客户端密钥只显示这一次，请立即妥善保存：{secret}").format(secret=secret))




@admin.action(description=_("吊销所选令牌"))
def revoke_tokens(modeladmin, request, queryset):
    for access in queryset.select_related("client"):
        services.revoke_token(access, actor=request.user)
    modeladmin.message_user(request, _("已吊销 {n} 个令牌").format(n=queryset.count()), messages.SUCCESS)


@admin.register(AccessToken)
class AccessTokenAdmin(ReadOnlyAdmin):
    list_display = ("client", "scopes", "created_at", "expires_at", "revoked_at")
    list_filter = ("revoked_at",)
    list_select_related = ("client",)
    fields = ("client", "scopes", "created_at", "expires_at", "revoked_at")
    actions = [revoke_tokens]

    def has_change_permission(self, request, obj=None):
        return obj is None and request.user.is_active and request.user.is_staff  # the list's revoke action only


@admin.register(OtpChallenge)
class OtpChallengeAdmin(ReadOnlyAdmin):
    list_display = ("purpose", "created_at", "expires_at", "attempts", "consumed_at", "ip_address")
    list_filter = ("purpose",)
    fields = ("purpose", "created_at", "expires_at", "attempts", "consumed_at", "ip_address")
    date_hierarchy = "created_at"
