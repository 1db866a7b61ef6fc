"""Turn a CSV row straight into a COPY line, with a function generated once per dataset and header.

The generic :class:`~.validation.RowValidator` builds a dict per row and dispatches per field; for a
ten-million-row file that is most of the time spent. The function built here reads the cells by position,
applies the same converters and rules in straight-line code, and writes the COPY text of
``line, key, data`` directly. It only ever *accepts* a row: a row it cannot accept (a broken rule, an
unexpected exception) makes it return ``None``, and the caller then runs the generic validator on that
row, so the bad-row report is exactly the generic one.
"""

from json.encoder import encode_basestring

from .choices import FieldType
from .declarations import Dataset
from .validation import CONVERTERS

# Converters whose output is plain ASCII text without quotes or backslashes: quoted without escaping.
_SAFE_TEXT = frozenset({FieldType.DECIMAL, FieldType.DATE, FieldType.DATETIME})


def copy_text(value: str) -> str:
    """Escape text for PostgreSQL's COPY text format."""
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return value


def compile_copy_line(dataset: Dataset, header: list[str], tail: str | None = None):
    """A function ``(cells, line) -> str | None`` for rows of ``header``'s width; None means "check it slowly".

    The string is ``"<line>\\t<key>\\t<json>\\n"``, or with ``tail`` ``"<key>\\t<json>" + tail``: the key
    joined as in ``Dataset.row_key`` and the JSON text of the typed values, both escaped for COPY.
    """
    position = {name: index for index, name in enumerate(header)}  # the last column of a name wins, as in a dict
    namespace = {"enc": encode_basestring, "copy_text": copy_text, "TAIL": tail}
    body = []
    parts = []
    for number, spec in enumerate(dataset.fields):
        value, text = f"v{number}", f"j{number}"
        prefix = ("{" if number == 0 else ",") + encode_basestring(spec.name) + ":"
        namespace[f"K{number}"] = prefix
        parts.append(f"{{K{number}}}{{{text}}}")
        if spec.name not in position:
            if spec.required:
                return _never
            body += [f"    {value} = None", f"    {text} = 'null'"]
            continue
        body.append(f"    {value} = cells[{position[spec.name]}].strip()")
        body.append(f"    if {value}:")
        if spec.type != FieldType.STRING:
            namespace[f"C{number}"] = CONVERTERS[spec.type][0]
            body.append(f"        {value} = C{number}({value})")
        if spec.max_length is not None and spec.type not in (FieldType.INTEGER, FieldType.BOOLEAN):
            body.append(f"        if len({value}) > {int(spec.max_length)}: return None")
        if spec.choices:
            namespace[f"A{number}"] = frozenset(spec.choices)
            body.append(f"        if {value} not in A{number}: return None")
        if spec.type == FieldType.STRING:
            body.append(f"        {text} = enc({value})")
        elif spec.type in _SAFE_TEXT:
            body.append(f"        {text} = '\"' + {value} + '\"'")
        elif spec.type == FieldType.INTEGER:
            body.append(f"        {text} = str({value})")
        else:
            body.append(f"        {text} = 'true' if {value} else 'false'")
        body.append("    else:")
        if spec.required:
            body.append("        return None")
        else:
            body += [f"        {value} = None", f"        {text} = 'null'"]
    index = {spec.name: number for number, spec in enumerate(dataset.fields)}
    key_parts = [f"v{index[name]}" if dataset.field_map[name].type == FieldType.STRING else f"str(v{index[name]})"
                 for name in dataset.key]
    body.append("    key = copy_text(" + " + '\\x1f' + ".join(key_parts) + ")")
    body.append("    data = f'" + "".join(parts) + "}}'")
    body.append("    if '\\\\' in data: data = data.replace('\\\\', '\\\\\\\\')")
    if tail is None:
        body.append("    return f'{line}\\t{key}\\t{data}\\n'")
    else:
        body.append("    return f'{key}\\t{data}{TAIL}'")
    source = "def copy_line(cells, line):\n  try:\n" + "\n".join("  " + row for row in body) + \
        "\n  except Exception:\n    return None\n"
    exec(compile(source, f"<datapool copy line for {dataset.code}>", "exec"), namespace)  # noqa: S102 - our own text
    return namespace["copy_line"]


def _never(cells, line):
    return None
