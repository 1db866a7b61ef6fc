"""Archive timestamps renewed before their TSA certificate expires (PAdES B-LTA kept alive), on a faked clock."""

import datetime as dt
import hashlib

import pytest

from zhili.core.esign import api as esign
from zhili.core.esign import archive
from zhili.core.esign.tests import helpers
from zhili.core.esign.tests.openssl_tsa import make_openssl_tsa, serve
from zhili.core.foundation.models import AuditEntry
from zhili.core.ledger import api as ledger


@pytest.fixture
def shelf():
    """A scene's archive as the job sees it: completed documents by key, replaced in place when renewed."""
    documents: dict[str, bytes] = {}
    archive.register_archive("test.shelf", documents=lambda: list(documents.items()),
                             replace=lambda key, pdf, actor=None: documents.__setitem__(key, pdf))
    yield documents
    archive.unregister_archive("test.shelf")


@pytest.fixture
def short_lived_tsa(tmp_path, settings):
    """An independent TSA whose certificate expires in two days."""
    tsa = make_openssl_tsa(tmp_path, days=2)
    server = serve(tsa)
    yield tsa
    server.shutdown()
    server.server_close()


def test_a_document_whose_timestamp_certificate_expires_soon_gets_a_new_archive_timestamp(
        shelf, short_lived_tsa, verified_worker, enterprise, hr_li, seal_png, settings):
    """Given a contract completed with a TSA whose certificate expires in two days, the daily job run on a clock set
    one day ahead adds a document timestamp of the platform TSA (valid for years) with the validation data, stores
    it, and records it in the ledger; every earlier revision is still a prefix of the file, and the next run on the
    same clock leaves it alone."""
    settings.ESIGN_TSA_URL = short_lived_tsa.url
    after_worker = helpers.sign_as_worker(helpers.contract_pdf(verified_worker, enterprise), verified_worker)
    completed = esign.complete_document(helpers.seal_as_employer(after_worker, enterprise, hr_li, seal_png))
    settings.ESIGN_TSA_URL = ""
    shelf["c-1"] = completed
    expiry = archive.last_timestamp_expiry(completed)
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    assert dt.timedelta(0) < expiry - tomorrow < dt.timedelta(days=1, minutes=5)

    counts = archive.renew_archive_timestamps(now=tomorrow, margin=dt.timedelta(days=30))

    assert counts == {"checked": 1, "renewed": 1, "not_renewable": 0}
    renewed = shelf["c-1"]
    assert renewed.startswith(completed) and len(renewed) > len(completed)
    platform = esign.ensure_platform_ca()
    assert archive.last_timestamp_expiry(renewed) == platform.tsa_cert.not_valid_after_utc
    report = esign.verify_pdf(renewed, trust_roots=[esign.platform_root_pem().encode(), short_lived_tsa.root_pem])
    assert report.verdict == "valid", [s.problems for s in report.signatures]
    assert [s.kind for s in report.signatures] == ["signature", "signature", "document_timestamp",
                                                    "document_timestamp"]
    [entry] = ledger.entries_for(("test.shelf", "c-1"))
    assert (entry.kind, entry.digest) == ("esign.archive_timestamp.renewed", hashlib.sha256(renewed).hexdigest())
    assert AuditEntry.objects.filter(action="esign.archive_timestamp.renewed").count() == 1

    assert archive.renew_archive_timestamps(now=tomorrow, margin=dt.timedelta(days=30)) == {
        "checked": 1, "renewed": 0, "not_renewable": 0}
    assert shelf["c-1"] == renewed


def test_a_document_far_from_expiry_is_left_alone_and_one_the_tsa_cannot_outlive_is_counted(
        shelf, verified_worker, enterprise, settings):
    """The platform TSA's own timestamps expire with its certificate: renewing them with the same certificate would
    gain nothing, so the job counts them as not renewable (the TSA certificate must be renewed first)."""
    settings.ESIGN_TSA_URL = ""
    completed = esign.complete_document(
        helpers.sign_as_worker(helpers.contract_pdf(verified_worker, enterprise), verified_worker))
    shelf["c-2"] = completed
    expiry = archive.last_timestamp_expiry(completed)

    assert archive.renew_archive_timestamps(now=expiry - dt.timedelta(days=400), margin=dt.timedelta(days=365)) == {
        "checked": 1, "renewed": 0, "not_renewable": 0}
    assert archive.renew_archive_timestamps(now=expiry - dt.timedelta(days=10), margin=dt.timedelta(days=365)) == {
        "checked": 1, "renewed": 0, "not_renewable": 1}
    assert shelf["c-2"] == completed
