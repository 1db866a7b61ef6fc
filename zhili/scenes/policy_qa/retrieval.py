"""Chinese retrieval for the assistant: jieba with the legal dictionary, the synonym and paraphrase tables, BM25.

``Analyzer`` cleans a question (typos, full-width forms, length bound), segments it with its own jieba
``Tokenizer`` (the legal words added; every dictionary word inside a long word is emitted too, so 解除劳动合同
also yields 劳动合同) and makes three variants of the question: its own words (``raw``), plus the statute's
words for its colloquial ones (``normal``), plus the expansions of the phrases it contains (``expanded``).

``Index`` holds three BM25 indices (bm25s): the entries' questions and question variants, the entries' whole
text, and the articles. ``search`` ranks each variant in each index and fuses the rankings by weighted
reciprocal rank (RRF); the articles are ranked by fusing the articles the best entries cite with the articles
found directly. ``confidence`` is the share of the question's weight (idf) that the best entry's questions
cover: it decides between answering, asking to clarify and handing over to a person.
"""

import math
import re
import threading
import unicodedata
from dataclasses import dataclass, field

import bm25s
import jieba
import numpy as np

from . import lexicon

MAX_QUESTION = 500  # characters kept of a question; the rest is cut before segmentation
RRF_K = 60
CANDIDATES = 50
WORD = re.compile(r"[\w]", re.UNICODE)

WORD_FREQ = 200000  # high enough that jieba keeps a legal word whole
_jieba_lock = threading.Lock()
_shared: dict = {}


def _tokenizer() -> jieba.Tokenizer:
    """One jieba tokenizer per process with the legal dictionary (loading jieba's dictionary takes a second or
    two); officers' phrases are added to it as they come, which only ever makes more words whole."""
    with _jieba_lock:
        if "tokenizer" not in _shared:
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            for word in [*lexicon.LEGAL_WORDS, *lexicon.SYNONYMS]:
                if len(word) > 1 and not word.isascii():
                    tokenizer.add_word(word, freq=WORD_FREQ)
            _shared["tokenizer"] = tokenizer
        return _shared["tokenizer"]


@dataclass(frozen=True)
class EntryDoc:
    """What the index needs of a knowledge entry."""

    key: int
    question: str
    variants: tuple[str, ...]
    text: str
    citations: tuple[str, ...]


@dataclass(frozen=True)
class ArticleDoc:
    """What the index needs of an article; ``key`` is the reference an entry cites (劳动合同法第八十二条)."""

    key: str
    text: str
    tokens: tuple[str, ...] | None = None


@dataclass
class Hit:
    key: object
    score: float


@dataclass
class SearchResult:
    question: str
    tokens: list[str]
    keywords: list[str]
    entries: list[Hit] = field(default_factory=list)
    articles: list[Hit] = field(default_factory=list)
    confidence: float = 0.0
    known: bool = False  # at least one word of the question occurs in the knowledge base


class Analyzer:
    """Cleans and segments questions and texts; the tables default to ``lexicon``'s, officers' rows added."""

    def __init__(self, synonyms: dict[str, str] | None = None, paraphrases: dict[str, str] | None = None):
        self.synonyms = dict(lexicon.SYNONYMS)
        self.synonyms.update(synonyms or {})
        self.paraphrases = dict(lexicon.PARAPHRASES)
        self.paraphrases.update(paraphrases or {})
        self._phrases = sorted(self.paraphrases, key=len, reverse=True)
        self._typos = sorted(lexicon.TYPOS.items(), key=lambda kv: -len(kv[0]))
        tokenizer = _tokenizer()
        with _jieba_lock:
            for word in self.synonyms:
                if len(word) > 1 and not word.isascii() and not tokenizer.FREQ.get(word):
                    tokenizer.add_word(word, freq=WORD_FREQ)
        self.tokenizer = tokenizer
        self.words = tokenizer.FREQ
        self._cache: dict[str, list[str]] = {}

    def cached_tokens(self, text: str) -> list[str]:
        """``tokens`` remembered per text (the knowledge base's texts are segmented again at every rebuild)."""
        found = self._cache.get(text)
        if found is None:
            if len(self._cache) > 20000:
                self._cache.clear()
            found = self._cache[text] = self.tokens(text)
        return found

    def clean(self, text: str, bound: bool = True) -> str:
        text = unicodedata.normalize("NFKC", text or "")
        text = text[:MAX_QUESTION] if bound else text
        text = "".join(ch for ch in text if unicodedata.category(ch)[0] not in ("C", "S") or ch in "\n+")
        for wrong, right in self._typos:
            text = text.replace(wrong, right)
        return text.strip()

    def tokens(self, text: str) -> list[str]:
        """Words of ``text`` (stopwords and punctuation dropped), each long word followed by its dictionary parts."""
        out = []
        for word in self.tokenizer.lcut(text.lower(), HMM=True):
            word = word.strip()
            if not word or word in lexicon.STOPWORDS or not WORD.search(word):
                continue
            out.append(word)
            if len(word) > 2:
                for size in range(2, len(word)):
                    for start in range(len(word) - size + 1):
                        part = word[start:start + size]
                        if self.words.get(part) and part not in lexicon.STOPWORDS:
                            out.append(part)
        return out

    def variants(self, question: str, bound: bool = True) -> dict[str, list[str]]:
        """The question's three token lists: ``raw``, ``normal`` (synonyms added), ``expanded`` (paraphrases)."""
        text = self.clean(question, bound)
        raw = self.tokens(text)
        normal = list(raw)
        for word in raw:
            if word in self.synonyms:
                normal.extend(self.synonyms[word].split())
        for key in ("N+1", "n+1", "996", "12333"):
            if key in text and key in self.synonyms:
                normal.extend(self.synonyms[key].split())
        expanded = list(normal)
        rest = text
        for phrase in self._phrases:
            if phrase in rest:
                expanded.extend(self.paraphrases[phrase].split())
                rest = rest.replace(phrase, " ")
        return {"raw": raw, "normal": normal, "expanded": expanded}


def _bm25(docs: list[list[str]]) -> bm25s.BM25:
    retriever = bm25s.BM25()
    retriever.index([d or ["∅"] for d in docs] or [["∅"]], show_progress=False)
    return retriever


def _ranking(retriever: bm25s.BM25, tokens: list[str], size: int) -> list[tuple[int, float]]:
    """The best ``CANDIDATES`` documents for ``tokens`` (score > 0), as (position, score)."""
    known = [t for t in tokens if t in retriever.vocab_dict]
    if not known or size == 0:
        return []
    scores = retriever.get_scores(known)
    top = min(CANDIDATES, size)
    positions = np.argpartition(-scores, top - 1)[:top] if size > top else np.arange(size)
    ranked = sorted(((int(p), float(scores[p])) for p in positions if scores[p] > 0), key=lambda x: -x[1])
    return ranked


def _fuse(rankings: list[tuple[float, list]], k: int = RRF_K) -> dict:
    fused: dict = {}
    for weight, keys in rankings:
        for rank, key in enumerate(keys):
            fused[key] = fused.get(key, 0.0) + weight / (k + rank + 1)
    return fused


def _fuse_scores(rankings: list[tuple[float, list[tuple[int, float]]]]) -> list[tuple[int, float]]:
    """Weighted sum of each ranking's scores divided by its best score (so each list counts by its weight)."""
    fused: dict[int, float] = {}
    for weight, ranked in rankings:
        if not ranked:
            continue
        best = ranked[0][1]
        for position, score in ranked:
            fused[position] = fused.get(position, 0.0) + weight * score / best
    return sorted(fused.items(), key=lambda kv: -kv[1])


class Index:
    """BM25 indices over the entries and the articles, searched with query variants fused by RRF."""

    def __init__(self, analyzer: Analyzer, entries: list[EntryDoc], articles: list[ArticleDoc]):
        self.analyzer = analyzer
        self.entries = list(entries)
        self.articles = list(articles)
        self.article_keys = {a.key: i for i, a in enumerate(self.articles)}
        tokens = analyzer.cached_tokens
        # the entries' questions are expanded like a question is (symmetric: 辞退 in either side meets 解除)
        self.entry_questions = [analyzer.variants(" ".join((e.question, *e.variants)), bound=False)["expanded"]
                                for e in self.entries]
        cited = {a.key: a.text for a in self.articles}
        self.entry_texts = [tokens(" ".join((e.question, e.text, *(cited.get(c, "") for c in e.citations))))
                            for e in self.entries]
        self.article_tokens = [list(a.tokens) if a.tokens is not None else tokens(a.key + " " + a.text)
                               for a in self.articles]
        self.q_index = _bm25(self.entry_questions)
        self.t_index = _bm25(self.entry_texts)
        self.a_index = _bm25(self.article_tokens)
        self.question_sets = [set(q) for q in self.entry_questions]
        df: dict[str, int] = {}
        for doc in self.entry_texts:
            for token in set(doc):
                df[token] = df.get(token, 0) + 1
        self.doc_count = max(len(self.entry_texts), 1)
        self.idf = {t: math.log(1 + self.doc_count / n) for t, n in df.items()}
        self.max_idf = math.log(1 + self.doc_count)
        self.vocabulary = set(df) | set(self.a_index.vocab_dict)

    def search(self, question: str, limit: int = 5) -> SearchResult:
        variants = self.analyzer.variants(question)
        raw, normal, expanded = variants["raw"], variants["normal"], variants["expanded"]
        result = SearchResult(question=question, tokens=expanded,
                              keywords=_keywords(raw, self.idf, self.max_idf))
        result.known = any(t in self.vocabulary for t in raw)
        if not expanded:
            return result
        n_entries = len(self.entries)
        fused = _fuse_scores([
            (1.0, _ranking(self.q_index, raw, n_entries)),
            (1.0, _ranking(self.q_index, normal, n_entries)),
            (1.0, _ranking(self.q_index, expanded, n_entries)),
            (0.7, _ranking(self.t_index, expanded, n_entries)),
        ])
        result.entries = [Hit(self.entries[p].key, s) for p, s in fused[:limit]]
        if fused:
            result.confidence = self._coverage(normal, fused[0][0])
        cited = []
        for position, _ in fused[:limit]:
            for key in self.entries[position].citations:
                if key in self.article_keys and self.article_keys[key] not in cited:
                    cited.append(self.article_keys[key])
        n_articles = len(self.articles)
        # the best entries' citations lead (their own order: 1, 1/2, 1/3 …); the articles found directly add at
        # most 2/61, enough to order ties and to fill the list when few articles are cited
        scores = _fuse([(1.0, cited)], k=0)
        for key, score in _fuse([(1.0, [p for p, _ in _ranking(self.a_index, normal, n_articles)]),
                                 (1.0, [p for p, _ in _ranking(self.a_index, expanded, n_articles)])]).items():
            scores[key] = scores.get(key, 0.0) + score
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        result.articles = [Hit(self.articles[p].key, s) for p, s in ranked[:limit]]
        return result

    def _coverage(self, tokens: list[str], position: int) -> float:
        words = set(tokens)
        if not words:
            return 0.0
        total = sum(self.idf.get(t, self.max_idf) for t in words)
        covered = sum(self.idf.get(t, self.max_idf) for t in words if t in self.question_sets[position])
        return round(covered / total, 4) if total else 0.0


def _keywords(tokens: list[str], idf: dict[str, float], max_idf: float) -> list[str]:
    """The question's telling words (two characters or more), rarest first: what hot topics count."""
    words = {t for t in tokens if len(t) >= 2 and not t.isascii()}
    return sorted(words, key=lambda t: (-idf.get(t, max_idf), t))[:5]
