"""The assistant's index over the database: built once per process, rebuilt when the knowledge changes.

``current_index()`` compares a cheap signature of the knowledge (the entries' and texts' last change, the
articles' and synonyms' counts) with the one its index was built from; a loaded text, an edited entry or an
officer's synonym makes the next question rebuild it. Articles carry their tokens from loading, so a rebuild
does not segment the corpus again.
"""

import threading

from django.db.models import Count, Max

from .choices import EntryStatus, TextStatus
from .models import Article, Entry, LawText, Synonym
from .retrieval import Analyzer, ArticleDoc, EntryDoc, Index

_lock = threading.Lock()
_state: dict = {"signature": None, "index": None, "analyzer": None, "synonyms": None}


def _signature() -> tuple:
    entries = Entry.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    laws = LawText.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    synonyms = Synonym.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return (entries["n"], entries["last"], laws["n"], laws["last"], synonyms["n"], synonyms["last"])


def analyzer() -> Analyzer:
    """The analyzer with the officers' synonyms (rebuilt with the index)."""
    current_index()
    return _state["analyzer"]


def shipped_analyzer() -> Analyzer:
    """An analyzer with the shipped tables only (for segmenting texts as they are loaded)."""
    with _lock:
        if _state.get("base") is None:
            _state["base"] = Analyzer()
        return _state["base"]


def current_index() -> Index:
    signature = _signature()
    with _lock:
        if _state["index"] is not None and _state["signature"] == signature:
            return _state["index"]
        rows = list(Synonym.objects.values_list("phrase", "expansion"))
        extra = {phrase: expansion for phrase, expansion in rows}
        if _state["analyzer"] is None or _state["synonyms"] != extra:
            _state["analyzer"] = Analyzer(synonyms=extra, paraphrases=extra)
            _state["synonyms"] = extra
        entries = [EntryDoc(e.pk, e.question, tuple(e.variant_list()), e.answer, tuple(e.citations))
                   for e in Entry.objects.filter(status=EntryStatus.ACTIVE)]
        articles = [ArticleDoc(f"{short}{label}", text, tuple(tokens.split()) if tokens else None)
                    for short, label, text, tokens in Article.objects.filter(law__status=TextStatus.CURRENT)
                    .values_list("law__short_title", "label", "text", "tokens").order_by("law_id", "ordinal")]
        _state["index"] = Index(_state["analyzer"], entries, articles)
        _state["signature"] = signature
        return _state["index"]
