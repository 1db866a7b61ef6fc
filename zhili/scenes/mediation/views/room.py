"""The room (调解室) on core.live: the page, its stream and long poll, posting, and evidence upload.

Only the parties, the mediator and the committee (the mediator's supervisors) enter: someone who cannot see the
case gets 404, someone who sees it but not this session (the other side's 背对背 session, a platform
administrator) gets 403, and the same holds for every endpoint below.
"""

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhili.core.live import api as live

from .. import queries, services
from ..choices import MediationStatus, Session
from ..models import Record
from ..permissions import is_mediator, may_enter
from ..rules import rule


def _entered(request, pk: int, session: str):
    mediation = queries.mediation_for(request.user, pk)
    if session not in Session.values or not may_enter(request.user, mediation, session):
        raise PermissionDenied(_("您不能进入该调解会话"))
    return mediation


def _channel(request, mediation, session):
    """The session's channel, without creating it for a mere reader."""
    channel = live.channel_by_key(services.room.channel_key(mediation, session))
    if channel is None:
        channel = services.room_channel(mediation, session, actor=request.user)
    return channel


@login_required
def room(request, pk: int, session: str = "joint"):
    from django.utils import timezone

    mediation = _entered(request, pk, session)
    channel = _channel(request, mediation, session)
    history = live.records_since(channel, 0)
    is_mediator_here = is_mediator(request.user, mediation)
    response = render(request, "mediation/room.html", {
        "m": mediation, "session": Session(session), "history": history,
        "last_seq": history[-1]["seq"] if history else 0, "open": mediation.status == MediationStatus.MEDIATING,
        "sessions": [Session(s) for s in Session.values if may_enter(request.user, mediation, s)],
        "is_mediator": is_mediator_here,
        "record": Record.objects.filter(mediation=mediation).first(),
        "max_mb": rule("evidence_max_bytes", timezone.localdate()).value // (1024 * 1024),
        "live_labels": json.dumps({"live": _("已连接"), "reconnecting": _("重新连接中"), "polling": _("已连接（轮询）"),
                                   "closed": _("已断开"), "failed": _("发送失败，请检查网络后重试")}, ensure_ascii=False),
        "speech_labels": json.dumps({"record": _("语音记录"), "stop": _("停止并转写"), "recording": _("录音中……"),
                                     "working": _("正在转写，请稍候……"), "done": _("已追加草稿（{seconds} 秒录音），请核对修改后保存。"),
                                     "denied": _("无法使用麦克风，请直接输入笔录"), "unsupported": _("此浏览器不支持录音，请直接输入笔录")},
                                    ensure_ascii=False)})
    if is_mediator_here and mediation.status == MediationStatus.MEDIATING:
        # the platform denies the microphone everywhere (core's security headers); the mediator's room page
        # allows it for this origin, for the record button
        response.headers["Permissions-Policy"] = "camera=(), microphone=(self), geolocation=()"
    return response


@login_required
def room_events(request, pk: int, session: str):
    mediation = _entered(request, pk, session)
    return live.event_stream(request, _channel(request, mediation, session))


@login_required
def room_poll(request, pk: int, session: str):
    mediation = _entered(request, pk, session)
    return live.poll_response(request, _channel(request, mediation, session))


def _error(exc: ValidationError) -> JsonResponse:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
    return JsonResponse({"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})


@login_required
@require_POST
def room_post(request, pk: int, session: str):
    mediation = _entered(request, pk, session)
    kind = "speech" if request.POST.get("kind") == "speech" else "text"
    try:
        message = services.post_room_message(mediation, session=session, text=request.POST.get("text", ""),
                                             kind=kind, actor=request.user)
    except ValidationError as exc:
        return _error(exc)
    return JsonResponse({"seq": message.seq}, status=201)


@login_required
@require_POST
def room_upload(request, pk: int, session: str):
    mediation = _entered(request, pk, session)
    upload = request.FILES.get("file")
    if upload is None:
        return _error(ValidationError({"file": _("证据文件：请选择文件")}))
    from django.utils import timezone

    limit = rule("evidence_max_bytes", timezone.localdate()).value
    if upload.size > limit:  # refused before reading it into memory
        return _error(ValidationError({"file": _("证据文件：不能超过 {mb} MB").format(mb=limit // (1024 * 1024))}))
    try:
        evidence = services.add_evidence(mediation, session=session, name=upload.name, data=upload.read(),
                                         actor=request.user)
    except ValidationError as exc:
        return _error(exc)
    return JsonResponse({"id": evidence.pk, "sha256": evidence.sha256}, status=201)


@login_required
@require_POST
def room_transcribe(request, pk: int, session: str):
    """The mediator's recording (MediaRecorder's upload) as a draft for the record box; nothing is saved."""
    mediation = _entered(request, pk, session)
    if not is_mediator(request.user, mediation):
        raise PermissionDenied(_("只有本案调解员可以使用语音记录"))
    upload = request.FILES.get("audio")
    if upload is None:
        return _error(ValidationError({"audio": _("录音：请先录音")}))
    from django.utils import timezone

    limit = rule("speech_max_bytes", timezone.localdate()).value
    if upload.size > limit:  # refused before reading it into memory
        return _error(ValidationError({"audio": _("录音：不能超过 {mb} MB").format(mb=limit // (1024 * 1024))}))
    try:
        transcript = services.transcribe_speech(mediation, session=session, audio=upload.read(), actor=request.user)
    except ValidationError as exc:
        return _error(exc)
    return JsonResponse({"text": transcript.text, "engine": transcript.engine,
                         "seconds": round(transcript.duration_s, 1)}, json_dumps_params={"ensure_ascii": False})
