"""The catalogue of the 50 key small matters (关键小事) across the six life stages, as the demo loads it.

The seed (浙江省发改委) gives the count per stage only in part (上学 6, 就业 14, 生活 16), the totals (50 matters,
materials −67.2 %, time −66.3 %) and five named examples. The remaining 14 matters are split here as 出生 4,
婚育 5, 养老 5; the names are Zhejiang's usual "一件事" matters, and each matter's before/after counts are
illustrative figures a department replaces with its own (the scene page says so). The reduction the cockpit
shows is measured from these rows, not copied from the seed.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    stage: str
    department: str
    path: str
    materials: tuple
    steps: tuple
    materials_before: int
    time_limit_days: int
    days_before: int
    situations: tuple
    basis: str


def _e(code, name, stage, department, path, materials, steps, before, days, days_before, situations="", basis=""):
    return Entry(code, name, stage, department, path, tuple(m for m in materials.split("|") if m),
                 tuple(steps.split("|")), before, days, days_before,
                 tuple(s for s in situations.split(",") if s), basis or "浙江省政务服务事项目录")


ID, HK, PHOTO = "身份证", "户口簿", "证件照片"

CATALOGUE = [
    # 出生 (4)
    _e("birth_package", "出生一件事", "birth", "卫生健康委", "ecosystem", "出生医学证明|父母身份证",
       "线上申请|联办部门并联办理|证件寄递", 12, 3, 15, "newborn", "浙江省出生“一件事”联办规范"),
    _e("birth_medical_card", "新生儿医保参保", "birth", "医疗保障局", "confirm", "",
       "确认出生信息|自动参保", 4, 1, 5, "newborn"),
    _e("birth_vaccination", "预防接种证办理", "birth", "卫生健康委", "plain", "出生医学证明",
       "预约|接种点办理", 3, 1, 5, "newborn"),
    _e("birth_allowance", "生育津贴申领", "birth", "医疗保障局", "proactive", "",
       "数据比对|本人确认|发放", 5, 5, 20, "newborn"),
    # 上学 (6)
    _e("school_kindergarten", "幼儿园入园报名", "school", "教育局", "confirm", "",
       "确认户籍与房产信息|提交", 6, 5, 15, "child"),
    _e("school_primary", "义务教育入学报名", "school", "教育局", "confirm", "",
       "确认户籍、房产或居住证信息|提交|录取通知", 8, 10, 30, "child"),
    _e("school_transfer", "中小学转学", "school", "教育局", "plain", "转学申请表",
       "网上申请|转出校确认|转入校接收", 5, 5, 15, "child"),
    _e("school_aid", "学生资助申请", "school", "教育局", "proactive", "",
       "困难数据比对|主动推送|确认", 5, 5, 20, "child,low_income"),
    _e("school_record", "学籍证明开具", "school", "教育局", "plain", ID,
       "网上申请|电子证明", 3, 1, 5, "student"),
    _e("school_exam_results", "中高考成绩及录取查询", "school", "教育考试院", "intelligent", ID,
       "身份核验|查询", 2, 0, 1, "student"),
    # 就业 (14)
    _e("unemployment_benefit", "失业保险金申领", "employment", "人力资源和社会保障局", "proactive", "",
       "停保数据发现|本人确认预填信息|审核|按月发放", 5, 3, 20, "unemployed",
       "《失业保险条例》第十四条至第十七条；《社会保险法》第四十五条至第四十七条"),
    _e("unemployment_registration", "失业登记", "employment", "人力资源和社会保障局", "confirm", "",
       "确认离职信息|提交", 4, 1, 5, "unemployed", "《就业服务与就业管理规定》第六十三条"),
    _e("employment_registration", "就业登记", "employment", "人力资源和社会保障局", "confirm", "",
       "单位申报|本人确认", 4, 1, 5, "employed"),
    _e("social_insurance_transfer", "社保关系转移", "employment", "人力资源和社会保障局", "plain", ID,
       "网上申请|转出地确认|转入地接收", 5, 10, 45, "employed,migrant"),
    _e("employment_subsidy", "灵活就业社保补贴", "employment", "人力资源和社会保障局", "proactive", "",
       "数据比对|本人确认|发放", 6, 10, 30, "unemployed,low_income"),
    _e("skills_subsidy", "职业技能提升补贴", "employment", "人力资源和社会保障局", "plain", "职业资格证书",
       "网上申请|证书核验|发放", 4, 5, 20, "employed,unemployed"),
    _e("startup_loan", "创业担保贷款", "employment", "人力资源和社会保障局", "plain", "营业执照|创业计划书",
       "申请|审核|银行放款", 9, 10, 30, "unemployed"),
    _e("talent_housing", "人才房租补贴", "employment", "人力资源和社会保障局", "proactive", "毕业证书",
       "数据比对|本人确认|发放", 7, 10, 30, "graduate"),
    _e("graduate_report", "高校毕业生报到", "employment", "人力资源和社会保障局", "confirm", "",
       "确认学籍信息|报到", 4, 1, 10, "graduate"),
    _e("labor_contract_filing", "劳动合同备案", "employment", "人力资源和社会保障局", "confirm", "",
       "电子合同自动备案", 3, 0, 5, "employed"),
    _e("housing_fund_withdraw", "住房公积金提取", "employment", "住房公积金管理中心", "intelligent", "",
       "数据比对|秒批|到账", 4, 1, 5, "employed"),
    _e("resignation_certificate", "离职证明开具", "employment", "人力资源和社会保障局", "plain", "",
       "单位出具电子证明", 2, 1, 3, "unemployed"),
    _e("wage_arrears_complaint", "欠薪投诉", "employment", "人力资源和社会保障局", "plain", "劳动关系证明",
       "线上投诉|受理|处置反馈", 4, 5, 20, "employed"),
    _e("labor_mediation", "劳动争议调解申请", "employment", "人力资源和社会保障局", "plain", "劳动关系证明",
       "线上申请|受理|调解", 5, 15, 45, "employed"),
    # 生活 (16)
    _e("residence_registration", "流动人口居住登记", "life", "公安局", "confirm", "",
       "确认房东或单位申报的居住信息|确认就业信息|提交|派出所审核", 4, 0, 3, "migrant",
       "《浙江省流动人口居住登记条例》；《居住证暂行条例》第二条"),
    _e("residence_permit", "居住证办理", "life", "公安局", "ecosystem", PHOTO,
       "网上申请|复用已认证照片|审核|制证寄递", 6, 10, 15, "migrant", "《居住证暂行条例》第二条、第九条"),
    _e("dog_licence", "犬只登记", "life", "公安局", "parallel", "犬只照片",
       "网上申请|公安审核|扫码预约宠物医院|免疫、登记、植入芯片一次完成|发证", 6, 5, 20, "dog_owner",
       "杭州市限制养犬规定（地方规定，各地不同）"),
    _e("invoice_check", "发票查验", "life", "税务局", "intelligent", "发票照片或PDF",
       "上传|自动识别|查验", 1, 0, 1, "", "国家税务总局全国增值税发票查验平台"),
    _e("vehicle_registration", "机动车登记", "life", "公安局", "plain", "购车发票|合格证",
       "预约|查验|登记|发牌", 6, 1, 3, "car_owner"),
    _e("driving_licence_renewal", "驾驶证期满换证", "life", "公安局", "ecosystem", "",
       "网上申请|复用体检与照片信息|寄递", 4, 1, 5, "car_owner"),
    _e("water_power_gas", "水电气过户", "life", "建设局", "ecosystem", "不动产权证书",
       "一次申请|三家联办", 9, 1, 10, "home_owner"),
    _e("property_registration", "二手房转移登记", "life", "自然资源和规划局", "parallel", "不动产权证书|购房合同",
       "一窗受理|税费同缴|登记发证", 12, 1, 5, "home_owner"),
    _e("public_rental", "公租房申请", "life", "建设局", "confirm", "",
       "确认家庭收入与住房核查结果|提交|轮候", 10, 20, 60, "low_income"),
    _e("medical_reimbursement", "异地就医备案", "life", "医疗保障局", "plain", "",
       "网上备案|即时生效", 3, 0, 5, "migrant"),
    _e("medical_card_reissue", "社保卡补换", "life", "人力资源和社会保障局", "ecosystem", "",
       "网上申请|复用已认证照片|寄递", 3, 5, 15, ""),
    _e("hukou_move", "户口迁移", "life", "公安局", "plain", HK,
       "迁入地受理|跨省联办", 6, 5, 20, "migrant"),
    _e("id_card_renewal", "居民身份证换领", "life", "公安局", "ecosystem", "",
       "预约|复用照片|寄递", 3, 15, 30, ""),
    _e("dibao_application", "低保申请", "life", "民政局", "confirm", "",
       "授权核对|确认核对结果|审核", 10, 20, 45, "low_income"),
    _e("disability_certificate", "残疾人证办理", "life", "残疾人联合会", "plain", PHOTO,
       "申请|评定|发证", 6, 20, 45, "disabled"),
    _e("utility_complaint", "公共服务投诉", "life", "发展和改革委员会", "plain", "",
       "线上投诉|受理|处置反馈", 2, 5, 15, ""),
    # 婚育 (5)
    _e("marriage_registration", "结婚登记", "family", "民政局", "confirm", ID,
       "预约|确认信息|颁证", 4, 0, 1, "single"),
    _e("birth_permit", "生育登记", "family", "卫生健康委", "confirm", "",
       "确认婚姻与户籍信息|提交", 6, 0, 5, "married"),
    _e("childcare_subsidy", "育儿补贴申领", "family", "卫生健康委", "proactive", "",
       "数据比对|本人确认|发放", 5, 5, 20, "newborn"),
    _e("maternity_leave", "产假及生育保险待遇", "family", "医疗保障局", "proactive", "",
       "数据比对|本人确认|发放", 6, 5, 20, "newborn"),
    _e("divorce_registration", "离婚登记", "family", "民政局", "plain", ID + "|" + HK,
       "预约|冷静期|登记", 5, 30, 30, "married"),
    # 养老 (5)
    _e("pension_claim", "养老金申领", "retirement", "人力资源和社会保障局", "proactive", "",
       "到龄提醒|本人确认|发放", 8, 5, 20, "near_retirement"),
    _e("pension_qualification", "养老金领取资格认证", "retirement", "人力资源和社会保障局", "intelligent", "",
       "数据比对静默认证", 2, 0, 5, "retired"),
    _e("elderly_allowance", "高龄津贴申领", "retirement", "民政局", "proactive", "",
       "到龄提醒|本人确认|发放", 4, 5, 20, "retired"),
    _e("elderly_card", "老年优待证办理", "retirement", "民政局", "ecosystem", "",
       "网上申请|复用照片|电子证", 3, 0, 10, "retired"),
    _e("death_package", "身后一件事", "retirement", "民政局", "ecosystem", "死亡证明",
       "一次申请|户籍注销、社保停发、公积金提取联办", 15, 5, 30, "bereaved"),
]

SITUATIONS = {
    "unemployed": "失业", "employed": "在职", "migrant": "外来务工", "dog_owner": "养犬", "newborn": "家有新生儿",
    "child": "子女入学", "student": "在读学生", "graduate": "高校毕业生", "low_income": "困难家庭",
    "car_owner": "有车", "home_owner": "有房", "disabled": "残疾人", "single": "未婚", "married": "已婚",
    "near_retirement": "临近退休", "retired": "已退休", "bereaved": "家有亲人离世",
}

# Designated pet hospitals (犬只免疫、芯片植入和登记定点) a demo county offers for the one-visit booking.
PET_HOSPITALS = ("千岛湖爱宠动物医院", "淳安县畜牧兽医站动物诊疗所", "建德市新安江宠物医院")
