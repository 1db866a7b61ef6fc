"""The matter under which an enterprise lets another party query its labour-security credit (core.sharing)."""

from django.db import migrations


def seed(apps, schema_editor):
    Matter = apps.get_model("sharing", "Matter")
    Matter.objects.update_or_create(code="wage_guard_credit_query", defaults={
        "name": "劳动保障诚信等级授权查询", "department_name": "人力资源和社会保障局（安薪在线）",
        "legal_basis": "企业本人授权；评价依据人社部规〔2016〕1号（企业劳动保障守法诚信等级评价办法）；"
                       "向他人提供须经企业同意",
        "document_type": "wage_guard.credit", "fields": ["enterprise", "uscc", "year", "level"],
    })


class Migration(migrations.Migration):
    dependencies = [("wage_guard", "0003_closure_contracts_layouts"), ("sharing", "0002_seed_matters")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
