"""Data the 智慧助残 scene receives from other departments through core.datapool (validated, with lineage).

Persons are pseudonymous codes (``person_id``) shared by every dataset: names and ID numbers stay in the source
systems and reach the platform only when a worker confirms them at the home visit. The seed's county gathered
40 million records from human resources, traffic police and health.
"""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from zhili.core.datapool.api import Dataset, Field

S, INT, DATE = "string", "integer", "date"
DAILY, MONTHLY = timedelta(days=1), timedelta(days=31)


def _person() -> Field:
    return Field("person_id", _("人员编码"), S, required=True, max_length=20)


def _record() -> Field:
    return Field("record_id", _("记录编号"), S, required=True, max_length=40)


DATASETS = [
    Dataset(code="da_persons", name=_("户籍人口（助残）"), source_system=_("人口综合信息系统"), department=_("公安局"),
            fields=(_person(), Field("village_code", _("所在村（社区）区划代码"), S, required=True, max_length=12),
                    Field("birth_date", _("出生日期"), DATE, required=True),
                    Field("gender", _("性别"), S, required=True, choices=("M", "F"))),
            key=("person_id",), freshness=MONTHLY, max_bad_ratio=0.01),
    Dataset(code="da_work_injuries", name=_("工伤劳动能力鉴定结论"), source_system=_("工伤保险信息系统"),
            department=_("人力资源和社会保障局"),
            fields=(_record(), _person(), Field("assessed_on", _("鉴定日期"), DATE, required=True),
                    Field("grade", _("伤残等级（1–10 级）"), INT, required=True),
                    Field("uscc", _("用人单位统一社会信用代码"), S, max_length=18),
                    Field("cause", _("致伤原因"), S, max_length=40)),
            key=("record_id",), freshness=DAILY),
    Dataset(code="da_traffic_injuries", name=_("道路交通事故伤残鉴定"), source_system=_("交通管理信息系统"),
            department=_("公安局交通警察大队"),
            fields=(_record(), _person(), Field("assessed_on", _("鉴定日期"), DATE, required=True),
                    Field("grade", _("致残等级（1–10 级）"), INT, required=True),
                    Field("place", _("事故地点"), S, max_length=100)),
            key=("record_id",), freshness=DAILY),
    Dataset(code="da_diagnoses", name=_("出院与慢病诊断"), source_system=_("全民健康信息平台"), department=_("卫生健康局"),
            fields=(_record(), _person(), Field("diagnosed_on", _("诊断日期"), DATE, required=True),
                    Field("icd10", _("诊断编码（ICD-10）"), S, required=True, max_length=10),
                    Field("kind", _("类别"), S, required=True, choices=("discharge", "chronic"))),
            key=("record_id",), freshness=DAILY),
    Dataset(code="da_certificates", name=_("残疾人证"), source_system=_("全国残疾人人口基础数据库"), department=_("残疾人联合会"),
            fields=(_person(), Field("category", _("残疾类别"), S, required=True, choices=tuple("1234567")),
                    Field("grade", _("残疾等级"), S, required=True, choices=tuple("1234")),
                    Field("issued_on", _("发证日期"), DATE, required=True)),
            key=("person_id",), freshness=DAILY),
    Dataset(code="da_assistance", name=_("在册救助对象（助残）"), source_system=_("社会救助信息系统"), department=_("民政局"),
            fields=(_person(), Field("category", _("救助类别"), S, required=True, choices=("dibao", "dibian", "tekun")),
                    Field("since", _("纳入日期"), DATE, required=True), Field("until", _("退出日期"), DATE)),
            key=("person_id",), freshness=MONTHLY),
    Dataset(code="da_moves", name=_("户籍迁出（助残）"), source_system=_("人口综合信息系统"), department=_("公安局"),
            fields=(_person(), Field("moved_out_on", _("迁出日期"), DATE, required=True),
                    Field("to_region", _("迁往区划代码"), S, max_length=12)),
            key=("person_id",), freshness=DAILY),
    Dataset(code="da_deaths", name=_("死亡登记（助残）"), source_system=_("殡葬管理信息系统"), department=_("民政局"),
            fields=(_person(), Field("died_on", _("死亡日期"), DATE, required=True)), key=("person_id",),
            freshness=DAILY),
]

DATASETS += [
    Dataset(code="da_employer_staff", name=_("用人单位年度职工人数与工资"), source_system=_("社会保险信息系统"),
            department=_("人力资源和社会保障局"),
            fields=(Field("uscc", _("统一社会信用代码"), S, required=True, max_length=18),
                    Field("year", _("所属年度"), INT, required=True),
                    Field("staff", _("在职职工年平均人数"), "decimal", required=True),
                    Field("average_wage", _("在职职工年平均工资（元）"), "decimal", required=True)),
            key=("uscc", "year"), freshness=timedelta(days=366)),
]
