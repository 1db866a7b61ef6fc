"""Data the 关键小事 scene receives from other departments, through core.datapool (validated, with lineage).

The unemployment benefit is found from three of 人社局's systems: social-insurance stops (停保), employment
records (就业登记：入职、离职及其原因) and unemployment registrations (失业登记). A person is named in them by
``person_key``, the platform's blind index of the ID number, so the data pool never holds the number itself.
"""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from zhili.core.datapool.api import Dataset, Field

from .choices import SeparationReason

S, INT, DATE, B = "string", "integer", "date", "boolean"
DAILY = timedelta(days=1)


def _person() -> Field:
    return Field("person_key", _("人员标识（身份证号码盲索引）"), S, required=True, max_length=64)


INSURANCE_STOPS = Dataset(
    code="sm_insurance_stops", name=_("失业保险停保记录"), source_system=_("社会保险经办系统"), department=_("人力资源和社会保障局"),
    fields=(Field("record_id", _("记录编号"), S, required=True, max_length=40), _person(),
            Field("name", _("姓名"), S, required=True, max_length=50),
            Field("region_code", _("参保地区划代码"), S, required=True, max_length=12),
            Field("employer_uscc", _("原单位统一社会信用代码"), S, required=True, max_length=18),
            Field("employer_name", _("原单位名称"), S, required=True, max_length=200),
            Field("stop_date", _("停保日期"), DATE, required=True),
            Field("contribution_months", _("累计缴费月数"), INT, required=True),
            Field("unused_months", _("前次失业尚未领取月数"), INT)),
    key=("record_id",), freshness=DAILY, max_bad_ratio=0.01,
    description=_("停保即失业保险缴费中断；累计缴费月数含此前各单位的缴费。"),
)

EMPLOYMENT_RECORDS = Dataset(
    code="sm_employment_records", name=_("就业登记记录"), source_system=_("就业登记与劳动合同管理系统"),
    department=_("人力资源和社会保障局"),
    fields=(Field("record_id", _("记录编号"), S, required=True, max_length=40), _person(),
            Field("employer_uscc", _("单位统一社会信用代码"), S, required=True, max_length=18),
            Field("started_on", _("入职日期"), DATE, required=True),
            Field("ended_on", _("离职日期"), DATE),
            Field("separation_reason", _("离职原因"), S, choices=tuple(SeparationReason.values))),
    key=("record_id",), freshness=DAILY, max_bad_ratio=0.01,
)

UNEMPLOYMENT_REGISTRATIONS = Dataset(
    code="sm_unemployment_registrations", name=_("失业登记"), source_system=_("公共就业服务系统"),
    department=_("人力资源和社会保障局"),
    fields=(Field("record_id", _("记录编号"), S, required=True, max_length=40), _person(),
            Field("registered_on", _("登记日期"), DATE, required=True),
            Field("seeking_work", _("有求职要求"), B, required=True)),
    key=("record_id",), freshness=DAILY, max_bad_ratio=0.01,
)

RESIDENCE_REPORTS = Dataset(
    code="sm_residence_reports", name=_("流动人口居住和就业申报"), source_system=_("流动人口服务管理系统"), department=_("公安局"),
    fields=(Field("record_id", _("记录编号"), S, required=True, max_length=40), _person(),
            Field("region_code", _("居住地区划代码"), S, required=True, max_length=12),
            Field("reporter_kind", _("申报人类型"), S, required=True, choices=("landlord", "employer", "property")),
            Field("reporter_name", _("申报人"), S, required=True, max_length=200),
            Field("address", _("居住地址"), S, max_length=300),
            Field("employer_name", _("就业单位"), S, max_length=200),
            Field("reported_on", _("申报日期"), DATE, required=True),
            Field("moved_in_on", _("入住或入职日期"), DATE, required=True)),
    key=("record_id",), freshness=DAILY, max_bad_ratio=0.01,
    description=_("房东、用人单位、物业或中介在出租、招用后 3 个工作日内申报（《浙江省流动人口居住登记条例》）。"),
)

SERVICE_STATISTICS = Dataset(
    code="sm_service_statistics", name=_("政务服务事项每日办件统计"), source_system=_("浙江政务服务网（浙里办）统计"),
    department=_("大数据发展管理局"),
    fields=(Field("day", _("日期"), DATE, required=True),
            Field("matter_code", _("事项编码"), S, required=True, max_length=40),
            Field("region_code", _("区划代码"), S, required=True, max_length=12),
            Field("visits", _("访问量"), INT, required=True),
            Field("handled", _("办件量"), INT, required=True),
            Field("ratings", _("评价数"), INT, required=True),
            Field("good_ratings", _("好评数（基本满意及以上）"), INT, required=True)),
    key=("day", "matter_code", "region_code"), freshness=DAILY, max_bad_ratio=0.0,
    description=_("每个事项每日的访问量、办件量和好差评（国办发〔2019〕51号的五级评价，基本满意及以上为好评）；"
                  "驾驶舱按日、按事项汇总。"),
)

DATASETS = [INSURANCE_STOPS, EMPLOYMENT_RECORDS, UNEMPLOYMENT_REGISTRATIONS, RESIDENCE_REPORTS, SERVICE_STATISTICS]
DATASET_CODES = tuple(d.code for d in DATASETS[:3])
