"""What an enterprise should do when a control point fires (整改指引), shown on its own colour-code page."""

from .indicators import LABOR_RISK

ADVICE = {
    "unsigned_contracts": "自用工之日起一个月内与劳动者订立书面劳动合同，可通过电子劳动合同一键发约补签。",
    "missing_filings": "招用人员之日起30日内办理就业登记（用工备案）。",
    "headcount_drop": "核对减员原因，依法办理解除或终止手续并结清工资、经济补偿。",
    "dispatch_over_cap": "将被派遣劳动者比例降至用工总量的10%以内，并向人社部门报送调整方案。",
    "excess_overtime": "与工会和劳动者协商安排加班，每月加班不超过36小时，并足额支付加班工资。",
    "wage_arrears": "立即足额支付拖欠工资；确有困难的，向属地人社部门报告并提交清偿计划（不超过一个月）。",
    "wage_complaints": "核实欠薪投诉，与劳动者对账并在限期内支付，向监察机构反馈处理结果。",
    "below_minimum_wage": "将工资调整到不低于当地最低工资标准（不含加班工资和特殊津贴）。",
    "late_payroll": "按约定日期足额发放工资，遇节假日提前支付。",
    "wage_account_shortfall": "按合同约定的人工费用数额和周期足额拨付至农民工工资专用账户。",
    "insurance_arrears": "尽快补缴社会保险费及滞纳金（每日万分之五）。",
    "persistent_arrears": "与社保经办机构制定补缴计划，避免连续欠缴。",
    "coverage_gap": "为全部职工自用工之日起30日内办理社会保险登记。",
    "employee_disputes": "建立内部协商机制，积极参与仲裁调解，依法履行生效裁决和判决。",
    "collective_disputes": "与职工代表或工会协商解决集体诉求，必要时申请属地调解组织介入。",
    "complaints_petitions": "逐件核实投诉信访事项并答复，整改存在的问题。",
    "inspection_penalties": "按劳动保障监察责令改正事项完成整改，并报送整改情况。",
    "safety_accidents": "落实安全生产责任制，完成事故调查报告提出的整改措施。",
    "work_injuries": "排查工伤隐患，为职工参加工伤保险，依法支付工伤待遇。",
    "safety_environment_penalties": "履行安全生产和环境保护行政处罚决定，完成整改并申请信用修复。",
    "utility_arrears": "结清水、电、气欠费；经营困难的可申请纾困政策并主动向属地报告。",
    "electricity_drop": "如停产、减产，请提前向属地报告，依法安置职工并按时发放工资或生活费。",
    "tax_arrears": "按期缴纳税款，欠税的申请延期缴纳或分期计划。",
    "illegal_operation": "按时报送年度报告、履行处罚决定，申请移出经营异常名录。",
    "debt_risk": "履行生效法律文书，与债权人协商还款，防止资金链断裂影响工资支付。",
    "union_mediation": "依法组建工会和劳动争议调解委员会（可联合建会、区域性调解组织）。",
    "credit_grade_c": "完成守法诚信等级评价指出的违法行为整改，申请重新评价。",
}


def control_point_of() -> dict[str, tuple[str, str]]:
    """Indicator code → (control point code, control point name)."""
    return {indicator.code: (point.code, point.name) for dimension in LABOR_RISK.dimensions
            for point in dimension.control_points for indicator in point.indicators}


def advice_for(fired: list[dict]) -> list[dict]:
    """One line of advice per control point that fired, in the order they fired."""
    points = control_point_of()
    seen, lines = set(), []
    for item in fired:
        code, name = points[item["indicator"]]
        if code not in seen:
            seen.add(code)
            lines.append({"control_point": name, "advice": ADVICE[code]})
    return lines
