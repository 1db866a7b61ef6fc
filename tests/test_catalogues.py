"""Every English catalogue on disk is complete: no untranslated and no fuzzy entry, placeholders kept (msgfmt
--check-format), and the committed .mo holds exactly the messages of its .po. A scene whose catalogue does not
exist yet is simply not collected. Whether a .po is up to date with its sources is bin/i18n's job (makemessages is
too slow for a test)."""

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(ROOT.glob("zhili/**/locale/en/LC_MESSAGES/django.po"))
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), text)


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file: {"flags": set, "line": int, and "msgctxt"/"msgid"/"msgid_plural"/"msgstr"/
    "msgstr[N]": str}. A comment or a msgctxt/msgid after a msgstr starts the next entry (blank lines may be
    missing or extra in a hand-edited file). Obsolete (#~) entries are left out."""
    entries, entry, field = [], None, ""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#~"):
            continue
        keyword = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"\s*$', line)
        starts = line.startswith("#") or (keyword and keyword.group(1) in ("msgctxt", "msgid"))
        if entry is None or (starts and field.startswith("msgstr")):
            entry, field = {"flags": set(), "line": number}, ""
            entries.append(entry)
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif keyword:
            field = keyword.group(1)
            entry[field] = _unquote(keyword.group(2))
        elif line.startswith('"'):
            entry[field] += _unquote(line.strip()[1:-1])
    return [e for e in entries if "msgid" in e]


def _label(path: Path) -> str:
    return str(path.relative_to(ROOT)).split("/locale/")[0]


def _messages_in_po(entries: list[dict]) -> dict:
    """What gettext should find in the compiled catalogue: translated, non-fuzzy entries, keyed as
    GNUTranslations keys them (context joined with \\x04, plural forms as (msgid, n))."""
    messages = {}
    for entry in entries:
        if entry["msgid"] == "" or "fuzzy" in entry["flags"]:
            continue
        key = entry["msgid"] if "msgctxt" not in entry else f"{entry['msgctxt']}\x04{entry['msgid']}"
        if "msgid_plural" in entry:
            forms = {int(k[7:-1]): v for k, v in entry.items() if k.startswith("msgstr[")}
            if all(forms.values()):
                messages.update({(key, n): text for n, text in forms.items()})
        elif entry["msgstr"]:
            messages[key] = entry["msgstr"]
    return messages


def test_every_app_with_translatable_text_has_a_catalogue():
    marked = re.compile(r"gettext|\{% *(trans|blocktrans|translate|blocktranslate) ")
    apps = [path.parent for pattern in ("zhili/core/*/apps.py", "zhili/scenes/*/apps.py") for path in ROOT.glob(pattern)]
    without = [
        str(app.relative_to(ROOT)) for app in apps
        if not (app / "locale/en/LC_MESSAGES/django.po").exists()
        and any(marked.search(source.read_text(encoding="utf-8")) for pattern in ("**/*.py", "**/*.html")
                for source in app.glob(pattern) if not {"tests", "migrations"} & set(source.parts))
    ]
    assert len(CATALOGUES) >= 20 and not without, f"no English catalogue (run bin/i18n): {without}"


@pytest.mark.parametrize("po", CATALOGUES, ids=_label)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(po):
    entries = read_po(po)
    header = [e for e in entries if e["msgid"] == ""]
    assert header and "fuzzy" not in header[0]["flags"], f"{_label(po)}: the header is fuzzy, msgfmt ignores it"
    missing = [
        f"line {e['line']}: {e['msgid'][:60]!r}"
        for e in entries
        if e["msgid"] and not all(v for k, v in e.items() if k.startswith("msgstr"))
    ]
    fuzzy = [f"line {e['line']}: {e['msgid'][:60]!r}" for e in entries if e["msgid"] and "fuzzy" in e["flags"]]
    assert not missing, f"{_label(po)}: {len(missing)} untranslated (run bin/i18n, then translate): {missing[:10]}"
    assert not fuzzy, f"{_label(po)}: {len(fuzzy)} fuzzy (check the guess, drop '#, fuzzy'): {fuzzy[:10]}"


@pytest.mark.parametrize("po", CATALOGUES, ids=_label)
def test_compiled_catalogue_matches_its_po(po, tmp_path):
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{_label(po)}: no compiled .mo next to the .po (run bin/i18n)"
    with mo.open("rb") as handle:
        committed = gettext.GNUTranslations(handle)._catalog
    committed.pop("", None)  # the header
    expected = _messages_in_po(read_po(po))
    assert committed == expected, (
        f"{_label(po)}: the .mo differs from the .po (recompile with bin/i18n): "
        f"missing {sorted(set(expected) - set(committed), key=str)[:5]}, "
        f"extra {sorted(set(committed) - set(expected), key=str)[:5]}, "
        f"changed {[k for k in expected if k in committed and committed[k] != expected[k]][:5]}"
    )
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return
    fresh = tmp_path / "fresh.mo"
    run = subprocess.run(  # noqa: S603 - a fixed tool on a file of this repository
        [msgfmt, "--check-format", "-o", str(fresh), str(po)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, f"{_label(po)}: msgfmt --check-format: {run.stderr}"
    with fresh.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    compiled.pop("", None)
    assert compiled == committed, f"{_label(po)}: the committed .mo is not what msgfmt compiles from the .po"
