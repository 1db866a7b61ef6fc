"""``{% load ui %}``: badges in ChoiceSet colours, empty states that say what to do next.

``{% badge member %}`` (a ChoiceSet member), ``{% badge contract "status" %}`` (a model field whose choices are a
ChoiceSet), ``{% badge "文字" colour="#d93026" %}``; ``{% empty_state "还没有合同" hint="…" url=… action="…" %}``.
"""

from django import template
from django.utils.html import format_html

from zhili.core.ui.badges import badge_parts, text_colour

register = template.Library()


@register.simple_tag
def badge(value, field_name: str = "", colour: str = ""):
    if field_name and not isinstance(value, str):
        label, fill = badge_parts(None, value, field_name)
    else:
        label, fill = badge_parts(value)
    fill = colour or fill
    return format_html('<span class="badge zl-badge" style="--c: {}; --c-text: {}">{}</span>', fill,
                       text_colour(fill), label)


@register.inclusion_tag("ui/empty_state.html")
def empty_state(title, hint: str = "", url: str = "", action: str = ""):
    return {"title": title, "hint": hint, "url": url, "action": action}
