from django.template import Context, Template

from zhili.core.cases.choices import Priority
from zhili.core.foundation.choices import Colour
from zhili.core.notify.choices import DeliveryStatus
from zhili.core.notify.models import Message
from zhili.core.ui.api import badge_parts, text_colour


def _contrast(a: str, b: str) -> float:
    def luminance(hex_colour):
        value = hex_colour.lstrip("#")
        if len(value) == 3:
            value = "".join(c * 2 for c in value)
        channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_badge_text_reads_on_every_palette_colour():
    palette = [Colour.RED, Colour.ORANGE, Colour.YELLOW, Colour.BLUE, Colour.GREEN, Colour.GRAY]
    assert text_colour(Colour.YELLOW) == "#1f2329"  # white on yellow would be unreadable
    assert text_colour(Colour.BLUE) == "#fff"
    for colour in palette:
        # the better of black and white always reaches 3:1, the WCAG level for large and bold text
        assert _contrast(colour, text_colour(colour)) >= 3, colour


def test_badge_of_a_member_and_of_a_model_field_uses_the_choice_set_colour():
    assert badge_parts(Priority.URGENT) == ("特急", Colour.RED)
    message = Message(status=DeliveryStatus.RETRYING)
    assert badge_parts(None, message, "status") == ("重试中", Colour.ORANGE)
    html = Template('{% load ui %}{% badge m "status" %} {% badge p %} {% badge "自定" colour="#2e9d4f" %}').render(
        Context({"m": message, "p": Priority.LOW}))
    assert 'style="--c: #f5871f; --c-text: #1f2329">重试中</span>' in html
    assert f'style="--c: {Colour.GRAY}; --c-text: #1f2329">一般</span>' in html
    assert 'style="--c: #2e9d4f; --c-text: #1f2329">自定</span>' in html


def test_empty_state_says_what_to_do_next():
    html = Template('{% load ui %}{% empty_state "还没有合同" hint="先导入花名册" url="/x/" action="批量导入" %}').render(
        Context({}))
    assert "还没有合同" in html and "先导入花名册" in html
    assert '<a class="btn btn-primary" href="/x/">批量导入</a>' in html
