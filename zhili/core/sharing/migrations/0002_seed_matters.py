"""Seed the six matters named in the 建德 scene (data/matters.csv); an administrator extends the catalogue."""

import csv
from pathlib import Path

from django.db import migrations

SEED_FILE = Path(__file__).resolve().parent.parent / "data" / "matters.csv"


def seed(apps, schema_editor):
    Matter = apps.get_model("sharing", "Matter")
    with SEED_FILE.open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            Matter.objects.update_or_create(code=row["事项编码"], defaults={
                "name": row["事项名称"], "department_name": row["主管部门"], "legal_basis": row["依据"],
                "document_type": row["文档类型"], "fields": [f for f in row["最少字段"].split(";") if f],
            })


class Migration(migrations.Migration):
    dependencies = [("sharing", "0001_matters_grants_access_log_webhooks")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
