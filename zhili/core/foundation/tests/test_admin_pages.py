"""Every model registered in the admin lists for a platform administrator; read-only ones offer no add."""

import pytest
from django.contrib import admin
from django.urls import reverse

from zhili.core.foundation.admin import ReadOnlyAdmin
from zhili.core.testing.factories import UserFactory


@pytest.mark.django_db
def test_every_admin_changelist_renders_and_read_only_ones_cannot_add(client):
    superuser = UserFactory(username="admin_qian", name="钱平台", is_superuser=True, is_staff=True,
                            phone="13800000099", id_number="")
    client.force_login(superuser)
    read_only = []
    for model, model_admin in admin.site._registry.items():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
        if isinstance(model_admin, ReadOnlyAdmin):
            read_only.append(model._meta.label)
            add = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
            assert client.get(add).status_code == 403, add
    assert {"foundation.AuditEntry", "jobs.PeriodicRun", "ledger.LedgerEntry", "cases.Case"} <= set(read_only)
