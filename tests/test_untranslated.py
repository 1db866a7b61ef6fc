"""No page shows a Chinese word without its English.

Three ways a word stays Chinese on the English site, and a test for each:
- a template writes Chinese text outside ``{% trans %}``/``{% blocktrans %}`` (strict: only the documents listed in
  ``DOCUMENTS``, which are Chinese by law or by their reader, may);
- a marked string (``_("…")`` and friends in Python, ``{% trans "…" %}`` or ``{% blocktrans %}…`` in a template) is
  not in its app's English catalogue — marked after the catalogue was last regenerated (bin/i18n); the catalogue
  test (test_catalogues.py) then checks that every entry has its English;
- Python code that draws pages (views, forms, menus, workbench, help, choices, cockpits, roles) hands people a
  Chinese literal that is not marked. Old ones are listed per file in ``untranslated_known.json`` (debts, to be
  worked off); a file with more than its listed count fails, so no new one is added.

The sources are read as text (Django's template lexer, Python's tokenizer); nothing is rendered, so it is fast.
"""

import ast
import json
import re
import tokenize
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

from .test_catalogues import read_po

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")
MARKERS = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy", "_noop"}

# Templates that are documents rather than pages: contracts, certificates, agreements and reports whose text is the
# legal Chinese wording (the English site shows them as issued), PDFs for Chinese courts and arbitration commissions.
DOCUMENTS = {
    "zhili/core/esign/templates/esign/evidence_report.html",
    "zhili/scenes/housekeeping/templates/housekeeping/contract_pdf.html",
    "zhili/scenes/housekeeping/templates/housekeeping/contract_revocation_pdf.html",
    "zhili/scenes/labor_contract/templates/labor_contract/contract_default.html",
    "zhili/scenes/labor_contract/templates/labor_contract/supplementary_default.html",
    "zhili/scenes/labor_contract/templates/labor_contract/termination_certificate.html",
    "zhili/scenes/mediation/templates/mediation/agreement_pdf.html",
    "zhili/scenes/mediation/templates/mediation/application_pdf.html",
    "zhili/scenes/mediation/templates/mediation/dossier_pdf.html",
}
# Modules whose strings reach pages directly; services' messages reach them too, but carry legal wording as often.
PAGE_MODULES = {"views", "forms", "navigation", "workbench", "help", "choices", "dashboards", "roles"}
KNOWN = ROOT / "tests" / "untranslated_known.json"


def _skipped(path: Path) -> bool:
    parts = set(path.relative_to(ROOT).parts)
    return bool(parts & {"tests", "migrations", "static", "locale", "scaffold"}) or "testing" in parts


def _app_of(path: Path) -> Path:
    """The directory whose locale/ holds the catalogue for ``path`` (an app's, or the project's zhili/)."""
    for parent in path.parents:
        if (parent / "apps.py").exists():
            return parent
        if parent == ROOT / "zhili":
            return parent
    raise AssertionError(path)


def _label(path: Path) -> str:
    return str(path.relative_to(ROOT))


TEMPLATES = sorted(p for p in ROOT.glob("zhili/**/templates/**/*") if p.suffix in (".html", ".txt") and not _skipped(p))
PYTHON = sorted(p for p in ROOT.glob("zhili/**/*.py") if not _skipped(p))


def template_messages(text: str):
    """(msgids marked in a template, Chinese text left outside any trans tag)."""
    messages, loose, block = [], [], None
    for token in Lexer(text).tokenize():
        words = token.split_contents() if token.token_type == TokenType.BLOCK else []
        name = words[0] if words else ""
        if block is not None:
            if name in ("endblocktrans", "endblocktranslate"):
                messages.append("".join(block))
                block = None
            elif name == "plural":
                messages.append("".join(block))
                block = []
            elif token.token_type == TokenType.TEXT:
                block.append(token.contents.replace("%", "%%"))
            elif token.token_type == TokenType.VAR:
                block.append(f"%({token.contents.strip()})s")
            continue
        if name in ("trans", "translate") and len(words) > 1 and words[1][:1] in "\"'":
            messages.append(ast.literal_eval(words[1]).replace("%", "%%"))  # as makemessages writes it
        elif name in ("blocktrans", "blocktranslate"):
            block = []
        elif token.token_type == TokenType.TEXT and CJK.search(token.contents):
            loose.append(token.contents.strip()[:40])
    return messages, loose


def python_messages(path: Path):
    """(msgids marked in a Python module, Chinese literals that are not marked, docstrings left out)."""
    skip = {tokenize.NL, tokenize.COMMENT}
    tokens = [t for t in tokenize.generate_tokens(path.open(encoding="utf-8").readline) if t.type not in skip]
    messages, loose, i = [], [], 0
    while i < len(tokens):
        if tokens[i].type != tokenize.STRING:
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and tokens[j + 1].type == tokenize.STRING:
            j += 1
        source = " ".join(t.string for t in tokens[i:j + 1])
        formatted = any(re.match(r"[a-zA-Z]*[fF]", t.string) for t in tokens[i:j + 1])  # an f-string: not a msgid
        before = tokens[i - 1] if i else None
        docstring = before is None or before.type in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
        marked = before is not None and before.string == "(" and i > 1 and tokens[i - 2].string in MARKERS
        if marked and not formatted:
            messages.append(ast.literal_eval(source))
        elif CJK.search(re.sub(r"\{[^{}]*\}", "", source) if formatted else source) and not docstring:
            loose.append(source if formatted else ast.literal_eval(source))
        i = j + 1
    return messages, loose


_catalogues: dict[Path, set] = {}


def catalogue(app: Path) -> set:
    if app not in _catalogues:
        po = app / "locale/en/LC_MESSAGES/django.po"
        _catalogues[app] = {e["msgid"] for e in read_po(po)} if po.exists() else set()
    return _catalogues[app]


@pytest.mark.parametrize("path", TEMPLATES, ids=_label)
def test_template_has_no_chinese_outside_trans_and_its_messages_are_catalogued(path):
    messages, loose = template_messages(path.read_text(encoding="utf-8"))
    if _label(path) not in DOCUMENTS:
        assert not loose, f"{_label(path)}: Chinese text outside {{% trans %}}: {loose[:5]}"
    missing = [m for m in messages if CJK.search(m) and m not in catalogue(_app_of(path))]
    assert not missing, f"{_label(path)}: not in the English catalogue (run bin/i18n, then translate): {missing[:5]}"


def test_python_messages_are_catalogued():
    missing = []
    for path in PYTHON:
        messages, _loose = python_messages(path)
        known = catalogue(_app_of(path))
        missing += [f"{_label(path)}: {m[:40]}" for m in messages if CJK.search(m) and m not in known]
    assert not missing, f"marked but not in the English catalogue (run bin/i18n, then translate): {missing[:10]}"


def unmarked_in_page_modules() -> dict[str, int]:
    found = {}
    for path in PYTHON:
        if path.stem in PAGE_MODULES or (path.parent.name in PAGE_MODULES and not (path.parent / "apps.py").exists()):
            _messages, loose = python_messages(path)
            if loose:
                found[_label(path)] = len(loose)
    return found


def test_page_modules_add_no_unmarked_chinese():
    known = json.loads(KNOWN.read_text(encoding="utf-8"))
    found = unmarked_in_page_modules()
    grown = {path: f"{n} (listed {known.get(path, 0)})" for path, n in found.items() if n > known.get(path, 0)}
    assert not grown, (f"Chinese literals handed to pages without _(): {grown}; mark them (gettext_lazy where "
                       f"declared at import time) and add their English; a Chinese value that is data, not a "
                       f"word of the page, is listed in {KNOWN.name}")
