from django.db import connection

from zhili.core.foundation import pii
from zhili.core.identity.models import User


def test_masks_keep_only_what_identifies_nobody():
    assert pii.mask_id_number("33018219900307123X") == "330182********123X"
    assert pii.mask_phone("13812345678") == "138****5678"
    assert pii.mask_name("张三丰") == "张**"


def test_encryption_round_trips_and_is_randomised():
    first, second = pii.encrypt("33018219900307123X"), pii.encrypt("33018219900307123X")
    assert first != second
    assert pii.decrypt(first) == pii.decrypt(second) == "33018219900307123X"


def test_blind_index_matches_after_normalisation():
    assert pii.blind_index("33018219900307123x") == pii.blind_index(" 33018219900307123X")
    assert pii.blind_index("33018219900307123X") != pii.blind_index("330182199003071231")


def test_database_holds_no_plaintext_personal_data(worker_zhang):
    """Raw SQL over the user table finds neither the ID number nor the phone in clear."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone, id_number_index, phone_index FROM identity_user WHERE id = %s",
                       [worker_zhang.pk])
        id_cipher, phone_cipher, id_index, phone_index = cursor.fetchone()
    assert worker_zhang.id_number not in id_cipher
    assert worker_zhang.phone not in phone_cipher
    assert id_cipher.startswith("v1:") and phone_cipher.startswith("v1:")
    assert worker_zhang.id_number not in id_index and worker_zhang.phone not in phone_index


def test_look_up_by_blind_index_finds_the_person(worker_zhang):
    assert User.objects.by_phone(worker_zhang.phone).get() == worker_zhang
    assert User.objects.by_id_number(worker_zhang.id_number.lower()).get() == worker_zhang
    assert not User.objects.by_phone("13999999999").exists()
