"""Read-only admin views of certificates and signature records (writes go through services)."""

from django.contrib import admin

from zhili.core.foundation.admin import ReadOnlyAdmin

from .models import Certificate, SignatureRecord


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["kind", "subject", "serial_number", "not_after", "revoked_at"]
    list_filter = ["kind"]
    search_fields = ["subject", "serial_number"]
    exclude = ["der", "encrypted_key"]


@admin.register(SignatureRecord)
class SignatureRecordAdmin(ReadOnlyAdmin):
    list_display = ["field_name", "role", "certificate", "signed_at", "output_sha256"]
    search_fields = ["output_sha256", "evidence_digest"]
