"""On PostgreSQL: the articles' jieba tokens in a ``simple`` tsvector index, and pg_trgm over their text.

No Chinese text-search parser is packaged for Debian 12's PostgreSQL, so the words are segmented by jieba when a
text is loaded (``Article.tokens``) and PostgreSQL indexes them with the language-neutral ``simple`` config;
trigram similarity catches what segmentation splits differently. Other databases need nothing here.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS policy_qa_article_tsv ON policy_qa_article USING gin (to_tsvector('simple', tokens))",
    "CREATE INDEX IF NOT EXISTS policy_qa_article_trgm ON policy_qa_article USING gin (text gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS policy_qa_article_trgm", "DROP INDEX IF EXISTS policy_qa_article_tsv"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("policy_qa", "0001_texts_entries_consultations")]
    operations = [migrations.RunPython(forward, backward)]
