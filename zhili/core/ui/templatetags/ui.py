"""``{% load ui %}``: badges in ChoiceSet colours, empty states that say what to do next, list parts.

``{% badge member %}`` (a ChoiceSet member), ``{% badge contract "status" %}`` (a model field whose choices are a
ChoiceSet), ``{% badge "文字" colour="#d93026" %}``; ``{% empty_state "还没有合同" hint="…" url=… action="…" %}``;
``{% sort_header listing "number" %}`` (a sortable header cell of a ``ListPage``); ``{% ui_field field %}`` (a form
field with Tabler's classes); ``{% page_query n %}`` (the current query string on page ``n``); ``{% form_fields form %}`` (every field with
its label, required marker, help and errors, under an error summary).
"""

from django import forms, template
from django.utils.html import format_html
from django.utils.translation import gettext as _

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


@register.inclusion_tag("ui/sort_header.html")
def sort_header(listing, key: str):
    return {"h": listing.header(key)}


@register.simple_tag
def ui_field(field):
    """A bound field's widget with Tabler's class (form-select for choices, form-control otherwise)."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
    else:
        css = "form-control"
    attrs = {"class": f"{widget.attrs.get('class', '')} {css}".strip()}
    if field.errors:
        attrs["class"] += " is-invalid"
        attrs["aria-invalid"] = "true"
    if field.field.required:
        attrs["required"] = True
    described = [f"{field.auto_id}_help"] if field.help_text else []
    described += [f"{field.auto_id}_error"] if field.errors else []
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if isinstance(widget, forms.DateInput) and widget.input_type == "text":
        # The browser's own date picker (Chinese in a Chinese browser); its value is always ISO 8601.
        widget.input_type, widget.format = "date", "%Y-%m-%d"
    return field.as_widget(attrs=attrs)


@register.inclusion_tag("ui/form_fields.html")
def form_fields(form, prefix: str = ""):
    """A form's fields the one way: an error summary on top (each error a link to its field), labels with a
    required marker, help text under the field, the field's own errors, Tabler's classes and the date picker."""
    count = len(form.non_field_errors()) + sum(len(errors) for name, errors in form.errors.items()
                                                if name != "__all__")
    return {"form": form, "error_count": count, "prefix": prefix}


@register.simple_tag(takes_context=True)
def page_query(context, number):
    params = context["request"].GET.copy()
    params["page"] = number
    return params.urlencode()


@register.simple_tag
def print_button(label: str = ""):
    """A button that prints the page (the print style sheet leaves out menus, bars and buttons)."""
    return format_html('<button type="button" class="btn btn-outline-secondary zl-print" data-print>{}</button>',
                       label or _("打印"))


@register.inclusion_tag("ui/timeline.html")
def timeline(entries, label: str = ""):
    """A detail page's timeline of ``TimelineEntry``s (who did what when), oldest first."""
    return {"entries": list(entries), "label": label or _("办理记录")}


@register.simple_tag
def bulk_checkbox(listing, row):
    """A row's tick box for the list's bulk actions (in ``ui/bulk_bar.html``'s form), or nothing when the row may
    take none of them; ``data-bulk`` names the actions it may take."""
    codes = listing.bulk_for(row)
    if not codes:
        return ""
    return format_html('<input class="form-check-input" type="checkbox" name="selected" value="{}" form="bulk-form" '
                       'data-bulk-row data-bulk="{}" aria-label="{}">', listing.row_key(row), " ".join(codes),
                       _("选择 {row}").format(row=listing.row_label(row)))


@register.simple_tag
def bulk_select_all(listing):
    """The header cell's tick box that ticks every row of the page."""
    if not listing.bulk_actions:
        return ""
    return format_html('<input class="form-check-input" type="checkbox" data-bulk-all aria-label="{}">',
                       _("全选本页"))


@register.simple_tag(takes_context=True)
def page_help(context):
    """The help of the current page (``PageHelp`` by its URL name) as {title, text, url}, or None; ``url`` opens the
    app's help page at that page's entry."""
    from django.urls import reverse

    from zhili.core.ui.helpcentre import page_help as find

    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    found = find(match.view_name) if match else None
    if not found:
        return None
    code, page = found
    anchor = page.url_name.replace(":", "-")
    return {"title": page.title, "text": page.text, "url": f"{reverse('help:app', args=[code])}#{anchor}"}


@register.inclusion_tag("ui/map.html", takes_context=True)
def ui_map(context, data, height: str = "380px", label: str = "", map_id: str = ""):
    """A Leaflet map of a ``MapData`` (``zhili.core.ui.maps``); Leaflet's files are linked once per page."""
    from django.conf import settings

    from zhili.core.ui.maps import MapData

    seen = context.render_context.setdefault("ui_map_ids", [])
    first = not seen
    map_id = map_id or f"ui-map-{len(seen) + 1}"
    seen.append(map_id)
    payload = data.as_json() if isinstance(data, MapData) else data
    return {"first": first, "map_id": map_id, "data_id": f"{map_id}-data", "payload": payload, "height": height,
            "label": label or _("地图"), "tiles": settings.ZHILI_MAP_TILES, "attribution": settings.ZHILI_MAP_ATTRIBUTION}
