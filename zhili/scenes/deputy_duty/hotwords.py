"""Hot words of citizens' opinions (民意热词): jieba with the scene's user dictionary, weighted TF-IDF-style.

Segmentation: the scene's own jieba tokenizer with the user dictionary ``hotword_data/userdict.txt`` (livelihood
terms such as 加装电梯 kept whole). Counted words are Chinese words of 2–8 characters that are not on the stop list
``hotword_data/stopwords.txt`` (function words, wordings every opinion uses such as 问题/希望/建议) and are not
place-name fragments: a word standing before a place suffix (新安江|路, 白沙|社区) or ending in one (前路, 城南村).
Names of the region table (建德市, 乾潭镇), their stems (建德, 乾潭) and their jieba fragments are left out when the
hot words are read (``place_words``), so a region imported later is covered without recounting.

Counting: each opinion counts once for each word it holds (``HotwordCount``: opinions per region, month and word),
each opinion once in its cell (``HotwordCell``) and once per word in the whole corpus (``HotwordTotal``), all at
submission. A region and period's hot words are then ranked by

    weight(w) = n(w) × ln((1 + N) / (1 + df(w)))

where n(w) is how many of the selection's opinions hold w, N the corpus's opinions and df(w) how many of them hold
w: a word every opinion holds weighs nothing, a word frequent in this region or period and rare elsewhere rises.
"""

import math
import re
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import jieba

DATA = Path(__file__).resolve().parent / "hotword_data"
HAN = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
# Place suffixes: the word before one of these is a place name's fragment (新安江|路); a word ending in a one-character
# suffix is a place name (前路, 城南村) unless it is an ordinary word kept below.
PLACE_SUFFIXES = frozenset("路 街 巷 弄 村 镇 乡 区 县 市 省 社区 街道 小区 古镇 新村 花园 公寓".split())
ENDING_SUFFIXES = "路街巷弄村镇乡"
NOT_PLACES = frozenset("道路 马路 公路 铁路 线路 思路 出路 网路 农村 乡村 城乡 老街 上街 城镇 集镇 乡镇 小镇".split())
REGION_SUFFIXES = ("特别行政区", "自治州", "自治县", "街道", "地区", "省", "市", "区", "县", "镇", "乡", "旗", "盟")


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


USER_WORDS = [line.split()[0] for line in _lines("userdict.txt")]
STOP_WORDS = frozenset(word for line in _lines("stopwords.txt") for word in line.split())

_lock = threading.Lock()
_tokenizer = None


def tokenizer() -> jieba.Tokenizer:
    """The scene's own jieba tokenizer with its user dictionary (built once per process)."""
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            tok = jieba.Tokenizer()
            for line in _lines("userdict.txt"):
                word, *rest = line.split()
                tok.add_word(word, freq=int(rest[0]) if rest else None, tag=rest[1] if len(rest) > 1 else None)
            _tokenizer = tok
    return _tokenizer


def _is_place(word: str, following: str) -> bool:
    if word in NOT_PLACES or word in USER_WORDS:
        return False
    return following in PLACE_SUFFIXES or (len(word) >= 2 and word[-1] in ENDING_SUFFIXES)


def words(text: str) -> list[str]:
    """The counted words of ``text`` in order: 2–8 Chinese characters, neither stop words nor place-name fragments."""
    tokens = tokenizer().lcut(text or "", HMM=False)
    kept = []
    for i, token in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if HAN.match(token) and token not in STOP_WORDS and not _is_place(token, following):
            kept.append(token)
    return kept


def opinion_words(text: str) -> set[str]:
    """The words an opinion counts once each."""
    return set(words(text))


def region_place_words(names) -> frozenset[str]:
    """Names of regions, their stems without the level suffix (建德市 → 建德) and their jieba fragments."""
    tok = tokenizer()
    found = set()
    for name in names:
        stem = name
        for suffix in REGION_SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                stem = name[: -len(suffix)]
                break
        for form in {name, stem}:
            found.add(form)
            found.update(t for t in tok.lcut(form, HMM=False) if len(t) >= 2 and t not in USER_WORDS)
    return frozenset(found)


_place_cache: dict = {}


def place_words() -> frozenset[str]:
    """The place words of the region table as it stands (recomputed when regions are added or renamed)."""
    from django.db.models import Count, Max

    from zhili.core.orgs.api import Region

    key = tuple(Region.objects.aggregate(n=Count("id"), last=Max("id"), changed=Max("updated_at")).values())
    with _lock:
        cached = _place_cache.get("regions")
    if cached and cached[0] == key:
        return cached[1]
    found = region_place_words(Region.objects.values_list("name", flat=True))
    with _lock:
        _place_cache["regions"] = (key, found)
    return found


@dataclass(frozen=True)
class HotWord:
    word: str
    opinions: int  # opinions of the selection holding the word
    weight: float  # opinions × ln((1 + corpus opinions) / (1 + corpus opinions holding it))


def rank(selected: dict[str, int], corpus: dict[str, int], corpus_opinions: int, *, excluded=frozenset(),
         limit: int = 20) -> list[HotWord]:
    """The ``limit`` heaviest words of a selection (word → opinions) against the corpus (word → opinions)."""
    ranked = []
    for word, n in selected.items():
        if word in excluded or n <= 0:
            continue
        weight = n * math.log((1 + corpus_opinions) / (1 + corpus.get(word, n)))
        ranked.append(HotWord(word, n, round(weight, 3)))
    ranked.sort(key=lambda h: (-h.weight, -h.opinions, h.word))
    return ranked[:limit]


def count_words(texts) -> Counter:
    """The naive count: segment every text now, each text counting once per word (the benchmark's baseline)."""
    counts = Counter()
    for text in texts:
        counts.update(opinion_words(text))
    return counts
