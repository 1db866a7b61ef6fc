"""``insert_instance`` stores a new row exactly as ``Model.objects.create`` does, or refuses the model."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import signals
from django.db.models.functions import Now
from django.utils import timezone

from zhili.core.esign.models import KeyUseAuthorization, SignatureRecord
from zhili.core.foundation import audit, pii
from zhili.core.foundation.models import AuditEntry, insert_instance
from zhili.core.notify.choices import Channel
from zhili.core.notify.models import Message

NEAR = dt.timedelta(minutes=5)


def audit_values(worker, certificate):
    return {"actor": worker, "actor_label": f"{worker.pk}:张伟", "action": "esign.document.signed",
            "target_type": "esign.signaturerecord", "target_id": "42", "target_repr": "WorkerSignature worker",
            "data": {"role": "worker", "sha256": "ab" * 32, "items": [1, "二", None]}, "ip_address": "10.1.2.3"}


def signature_values(worker, certificate):
    return {"certificate": certificate, "role": "worker", "field_name": "WorkerSignature",
            "evidence": {"identity": {"user_id": worker.pk}, "intent": {"confirmation_id": "intent-001"}},
            "evidence_digest": "cd" * 32, "input_sha256": "01" * 32, "output_sha256": "02" * 32,
            "signed_at": dt.datetime(2025, 3, 1, 8, 30, 15, 123456, tzinfo=dt.UTC),
            "subject_type": "labor_contract.contract", "subject_id": "7",
            "timestamp_time": dt.datetime(2025, 3, 1, 8, 30, 16, tzinfo=dt.UTC), "timestamp_authority": "CN=平台时间戳"}


def authorization_values(worker, certificate):
    return {"nonce": "9f" * 16, "certificate_id": certificate.pk, "identity_evidence": {"user_id": worker.pk},
            "intent_evidence": {"confirmation_id": "intent-001", "text": "本人确认签署"}, "evidence_digest": "ef" * 32,
            "expires_at": dt.datetime(2025, 3, 1, 8, 35, tzinfo=dt.UTC)}


def message_values(worker, certificate):
    return {"channel": Channel.SMS, "template": "otp", "recipient": worker, "address": "13812345678",
            "subject": "验证码", "body": "您的验证码是 246810", "params": {"code": "246810"}}


def inserted_and_stored(model, values, insert):
    """The instance ``insert`` returns and the row read back, in a savepoint that is rolled back afterwards, so the
    other way of inserting meets no unique value already taken."""
    with transaction.atomic():
        count = model.objects.count()
        instance = insert(model, values)
        assert model.objects.count() == count + 1
        stored = model.objects.get(pk=instance.pk)
        transaction.set_rollback(True)
    return instance, stored


def assert_same_fields(model, made, created):
    """Every concrete field equal, except the primary key and the automatic timestamps: set, and set now."""
    now = timezone.now()
    for field in model._meta.concrete_fields:
        mine, theirs = getattr(made, field.attname), getattr(created, field.attname)
        if field.primary_key:
            assert mine is not None and theirs is not None
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            assert abs(mine - now) < NEAR and abs(theirs - now) < NEAR, field.name
        else:
            assert mine == theirs, field.name


@pytest.mark.parametrize(("model", "values"), [
    (AuditEntry, audit_values), (SignatureRecord, signature_values), (KeyUseAuthorization, authorization_values),
    (Message, message_values),
])
def test_a_row_inserted_by_the_helper_is_the_row_create_stores(worker_zhang, certificate_of_zhang, model, values):
    """Given the same input, when one row is inserted by the helper and one by ``objects.create``, then both rows
    and both returned instances hold the same values, and the helper's instance is the stored row."""
    given = values(worker_zhang, certificate_of_zhang)

    made, made_stored = inserted_and_stored(model, given, lambda model, values: insert_instance(model(**values)))
    created, created_stored = inserted_and_stored(model, given, lambda model, values: model.objects.create(**values))

    assert_same_fields(model, made_stored, created_stored)
    assert_same_fields(model, made, created)
    assert made.pk == made_stored.pk
    assert (made._state.adding, made._state.db) == (False, "default")
    assert made.created_at == made_stored.created_at


def test_personal_data_is_stored_encrypted_with_its_blind_index(worker_zhang):
    message = insert_instance(Message(**message_values(worker_zhang, None)))

    with connection.cursor() as cursor:
        cursor.execute("SELECT address, address_index, body FROM notify_message WHERE id = %s", [message.pk])
        address, address_index, body = cursor.fetchone()
    assert address.startswith(pii.PREFIX) and pii.decrypt(address) == "13812345678"
    assert body.startswith(pii.PREFIX) and pii.decrypt(body) == "您的验证码是 246810"
    assert address_index == message.address_index == pii.blind_index("13812345678")
    assert Message.objects.get(address_index=pii.blind_index("138 1234 5678")).pk == message.pk


def test_an_explicit_primary_key_is_inserted(worker_zhang, certificate_of_zhang):
    chosen = (SignatureRecord.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000

    record = insert_instance(SignatureRecord(pk=chosen, **signature_values(worker_zhang, certificate_of_zhang)))

    assert record.pk == chosen
    assert SignatureRecord.objects.get(pk=chosen).field_name == "WorkerSignature"


def test_audit_record_returns_the_stored_entry(worker_zhang):
    entry = audit.record("identity.profile.viewed", actor=worker_zhang, target=worker_zhang, data={"field": "phone"})

    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.action == entry.action == "identity.profile.viewed"
    assert stored.actor_id == entry.actor_id == worker_zhang.pk
    assert stored.created_at == entry.created_at
    assert AuditEntry.objects.order_by("-pk").first().pk == entry.pk


@pytest.mark.parametrize("signal", [signals.pre_save, signals.post_save])
def test_a_model_with_a_save_receiver_is_refused_and_nothing_is_inserted(worker_zhang, signal):
    def receiver(sender, instance, **kwargs):
        instance.subject = "changed by a receiver"

    count = Message.objects.count()
    signal.connect(receiver, sender=Message)
    try:
        with pytest.raises(TypeError, match="receiver"):
            insert_instance(Message(**message_values(worker_zhang, None)))
    finally:
        signal.disconnect(receiver, sender=Message)
    assert Message.objects.count() == count


def test_a_model_whose_save_does_more_is_refused(db):
    """The user model's save() also tells the password validators of a change: skipping it would not be a save."""
    with pytest.raises(TypeError, match="overridden save"):
        insert_instance(get_user_model()(username="worker_liu"))
    assert not get_user_model().objects.filter(username="worker_liu").exists()


def test_an_expression_as_a_value_is_refused(worker_zhang, certificate_of_zhang):
    values = {**authorization_values(worker_zhang, certificate_of_zhang), "expires_at": Now()}

    with pytest.raises(TypeError, match="expression"):
        insert_instance(KeyUseAuthorization(**values))
    assert not KeyUseAuthorization.objects.exists()


def test_audit_entries_stay_append_only(worker_zhang):
    """The helper never updates: a stored entry is refused, and the model still refuses every update."""
    entry = audit.record("x.y.z", actor=worker_zhang)
    count = AuditEntry.objects.count()
    entry.action = "rewritten"

    with pytest.raises(ValueError, match="already stored"):
        insert_instance(entry)
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="rewritten")
    assert AuditEntry.objects.get(pk=entry.pk).action == "x.y.z"
    assert AuditEntry.objects.count() == count
