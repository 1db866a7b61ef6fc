"""The matter under which a firm grants a bank its credit profile (core.sharing's catalogue, extended)."""

from django.db import migrations


def seed(apps, schema_editor):
    Matter = apps.get_model("sharing", "Matter")
    Matter.objects.update_or_create(code="industry_brain_credit_loan", defaults={
        "name": "童装企业信用贷款", "department_name": "湖州市吴兴区经信局（童装产业大脑）",
        "legal_basis": "《征信业管理条例》（国务院令第631号）第十四条、第十八条（采集、向他人提供企业信息须经本人同意）；"
                       "平台信用评价规则（未经官方文件核实）",
        "document_type": "industry_brain.credit", "fields": ["firm_name", "uscc", "score", "grade", "factors"],
    })


class Migration(migrations.Migration):
    dependencies = [("industry_brain", "0001_initial"), ("sharing", "0002_seed_matters")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
