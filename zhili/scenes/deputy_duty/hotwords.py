"""Hot words of citizens' opinions (民意热词): jieba with the scene's user dictionary, counted once per opinion.

Each opinion's words are counted when it is submitted into ``HotwordCount`` rows per (region, month, word), so the
hot words of any region and period are a sum over a few hundred rows instead of a segmentation of every text
(the benchmark's baseline). Words are nouns and verbs of two or more characters, stop words left out.
"""

import re
import threading
from collections import Counter

import jieba

USER_WORDS = [
    "加装电梯", "老旧小区", "红绿灯", "接送车位", "垃圾清运", "停车位", "路灯", "公交", "班次", "农贸市场", "托育",
    "养老服务", "居家养老", "幼儿园", "午托", "医保", "儿科", "卫生室", "低保", "残疾人补贴", "老年食堂", "网格员",
    "物业服务", "村务公开", "扬尘", "噪音扰民", "河道", "绿化带", "背街小巷", "民生实事", "联络站", "小微企业",
    "融资难", "乡村旅游", "摊位费", "图书室",
]
STOP_WORDS = frozenset("""
建议 希望 有关 部门 相关 尽快 解决 协调 处理 反映 恳请 代表 核实 答复 群众 居民 强烈 重视 已有 一段时间 最近 越来越
严重 多次 影响 日常 生活 问题 情况 我们 他们 这个 那个 没有 可以 一个 还是 就是 因为 所以 如果 但是 现在 已经 进行
当事人 电话 只有 日常生活 群众反映 不足 不便 不够 偏高 社区 街道 请 望 能 要 的 了 和 与 及 在 是 有 也 都 很 太 不 个 等 年 月 日 时 分 一下 一些
""".split())
HAN = re.compile(r"^[\u4e00-\u9fff]{2,8}$")

_lock = threading.Lock()
_tokenizer = None


def tokenizer() -> jieba.Tokenizer:
    """The scene's own jieba tokenizer with its user dictionary (built once per process)."""
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            tok = jieba.Tokenizer()
            for word in USER_WORDS:
                tok.add_word(word, freq=200000)
            _tokenizer = tok
    return _tokenizer


def words(text: str) -> list[str]:
    """The counted words of ``text``: Chinese words of 2–8 characters that are not stop words."""
    return [w for w in tokenizer().lcut(text or "", HMM=False) if HAN.match(w) and w not in STOP_WORDS]


def count_words(texts) -> Counter:
    """The naive count: segment every text now (the benchmark's baseline)."""
    counts = Counter()
    for text in texts:
        counts.update(words(text))
    return counts
