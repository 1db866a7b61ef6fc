"""Retrieval over the real texts: the evaluation set is sound, and the assistant finds the right articles.

Pure Python (no database): the texts in ``texts/`` are parsed and indexed with the shipped knowledge base, as
``bench/policy_qa.py`` does, which also times it over a province-size corpus.
"""

import pytest

from zhili.scenes.policy_qa import evalset, knowledge, retrieval, texts

from .conftest import TEXTS


@pytest.fixture(scope="module")
def index():
    analyzer = retrieval.Analyzer()
    articles = []
    for path in sorted(TEXTS.glob("*.txt")):
        parsed = texts.parse_text(path.name, texts.read_document(path.name, path.read_bytes()))
        articles += [retrieval.ArticleDoc(parsed.short_title + a.label, a.text) for a in parsed.articles]
    entries = [retrieval.EntryDoc(i, e.question, e.variants, e.answer, e.citations)
               for i, e in enumerate(knowledge.ENTRIES)]
    return retrieval.Index(analyzer, entries, articles)


def test_the_evaluation_set_is_big_enough_and_not_copied_from_the_knowledge_base(index):
    assert len(evalset.QUESTIONS) >= 300
    variants = {v for e in knowledge.ENTRIES for v in (e.question, *e.variants)}
    assert not [q.question for q in evalset.QUESTIONS if q.question in variants]
    assert len({q.question for q in evalset.QUESTIONS}) == len(evalset.QUESTIONS)


def test_every_expected_article_and_citation_exists_in_the_texts(index):
    known = set(index.article_keys)
    assert not {a for q in evalset.QUESTIONS for a in q.articles} - known
    assert not {c for e in knowledge.ENTRIES for c in e.citations} - known


def test_the_double_wages_article_comes_first_for_the_question_a_plain_bm25_got_wrong(index):
    result = index.search("没签劳动合同能要双倍工资吗")
    assert result.articles[0].key == "劳动合同法第八十二条"
    assert knowledge.ENTRIES[result.entries[0].key].code == "double-wages"


def test_recall_at_5_over_the_evaluation_set_is_at_least_0_9(index):
    found = [any(h.key in q.articles for h in index.search(q.question).articles[:5]) for q in evalset.QUESTIONS]
    assert sum(found) / len(found) >= 0.9


def test_synonyms_typos_and_dialect_are_read_as_the_statute_words():
    analyzer = retrieval.Analyzer()
    variants = analyzer.variants("被炒鱿鱼了，社报也莫得交，劳动和同咋整")
    assert {"解除", "劳动合同", "社会保险"} <= set(variants["normal"])
    assert "莫得" not in variants["raw"]  # read as 没有, a stopword
    assert {"逃匿", "拖欠"} <= set(analyzer.variants("包工头跑路了")["expanded"])


def test_off_topic_and_empty_questions_have_no_confidence(index):
    assert index.search("今天天气怎么样").confidence == 0
    assert index.search("").entries == []
