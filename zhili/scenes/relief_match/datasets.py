"""The departments' data the 助共体 data pool gathers (数据归集), keyed by person or household.

The seed's pool has 36 kinds of data and 1,500 items from 23 departments; these 18 are the kinds the rules and
the proactive discovery read. Persons are pseudonymous codes (``person_id``): names and ID numbers stay in the
户籍 system and reach the platform only through an application, encrypted. Monthly data carry ``month_end``.
"""

from datetime import timedelta

from zhili.core.datapool.api import Dataset, Field

S, INT, D, DATE, B = "string", "integer", "decimal", "date", "boolean"
MONTHLY = timedelta(days=31)
YEARLY = timedelta(days=366)


def _person() -> Field:
    return Field("person_id", "人员编码", S, required=True, max_length=20)


def _household() -> Field:
    return Field("household_id", "家庭编码", S, required=True, max_length=20)


def _record() -> Field:
    return Field("record_id", "记录编号", S, required=True, max_length=40)


def _dataset(code, name, source, department, fields, key, freshness=MONTHLY, description=""):
    return Dataset(code=code, name=name, source_system=source, department=department, fields=tuple(fields),
                   key=key, freshness=freshness, description=description)


DATASETS = [
    _dataset("rm_persons", "户籍人口", "人口综合信息系统", "公安局", [
        _person(), _household(), Field("village_code", "所在村（社区）区划代码", S, required=True, max_length=12),
        Field("birth_date", "出生日期", DATE, required=True),
        Field("gender", "性别", S, required=True, choices=("M", "F")),
        Field("relation", "与户主关系", S, required=True, choices=("head", "spouse", "child", "parent", "other")),
        Field("rural", "农村户籍", B, required=True)], ("person_id",),
        description="每人一行；家庭按户籍户编码。"),
    _dataset("rm_roster", "在册救助对象", "社会救助信息系统", "民政局", [
        _household(), Field("category", "救助类别", S, required=True, choices=("dibao", "dibian", "tekun")),
        Field("since", "纳入日期", DATE, required=True)], ("household_id",)),
    _dataset("rm_incomes", "个人收入", "社保费征缴与个税系统", "税务局", [
        _record(), _person(), Field("month_end", "所属月份（月末日）", DATE, required=True),
        Field("amount", "收入（元）", D, required=True)], ("record_id",)),
    _dataset("rm_employment", "社保参保缴费", "社会保险信息系统", "人力资源和社会保障局", [
        _record(), _person(), Field("month_end", "所属月份（月末日）", DATE, required=True),
        Field("insured", "在职参保", B, required=True)], ("record_id",)),
    _dataset("rm_assets", "金融资产", "家庭经济状况核对系统（银行、证券）", "民政局", [
        _person(), Field("as_of", "核对日期", DATE, required=True), Field("amount", "金融资产（元）", D, required=True)],
        ("person_id",), freshness=YEARLY),
    _dataset("rm_property", "不动产登记", "不动产登记信息系统", "自然资源和规划局", [
        _record(), _person(), Field("kind", "用途", S, required=True, choices=("residence", "commercial", "other")),
        Field("area", "面积（平方米）", D, required=True)], ("record_id",), freshness=YEARLY),
    _dataset("rm_vehicles", "机动车登记", "机动车登记系统", "公安局", [
        _record(), _person(), Field("value", "车辆价值（元）", D, required=True),
        Field("operating", "营运车辆", B, required=True)], ("record_id",), freshness=YEARLY),
    _dataset("rm_medical", "医保结算", "医疗保障信息平台", "医疗保障局", [
        _record(), _person(), Field("settled_on", "结算日期", DATE, required=True),
        Field("total", "医疗总费用（元）", D, required=True),
        Field("self_paid", "三重保障后个人自付（元）", D, required=True),
        Field("serious", "重特大疾病", B, required=True)], ("record_id",),
        description="一次结算一行；退费为负数行。"),
    _dataset("rm_disability", "残疾人证", "残疾人基础信息系统", "残疾人联合会", [
        _person(), Field("grade", "残疾等级", INT, required=True), Field("certified_on", "发证日期", DATE, required=True)],
        ("person_id",)),
    _dataset("rm_unemployment", "失业登记", "就业信息系统", "人力资源和社会保障局", [
        _person(), Field("registered_on", "登记日期", DATE, required=True),
        Field("closed_on", "注销日期", DATE)], ("person_id",)),
    _dataset("rm_students", "学籍与资助", "学生资助管理系统", "教育局", [
        _person(), Field("stage", "学段", S, required=True,
                         choices=("preschool", "primary", "junior", "senior", "vocational", "college")),
        Field("school_aid", "享受学生资助", B, required=True), Field("year", "学年", INT, required=True)],
        ("person_id",)),
    _dataset("rm_deaths", "死亡与殡葬", "殡葬管理信息系统", "民政局", [
        _person(), Field("died_on", "死亡日期", DATE, required=True)], ("person_id",)),
    _dataset("rm_veterans", "退役军人", "退役军人信息系统", "退役军人事务局", [_person()], ("person_id",),
             freshness=YEARLY),
    _dataset("rm_union", "工会会员", "工会会员实名制系统", "总工会", [_person()], ("person_id",), freshness=YEARLY),
    _dataset("rm_supporters", "赡养扶养关系", "社会救助信息系统", "民政局", [
        _person(), Field("supporter_able", "义务人有履行能力", B, required=True)], ("person_id",), freshness=YEARLY),
    _dataset("rm_legal", "诉讼与司法救助线索", "法院、检察院、司法行政系统", "司法局", [
        _record(), _household(), Field("kind", "类别", S, required=True, choices=("dispute", "victim")),
        Field("stage", "阶段", S, required=True, choices=("open", "court", "procuratorate", "closed")),
        Field("recorded_on", "登记日期", DATE, required=True)], ("record_id",)),
    _dataset("rm_disasters", "灾情损失", "自然灾害灾情管理系统", "应急管理局", [
        _record(), _household(), Field("occurred_on", "发生日期", DATE, required=True),
        Field("loss", "直接损失（元）", D, required=True)], ("record_id",)),
    _dataset("rm_housing", "农房安全鉴定", "农村房屋安全管理系统", "住房和城乡建设局", [
        _household(), Field("grade", "鉴定等级", S, required=True, choices=("A", "B", "C", "D")),
        Field("assessed_on", "鉴定日期", DATE, required=True)], ("household_id",), freshness=YEARLY),
]
