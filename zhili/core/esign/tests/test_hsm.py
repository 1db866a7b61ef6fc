"""Keys in a hardware security module (PKCS#11, SoftHSM2 from Debian): the platform CA, the TSA and seals."""

import shutil
import subprocess

import pytest
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15

from zhili.core.esign import api as esign
from zhili.core.esign import ca, hsm, services, signers
from zhili.core.esign.models import Certificate
from zhili.core.esign.tests import helpers

MODULE = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN, PIN = "zhili-test", "123456"

pytestmark = pytest.mark.skipif(shutil.which("softhsm2-util") is None,
                                reason="SoftHSM2 is not installed (bin/test installs it: apt-get install softhsm2)")


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory):
    """One SoftHSM2 token for this test process (SoftHSM reads its configuration once per process)."""
    import os

    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    config = folder / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    os.environ["SOFTHSM2_CONF"] = str(config)
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", "654321"],
                   check=True, capture_output=True)
    yield TOKEN
    hsm.forget_sessions()


@pytest.fixture
def keys_in_hsm(softhsm_token, settings):
    settings.ESIGN_KEY_STORE = "pkcs11"
    settings.ESIGN_PKCS11 = {"module": MODULE, "token_label": softhsm_token, "pin": PIN}
    return softhsm_token


def test_platform_tsa_and_seal_keys_are_made_and_used_in_the_token(keys_in_hsm, verified_worker, enterprise, hr_li,
                                                                   seal_png):
    """The root, the issuing CA, the TSA and the employer's seal get keys generated in the token, sensitive and not
    extractable; rows keep only their labels. A contract signed by the worker (database-sealed key), sealed and
    completed verifies, and the issuing CA's CRL was signed in the token too. The seal's signer holds a handle only."""
    from pkcs11 import Attribute, ObjectClass

    platform = services.ensure_platform_ca()
    seal = services.issue_organization_certificate(enterprise, actor=hr_li)
    person = services.issue_person_certificate(verified_worker, actor=verified_worker)

    in_token = [platform.root, platform.issuing, platform.tsa, seal]
    assert all(row.encrypted_key.startswith("pkcs11:") for row in in_token)
    assert person.encrypted_key.startswith("v1:")
    for row in in_token:
        key = hsm.session().get_key(object_class=ObjectClass.PRIVATE_KEY, label=row.encrypted_key[len("pkcs11:"):])
        assert (key[Attribute.SENSITIVE], key[Attribute.EXTRACTABLE], key[Attribute.TOKEN]) == (True, False, True)
    handle = platform.key_of(seal)
    assert isinstance(handle, hsm.HsmKey)
    with pytest.raises(TypeError, match="不能导出"):
        handle.private_bytes()
    material = signers._signer_material(seal.serial_number, seal.encrypted_key, bytes(seal.der),
                                        signers.issuer_chain(seal, platform))
    assert isinstance(material.private_key, hsm.HsmKey) and material.key_info is None

    after_worker = helpers.sign_as_worker(helpers.contract_pdf(verified_worker, enterprise), verified_worker)
    completed = esign.complete_document(helpers.seal_as_employer(after_worker, enterprise, hr_li, seal_png))
    report = esign.verify_pdf(completed, trust_roots=[esign.platform_root_pem().encode()])
    assert report.verdict == "valid", [s.problems for s in report.signatures]
    assert [s.signer_common_name for s in report.signatures] == [verified_worker.name, enterprise.name,
                                                                 "治理平台时间戳服务"]
    crl = ca.x509.load_der_x509_crl(platform.crl("issuing"))
    assert crl.is_signature_valid(platform.issuing_cert.public_key())
    assert ca.load(platform.root).verify_directly_issued_by(ca.load(platform.root)) is None


def test_a_token_key_signs_only_what_the_platform_uses_and_database_mode_stays_the_default(keys_in_hsm, settings, db):
    key = hsm.generate_key()
    signature = key.sign(b"data", PKCS1v15(), ca.hashes.SHA256())
    key.public_key().verify(signature, b"data", PKCS1v15(), ca.hashes.SHA256())
    with pytest.raises(ValueError, match="only PKCS#1 v1.5 with SHA-2"):
        key.sign(b"data", PKCS1v15(), ca.hashes.SHA1())

    settings.ESIGN_KEY_STORE = "database"
    platform = services.ensure_platform_ca()
    assert Certificate.objects.filter(encrypted_key__startswith="pkcs11:").count() == 0
    assert platform.root.encrypted_key.startswith("v1:")
