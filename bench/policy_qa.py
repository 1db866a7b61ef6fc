"""Benchmark of the policy consultation assistant (issue 27): quality and speed over a province-size corpus.

    .venv/bin/python bench/policy_qa.py            # 100,000 passages
    .venv/bin/python bench/policy_qa.py --quick    # 10,000 passages

The corpus is the official texts shipped with the scene's tests plus local regulations generated from their
structure (``policy_qa.synth``) up to ``--passages`` articles; the knowledge base is the shipped one. Each of
the evaluation set's questions (``policy_qa.evalset``, ≥ 300, colloquial, with typos and dialect) is asked once.

Prints one JSON object:
- ``recall_at_5``: share of questions with one of their expected articles among the first five cited;
  ``mrr``: mean reciprocal rank of the first expected article (0 when not in the first ten);
- ``p95_ms`` / ``p50_ms``: time of one search (segmentation, query variants, three BM25 indices, fusion);
- ``baseline_recall_at_5``: plain keyword search in the same run: the question's words (jieba, no legal
  dictionary, no synonyms, no knowledge base) matched with ``LIKE '%word%'`` over the same passages in SQLite,
  ranked by the number of words matched; ``ratio`` = recall_at_5 / baseline_recall_at_5;
- ``service_accuracy``: share of questions that name a platform service whose best entry leads to it;
- ``passages``, ``questions``, ``build_s`` (indexing time, segmentation of the generated passages included).
"""

import argparse
import json
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TEXTS = ROOT / "zhili" / "scenes" / "policy_qa" / "tests" / "texts"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--passages", type=int, default=None)
    args = parser.parse_args()
    passages = args.passages or (10_000 if args.quick else 100_000)

    import jieba

    from zhili.scenes.policy_qa import evalset, knowledge, retrieval, synth, texts

    analyzer = retrieval.Analyzer()
    real = []
    for path in sorted(TEXTS.glob("*.txt")):
        parsed = texts.parse_text(path.name, texts.read_document(path.name, path.read_bytes()))
        real += [(parsed.short_title + a.label, a.text) for a in parsed.articles]
    generated = [(f"{title}{label}", text)
                 for title, articles in synth.local_texts(synth.clauses_of(TEXTS), max(passages - len(real), 0))
                 for _, label, text in articles]
    corpus = real + generated

    started = time.perf_counter()
    articles = [retrieval.ArticleDoc(key, text, tuple(analyzer.cached_tokens(key + " " + text)))
                for key, text in corpus]
    entries = [retrieval.EntryDoc(i, e.question, e.variants, e.answer, e.citations)
               for i, e in enumerate(knowledge.ENTRIES)]
    index = retrieval.Index(analyzer, entries, articles)
    build_s = time.perf_counter() - started

    questions = evalset.QUESTIONS
    index.search("预热")
    found, reciprocal, timings, services_right, services_asked = 0, 0.0, [], 0, 0
    for q in questions:
        t0 = time.perf_counter()
        result = index.search(q.question, limit=10)
        timings.append((time.perf_counter() - t0) * 1000)
        keys = [h.key for h in result.articles]
        rank = next((i for i, k in enumerate(keys) if k in q.articles), None)
        found += rank is not None and rank < 5
        reciprocal += 1 / (rank + 1) if rank is not None else 0
        if q.service:
            services_asked += 1
            best = knowledge.ENTRIES[result.entries[0].key] if result.entries else None
            services_right += bool(best and best.service and best.service[0] == q.service)

    plain = jieba.Tokenizer()
    database = sqlite3.connect(":memory:")
    database.execute("CREATE TABLE passage (key TEXT, body TEXT)")
    database.executemany("INSERT INTO passage VALUES (?, ?)", [(key, key + text) for key, text in corpus])
    baseline_found = 0
    for q in questions:
        words = [w for w in dict.fromkeys(plain.lcut(q.question)) if len(w) > 1][:8]
        if not words:
            continue
        score = " + ".join("(body LIKE ?)" for _ in words)
        rows = database.execute(f"SELECT key FROM passage WHERE {score} > 0 ORDER BY {score} DESC, rowid LIMIT 5",
                                [f"%{w}%" for w in words] * 2).fetchall()
        baseline_found += any(key in q.articles for (key,) in rows)

    n = len(questions)
    recall, baseline = found / n, baseline_found / n
    timings.sort()
    print(json.dumps({
        "passages": len(corpus), "questions": n, "recall_at_5": round(recall, 4), "mrr": round(reciprocal / n, 4),
        "p50_ms": round(statistics.median(timings), 2), "p95_ms": round(timings[int(0.95 * (n - 1))], 2),
        "baseline_recall_at_5": round(baseline, 4), "ratio": round(recall / baseline, 2) if baseline else None,
        "service_accuracy": round(services_right / services_asked, 4) if services_asked else None,
        "build_s": round(build_s, 1),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
