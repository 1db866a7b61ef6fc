"""The cloud engine: Alibaba Cloud Intelligent Speech Interaction (NLS), real-time speech transcription
(实时语音识别, namespace ``SpeechTranscriber``) over its documented WebSocket protocol.

1. Connect to the gateway (``wss://nls-gateway-cn-<region>.aliyuncs.com/ws/v1``) with the access token in the
   ``X-NLS-Token`` header (the token comes from the account's CreateToken call, valid 24 hours: the operator's
   token service renews ``ZHILI_ASR_ALIYUN_TOKEN``).
2. Send ``StartTranscription`` (JSON text frame: ``header`` with a 32-hex ``message_id`` and ``task_id``, the
   namespace, the name and the ``appkey``; ``payload`` with ``format`` ``pcm``, ``sample_rate`` 16000 and the
   punctuation and inverse-text-normalisation switches); wait for ``TranscriptionStarted``.
3. Send the audio as binary frames (16-bit little-endian PCM, mono, 16 kHz; 3200 bytes = 100 ms each).
4. Send ``StopTranscription``; collect each ``SentenceEnd``'s ``payload.result`` until
   ``TranscriptionCompleted``. A ``TaskFailed`` (or any ``header.status`` other than 20000000) ends the call
   with the gateway's status and message.

Tested against a local server that speaks this protocol (tests/test_speech.py).
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from django.core.exceptions import ImproperlyConfigured

NAMESPACE = "SpeechTranscriber"
SUCCESS = 20_000_000
FRAME_BYTES = 3200  # 100 ms of 16 kHz 16-bit mono


class NlsError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(f"NLS {status}: {message}")
        self.status, self.message = status, message


def pcm16(samples: np.ndarray) -> bytes:
    return (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2").tobytes()


class NlsEngine:
    name = "aliyun"

    def __init__(self, config: Mapping[str, str], *, timeout: float = 30.0):
        if not config.get("url") or not config.get("appkey") or not config.get("token"):
            raise ImproperlyConfigured(
                "ZHILI_ASR_ENGINE=aliyun needs ZHILI_ASR_ALIYUN_URL, ZHILI_ASR_ALIYUN_APPKEY and ZHILI_ASR_ALIYUN_TOKEN")
        self.url, self.appkey, self.token, self.timeout = config["url"], config["appkey"], config["token"], timeout

    def _header(self, name: str, task_id: str) -> dict:
        return {"message_id": uuid.uuid4().hex, "task_id": task_id, "namespace": NAMESPACE, "name": name,
                "appkey": self.appkey}

    def transcribe(self, samples: np.ndarray) -> str:
        audio = pcm16(samples)

        def run() -> str:  # its own thread and event loop: the caller may be inside a running loop (ASGI, tests)
            return asyncio.run(asyncio.wait_for(self._transcribe(audio), self.timeout))

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="nls") as pool:
            return pool.submit(run).result()

    async def _transcribe(self, audio: bytes) -> str:
        import aiohttp

        task_id = uuid.uuid4().hex
        sentences: list[str] = []
        async with aiohttp.ClientSession() as session, session.ws_connect(
                self.url, headers={"X-NLS-Token": self.token}, heartbeat=10) as ws:
            await ws.send_str(json.dumps({
                "header": self._header("StartTranscription", task_id),
                "payload": {"format": "pcm", "sample_rate": 16000, "enable_intermediate_result": False,
                            "enable_punctuation_prediction": True, "enable_inverse_text_normalization": True},
            }))
            await self._expect(ws, "TranscriptionStarted", sentences)
            for start in range(0, len(audio), FRAME_BYTES):
                await ws.send_bytes(audio[start:start + FRAME_BYTES])
            await ws.send_str(json.dumps({"header": self._header("StopTranscription", task_id)}))
            await self._expect(ws, "TranscriptionCompleted", sentences)
        return "".join(sentences)

    @staticmethod
    async def _expect(ws, wanted: str, sentences: list[str]) -> None:
        import aiohttp

        async for frame in ws:
            if frame.type != aiohttp.WSMsgType.TEXT:
                break
            message = json.loads(frame.data)
            header, payload = message.get("header", {}), message.get("payload") or {}
            status = int(header.get("status", SUCCESS))
            if header.get("name") == "TaskFailed" or status != SUCCESS:
                raise NlsError(status, header.get("status_text") or header.get("status_message") or "")
            if header.get("name") == "SentenceEnd":
                sentences.append(payload.get("result", ""))
            if header.get("name") == wanted:
                return
        raise NlsError(0, f"connection closed before {wanted}")
