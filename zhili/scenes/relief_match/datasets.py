"""The departments' data the 助共体 data pool gathers (数据归集), keyed by person or household.

The seed's pool has 36 kinds of data and 1,500 items from 23 departments; these 18 are the kinds the rules and
the proactive discovery read. Persons are pseudonymous codes (``person_id``): names and ID numbers stay in the
户籍 system and reach the platform only through an application, encrypted. Monthly data carry ``month_end``.
"""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from zhili.core.datapool.api import Dataset, Field

S, INT, D, DATE, B = "string", "integer", "decimal", "date", "boolean"
MONTHLY = timedelta(days=31)
YEARLY = timedelta(days=366)


def _person() -> Field:
    return Field("person_id", _("人员编码"), S, required=True, max_length=20)


def _household() -> Field:
    return Field("household_id", _("家庭编码"), S, required=True, max_length=20)


def _record() -> Field:
    return Field("record_id", _("记录编号"), S, required=True, max_length=40)


def _dataset(code, name, source, department, fields, key, freshness=MONTHLY, description=""):
    return Dataset(code=code, name=name, source_system=source, department=department, fields=tuple(fields),
                   key=key, freshness=freshness, description=description)


DATASETS = [
    _dataset("rm_persons", _("户籍人口"), _("人口综合信息系统"), _("公安局"), [
        _person(), _household(), Field("village_code", _("所在村（社区）区划代码"), S, required=True, max_length=12),
        Field("birth_date", _("出生日期"), DATE, required=True),
        Field("gender", _("性别"), S, required=True, choices=("M", "F")),
        Field("relation", _("与户主关系"), S, required=True, choices=("head", "spouse", "child", "parent", "other")),
        Field("rural", _("农村户籍"), B, required=True)], ("person_id",),
        description=_("每人一行；家庭按户籍户编码。")),
    _dataset("rm_roster", _("在册救助对象"), _("社会救助信息系统"), _("民政局"), [
        _household(), Field("category", _("救助类别"), S, required=True, choices=("dibao", "dibian", "tekun")),
        Field("since", _("纳入日期"), DATE, required=True)], ("household_id",)),
    _dataset("rm_incomes", _("个人收入"), _("社保费征缴与个税系统"), _("税务局"), [
        _record(), _person(), Field("month_end", _("所属月份（月末日）"), DATE, required=True),
        Field("amount", _("收入（元）"), D, required=True)], ("record_id",)),
    _dataset("rm_employment", _("社保参保缴费"), _("社会保险信息系统"), _("人力资源和社会保障局"), [
        _record(), _person(), Field("month_end", _("所属月份（月末日）"), DATE, required=True),
        Field("insured", _("在职参保"), B, required=True)], ("record_id",)),
    _dataset("rm_assets", _("金融资产"), _("家庭经济状况核对系统（银行、证券）"), _("民政局"), [
        _person(), Field("as_of", _("核对日期"), DATE, required=True), Field("amount", _("金融资产（元）"), D, required=True)],
        ("person_id",), freshness=YEARLY),
    _dataset("rm_property", _("不动产登记"), _("不动产登记信息系统"), _("自然资源和规划局"), [
        _record(), _person(), Field("kind", _("用途"), S, required=True, choices=("residence", "commercial", "other")),
        Field("area", _("面积（平方米）"), D, required=True)], ("record_id",), freshness=YEARLY),
    _dataset("rm_vehicles", _("机动车登记"), _("机动车登记系统"), _("公安局"), [
        _record(), _person(), Field("value", _("车辆价值（元）"), D, required=True),
        Field("operating", _("营运车辆"), B, required=True)], ("record_id",), freshness=YEARLY),
    _dataset("rm_medical", _("医保结算"), _("医疗保障信息平台"), _("医疗保障局"), [
        _record(), _person(), Field("settled_on", _("结算日期"), DATE, required=True),
        Field("total", _("医疗总费用（元）"), D, required=True),
        Field("self_paid", _("三重保障后个人自付（元）"), D, required=True),
        Field("serious", _("重特大疾病"), B, required=True)], ("record_id",),
        description=_("一次结算一行；退费为负数行。")),
    _dataset("rm_disability", _("残疾人证"), _("残疾人基础信息系统"), _("残疾人联合会"), [
        _person(), Field("grade", _("残疾等级"), INT, required=True), Field("certified_on", _("发证日期"), DATE, required=True)],
        ("person_id",)),
    _dataset("rm_unemployment", _("失业登记"), _("就业信息系统"), _("人力资源和社会保障局"), [
        _person(), Field("registered_on", _("登记日期"), DATE, required=True),
        Field("closed_on", _("注销日期"), DATE)], ("person_id",)),
    _dataset("rm_students", _("学籍与资助"), _("学生资助管理系统"), _("教育局"), [
        _person(), Field("stage", _("学段"), S, required=True,
                         choices=("preschool", "primary", "junior", "senior", "vocational", "college")),
        Field("school_aid", _("享受学生资助"), B, required=True), Field("year", _("学年"), INT, required=True)],
        ("person_id",)),
    _dataset("rm_deaths", _("死亡与殡葬"), _("殡葬管理信息系统"), _("民政局"), [
        _person(), Field("died_on", _("死亡日期"), DATE, required=True)], ("person_id",)),
    _dataset("rm_veterans", _("退役军人"), _("退役军人信息系统"), _("退役军人事务局"), [_person()], ("person_id",),
             freshness=YEARLY),
    _dataset("rm_union", _("工会会员"), _("工会会员实名制系统"), _("总工会"), [_person()], ("person_id",), freshness=YEARLY),
    _dataset("rm_supporters", _("赡养扶养关系"), _("社会救助信息系统"), _("民政局"), [
        _person(), Field("supporter_able", _("义务人有履行能力"), B, required=True)], ("person_id",), freshness=YEARLY),
    _dataset("rm_legal", _("诉讼与司法救助线索"), _("法院、检察院、司法行政系统"), _("司法局"), [
        _record(), _household(), Field("kind", _("类别"), S, required=True, choices=("dispute", "victim")),
        Field("stage", _("阶段"), S, required=True, choices=("open", "court", "procuratorate", "closed")),
        Field("recorded_on", _("登记日期"), DATE, required=True)], ("record_id",)),
    _dataset("rm_disasters", _("灾情损失"), _("自然灾害灾情管理系统"), _("应急管理局"), [
        _record(), _household(), Field("occurred_on", _("发生日期"), DATE, required=True),
        Field("loss", _("直接损失（元）"), D, required=True)], ("record_id",)),
    _dataset("rm_housing", _("农房安全鉴定"), _("农村房屋安全管理系统"), _("住房和城乡建设局"), [
        _household(), Field("grade", _("鉴定等级"), S, required=True, choices=("A", "B", "C", "D")),
        Field("assessed_on", _("鉴定日期"), DATE, required=True)], ("household_id",), freshness=YEARLY),
]
