"""Shared steps of the signing tests: a contract PDF, evidence, and a worker + seal signing flow."""

from django.utils import timezone

from zhili.core.esign import authorization as grants
from zhili.core.esign import render, services, signing

CONTRACT_HTML = """
<h1 style="text-align:center">劳动合同</h1>
<p>甲方（用人单位）：{{ employer }}</p>
<p>乙方（劳动者）：{{ worker }}</p>
<p>第一条 合同期限：自 2026 年 1 月 1 日起至 2028 年 12 月 31 日止。</p>
<p>第二条 工作内容：{{ job }}；工作地点：浙江省建德市。</p>
<div style="height: 300px"></div>
"""


def contract_pdf(worker, employer) -> bytes:
    return render.render_pdf(CONTRACT_HTML, {"employer": employer.name, "worker": worker.name, "job": "数控车工"})


def evidence_for(user, **intent):
    now = timezone.now()
    identity = {"user_id": user.pk, "method": "sms_id_match", "verified_at": now.isoformat()}
    intent = {"confirmation_id": "intent-001", "method": "sms_otp", "confirmed_at": now.isoformat(),
              "otp_challenge_id": 7, **intent}
    return identity, intent


def sign_as_worker(pdf: bytes, worker) -> bytes:
    certificate = services.issue_person_certificate(worker, actor=worker)
    identity, intent = evidence_for(worker)
    authorization = grants.authorize_key_use(certificate, identity_evidence=identity, intent_evidence=intent)
    return signing.sign_pdf(pdf, authorization=authorization, signer_certificate=certificate, role="worker",
                            field_name="WorkerSignature", page=0, box=(330, 80, 540, 140),
                            reason="订立电子劳动合同", location="浙江省建德市", actor=worker)


def seal_as_employer(pdf: bytes, enterprise, hr, seal_png: bytes) -> bytes:
    certificate = services.issue_organization_certificate(enterprise, actor=hr)
    identity, intent = evidence_for(hr, confirmation_id="intent-002")
    authorization = grants.authorize_key_use(certificate, identity_evidence=identity, intent_evidence=intent)
    return signing.sign_pdf(pdf, authorization=authorization, signer_certificate=certificate, role="employer",
                            field_name="EmployerSeal", page=0, box=(60, 60, 180, 180), stamp_image=seal_png,
                            reason="订立电子劳动合同", location="浙江省建德市", actor=hr)
