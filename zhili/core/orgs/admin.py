"""Admin for regions, industries and organisations: code lists are read-only, organisations change through services."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.admin import ReadOnlyAdmin

from . import services
from .choices import OrganizationKind
from .models import Industry, Organization, Region


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "level", "parent", "path")
    list_filter = ("level",)
    search_fields = ("code", "name")
    list_select_related = ("parent",)
    ordering = ("code",)


@admin.register(Industry)
class IndustryAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "parent")
    list_filter = (("parent", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("code", "name")
    list_select_related = ("parent",)
    ordering = ("code",)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "uscc", "region", "industry", "size", "status", "is_dispatch_agency")
    list_filter = ("kind", "size", "status", ("region", admin.RelatedOnlyFieldListFilter), "is_dispatch_agency")
    search_fields = ("name", "uscc", "legal_representative")
    list_select_related = ("region", "industry")
    autocomplete_fields = ("region", "industry", "parent")
    fieldsets = (
        (None, {"fields": ("kind", "name", "uscc", "legal_representative", "address")}),
        (_("归属与分类"), {"fields": ("region", "industry", "size", "parent", "is_dispatch_agency", "status")}),
    )

    def get_readonly_fields(self, request, obj=None):
        # The USCC and kind identify an organisation; once registered they are not edited.
        return ("kind", "uscc") if obj is not None else ()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """Route the admin's write through the services, so it is validated and audited like any other."""
        data = form.cleaned_data
        if change:
            # The form has already copied its values onto ``obj``; the service compares against the stored row.
            stored = Organization.objects.get(pk=obj.pk)
            services.update_organization(
                stored, actor=request.user, **{f: data[f] for f in form.changed_data if f in services.UPDATABLE_FIELDS})
            obj.refresh_from_db()
            return
        if data["kind"] == OrganizationKind.ENTERPRISE:
            created = services.register_enterprise(
                name=data["name"], uscc=data.get("uscc") or "", region=data["region"], industry=data.get("industry"),
                size=data.get("size") or "", legal_representative=data.get("legal_representative") or "",
                address=data.get("address") or "", is_dispatch_agency=data.get("is_dispatch_agency", False),
                actor=request.user)
        else:
            created = services.register_department(
                name=data["name"], region=data["region"], parent=data.get("parent"), kind=data["kind"],
                uscc=data.get("uscc") or None, actor=request.user)
        obj.pk = created.pk
        obj._state.adding = False
        obj.refresh_from_db()

