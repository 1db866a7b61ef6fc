"""Nodes below level 4 are no longer stored (they are computed from the entries' leaf hashes), and the digest
index becomes a hash index on PostgreSQL (``foundation.models.EqualityIndex``)."""

import hashlib

import zhili.core.foundation.models
from django.db import migrations

LOWEST_STORED_LEVEL = 4  # merkle.LOWEST_STORED_LEVEL when this migration was written
INDEX_BITS = 48


def drop_low_nodes(apps, schema_editor):
    table = schema_editor.quote_name(apps.get_model("ledger", "MerkleNode")._meta.db_table)
    schema_editor.execute(f"DELETE FROM {table} WHERE level < %s", [LOWEST_STORED_LEVEL])


def restore_low_nodes(apps, schema_editor):
    """Store again every complete subtree of levels 0–3, computed from the leaf hashes, block by block."""
    entry, node = apps.get_model("ledger", "LedgerEntry"), apps.get_model("ledger", "MerkleNode")
    db = schema_editor.connection.alias
    nodes: list = []

    def add_block(first: int, hashes: list[bytes]) -> None:
        for level in range(LOWEST_STORED_LEVEL):
            nodes.extend(node(key=(level << INDEX_BITS) | ((first >> level) + i), level=level,
                              index=(first >> level) + i, hash=digest) for i, digest in enumerate(hashes))
            hashes = [hashlib.sha256(b"\x01" + hashes[i] + hashes[i + 1]).digest()
                      for i in range(0, len(hashes) - 1, 2)]
        if len(nodes) >= 20_000:
            node.objects.using(db).bulk_create(nodes, batch_size=2000)
            nodes.clear()

    block, first = [], 0
    for index, leaf in entry.objects.using(db).order_by("index").values_list("index", "leaf_hash").iterator(
            chunk_size=2000):
        if index % (1 << LOWEST_STORED_LEVEL) == 0 and block:
            add_block(first, block)
            block = []
        if not block:
            first = index
        block.append(bytes(leaf))
    if block:
        add_block(first, block)
    node.objects.using(db).bulk_create(nodes, batch_size=2000)


class Migration(migrations.Migration):

    dependencies = [
        ('ledger', '0002_entry_digest_index'),
    ]

    operations = [
        migrations.RunPython(drop_low_nodes, restore_low_nodes, elidable=False),
        migrations.RemoveIndex(
            model_name='ledgerentry',
            name='ledger_entry_digest',
        ),
        migrations.AddIndex(
            model_name='ledgerentry',
            index=zhili.core.foundation.models.EqualityIndex(fields=['digest'], name='ledger_entry_digest'),
        ),
    ]
