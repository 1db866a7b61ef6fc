"""Read-only admin views of certificates and signature records (writes go through services)."""

from django.contrib import admin

from .models import Certificate, SignatureRecord


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["kind", "subject", "serial_number", "not_after", "revoked_at"]
    list_filter = ["kind"]
    search_fields = ["subject", "serial_number"]
    exclude = ["der", "encrypted_key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SignatureRecord)
class SignatureRecordAdmin(admin.ModelAdmin):
    list_display = ["field_name", "role", "certificate", "signed_at", "output_sha256"]
    search_fields = ["output_sha256", "evidence_digest"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
