"""Offline text recognition for invoice photos and scans (ADR 0019).

RapidOCR 1.4.4 (``rapidocr-onnxruntime``) runs PaddleOCR's PP-OCRv4 detection and recognition models and the
mobile direction classifier on ONNX Runtime. The three ``.onnx`` files are inside the wheel
(``rapidocr_onnxruntime/models/``) and are read from there; nothing is fetched at run time. The engine is loaded
once per process, on first use, under a lock; recognitions run one at a time per process (the machine has two
cores, and a recognition already uses them).

Images are bounded before anything is decoded: ``MAX_BYTES`` per upload, ``MAX_PIXELS`` per image (checked from
the header), and a PDF without text is drawn at 150 dpi by poppler's ``pdftoppm`` (first page only).
"""

import io
import math
import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 2000  # larger photos are scaled down first: invoice text stays legible at this size
PDF_DPI = 150

_engine = None
_engine_lock = threading.Lock()
_run_lock = threading.Lock()


class ImageRejected(ValueError):
    """The upload is not an image or PDF that may be read (too large, too many pixels, not an image)."""


@dataclass(frozen=True)
class TextLine:
    """One line of text found in the image: its box (axis-aligned, in pixels), the text and the recogniser's score."""

    text: str
    score: float
    x0: float
    y0: float
    x1: float
    y1: float
    angle: float = 0.0  # the slope of the box's top edge, in radians (a photo taken a little askew)

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def turned(self, width: float, height: float) -> "TextLine":
        """The same line in the frame of the page turned by 180°."""
        return TextLine(self.text, self.score, width - self.x1, height - self.y1, width - self.x0, height - self.y0,
                        self.angle)

    def straightened(self, angle: float) -> "TextLine":
        """The line in the frame of the page turned back by ``angle`` (radians) about the origin."""
        cos, sin = math.cos(-angle), math.sin(-angle)
        corners = [(x * cos - y * sin, x * sin + y * cos)
                   for x, y in ((self.x0, self.y0), (self.x1, self.y0), (self.x1, self.y1), (self.x0, self.y1))]
        mid_x, mid_y = sum(c[0] for c in corners) / 4, sum(c[1] for c in corners) / 4
        half_w, half_h = (self.x1 - self.x0) / 2, (self.y1 - self.y0) / 2
        # the box was the axis-aligned hull of a slanted line: shrink its height back by the slant's share
        half_h = max(half_h - abs(math.tan(angle)) * half_w, min(half_h, 4.0))
        return TextLine(self.text, self.score, mid_x - half_w, mid_y - half_h, mid_x + half_w, mid_y + half_h, 0.0)


def straighten(lines: list) -> tuple[list, float]:
    """Lines of a photo taken askew, in the frame of the straight page; the skew (degrees) that was removed."""
    long = [line.angle for line in lines if line.x1 - line.x0 > 3 * (line.y1 - line.y0)]
    if len(long) < 3:
        return lines, 0.0
    angle = sorted(long)[len(long) // 2]
    if abs(angle) < math.radians(0.3):
        return lines, 0.0
    return [line.straightened(angle) for line in lines], math.degrees(angle)


def threads() -> int:
    """ONNX Runtime's threads per session: ``ZHILI_OCR_THREADS`` (the benchmark sets 1), else its own default."""
    try:
        return int(os.environ.get("ZHILI_OCR_THREADS", "-1"))
    except ValueError:
        return -1


def engine():
    """The process's RapidOCR engine, loaded on first use (about 0.3 s; the models are about 16 MB)."""
    global _engine
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                from rapidocr_onnxruntime import RapidOCR

                n = threads()
                _engine = RapidOCR(intra_op_num_threads=n, inter_op_num_threads=n, max_side_len=MAX_SIDE)
    return _engine


def load_image(data: bytes):
    """A JPEG or PNG upload as an RGB array (EXIF orientation applied); ``ImageRejected`` names the rule broken."""
    import numpy as np
    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(data) > MAX_BYTES:
        raise ImageRejected(_("文件超过 {mb} MB").format(mb=MAX_BYTES // (1024 * 1024)))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ("JPEG", "PNG"):
                raise ImageRejected(_("只接受 JPEG、PNG 图片或 PDF"))
            if probe.width * probe.height > MAX_PIXELS:
                raise ImageRejected(_("图片超过 {mp} 百万像素").format(mp=MAX_PIXELS // 1_000_000))
            image = ImageOps.exif_transpose(probe).convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ImageRejected(_("文件不是可读取的图片")) from exc
    if max(image.size) > MAX_SIDE:
        image.thumbnail((MAX_SIDE, MAX_SIDE))
    return np.asarray(image)


def rasterise_pdf(data: bytes):
    """The first page of a PDF as an RGB array at ``PDF_DPI``, drawn by poppler's pdftoppm."""
    if shutil.which("pdftoppm") is None:
        raise ImageRejected(_("服务器未安装 pdftoppm，无法识别扫描件 PDF"))
    with tempfile.TemporaryDirectory() as folder:
        source = os.path.join(folder, "in.pdf")
        with open(source, "wb") as handle:
            handle.write(data)
        try:
            subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", str(PDF_DPI), "-png", "-singlefile", source,
                            os.path.join(folder, "page")], check=True, capture_output=True, timeout=30)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise ImageRejected(_("PDF 无法转为图像")) from exc
        with open(os.path.join(folder, "page.png"), "rb") as handle:
            return load_image(handle.read())


def recognise(rgb) -> list[TextLine]:
    """Every line of text in an RGB image, in reading order."""
    bgr = rgb[:, :, ::-1].copy()
    with _run_lock:
        result, _elapsed = engine()(bgr)
    lines = []
    for box, text, score in result or ():
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        angle = math.atan2(box[1][1] - box[0][1], box[1][0] - box[0][0])
        lines.append(TextLine(text.strip(), float(score), min(xs), min(ys), max(xs), max(ys), angle))
    return [line for line in lines if line.text]


def rotate(rgb, quarter_turns: int):
    """The image turned counter-clockwise by ``quarter_turns`` × 90°."""
    import numpy as np

    return np.ascontiguousarray(np.rot90(rgb, quarter_turns))


def read_qr(rgb) -> list[str]:
    """The texts of the QR codes in the image (OpenCV's detector, from the same wheel set as the OCR)."""
    import cv2

    detector = cv2.QRCodeDetector()
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    texts = []
    for candidate in (grey, cv2.resize(grey, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)):
        try:
            ok, decoded, _points, _straight = detector.detectAndDecodeMulti(candidate)
        except cv2.error:
            ok, decoded = False, ()
        texts = [text for text in (decoded if ok else ()) if text]
        if texts:
            break
    return texts
