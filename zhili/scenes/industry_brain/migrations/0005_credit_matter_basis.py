"""The credit matter's legal basis, corrected: Art. 14 and 18 of the 征信业管理条例 concern personal information;
enterprise information is collected under Art. 21, and the firm's grant to the bank is the platform's own rule."""

from django.db import migrations

BASIS = ("《征信业管理条例》（国务院令第631号）第二十一条（企业信息可经信息主体、企业交易对方等渠道采集）；"
         "由企业授权银行查阅为平台规则（该条例第十三条、第十八条的同意要求针对个人信息）；"
         "平台信用评价规则（未经官方文件核实）")


def correct(apps, schema_editor):
    apps.get_model("sharing", "Matter").objects.filter(code="industry_brain_credit_loan").update(legal_basis=BASIS)


class Migration(migrations.Migration):
    dependencies = [("industry_brain", "0004_design_image_hash")]

    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
