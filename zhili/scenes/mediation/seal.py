"""The committee's round seal (调解组织印章) as an image, drawn from the committee's name.

A mediation committee's seal is round and red: the organisation's name runs clockwise along the upper arc, a
five-pointed star sits in the middle and the seal's use (调解协议专用章) is written straight beneath it. The image is
drawn here from the name (nobody uploads a picture of a seal), cached by name, and placed on the agreement as the
visible appearance of the committee's PAdES signature: the signature with the committee's certificate is what
seals the document; the image only shows where and by whom.
"""

import io
import math
from functools import lru_cache

SIZE = 480  # pixels; drawn on a 110-point box, about 300 dpi
RED = (214, 32, 32, 255)
USE_TEXT = "调解协议专用章"
NAME_MAX_CHARS = 24


def _font(size: int):
    from PIL import ImageFont

    from zhili.core.esign.api import cjk_font_path

    return ImageFont.truetype(str(cjk_font_path()), size)


def _star(cx: float, cy: float, outer: float) -> list[tuple[float, float]]:
    inner = outer * math.sin(math.radians(18)) / math.sin(math.radians(126))
    points = []
    for k in range(10):
        radius = outer if k % 2 == 0 else inner
        angle = math.radians(-90 + 36 * k)
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def _glyph(char: str, font, size: int):
    from PIL import Image, ImageDraw

    tile = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    ImageDraw.Draw(tile).text((size / 2, size / 2), char, font=font, fill=RED, anchor="mm")
    return tile


@lru_cache(maxsize=16)
def seal_png(name: str) -> bytes:
    """A PNG (transparent background) of the round seal of the organisation called ``name``."""
    from PIL import Image, ImageDraw

    name = "".join((name or "").split())[:NAME_MAX_CHARS] or "调解委员会"
    image = Image.new("RGBA", (SIZE, SIZE), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    centre = SIZE / 2
    ring = SIZE * 0.035
    draw.ellipse((ring / 2, ring / 2, SIZE - ring / 2, SIZE - ring / 2), outline=RED, width=round(ring))
    draw.polygon(_star(centre, centre, SIZE * 0.15), fill=RED)

    # the name along the upper arc, clockwise from lower left to lower right, each character upright to the rim
    count = len(name)
    span = min(250.0, 20.0 * count + 40)  # degrees of arc the name takes
    char_size = round(min(SIZE * 0.13, (math.radians(span) * SIZE * 0.36) / count * 0.95))
    font = _font(char_size)
    radius = SIZE / 2 - ring - char_size * 0.72
    step = span / count
    for i, char in enumerate(name):
        angle = -span / 2 + step * (i + 0.5)  # degrees from straight up, clockwise
        tile = _glyph(char, font, round(char_size * 1.3)).rotate(-angle, resample=Image.BICUBIC, expand=True)
        x = centre + radius * math.sin(math.radians(angle))
        y = centre - radius * math.cos(math.radians(angle))
        image.alpha_composite(tile, (round(x - tile.width / 2), round(y - tile.height / 2)))

    use_font = _font(round(SIZE * 0.075))
    draw.text((centre, centre + SIZE * 0.27), USE_TEXT, font=use_font, fill=RED, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
