from zhili.core.scenes.api import MenuItem

MENU = [
    MenuItem(label="劳动合同", url_name="labor_contract:list", roles=frozenset({"employer_admin", "seal_keeper"})),
    MenuItem(label="批量发约", url_name="labor_contract:batch_upload", roles=frozenset({"employer_admin"})),
    MenuItem(label="存量合同录入", url_name="labor_contract:existing_upload", roles=frozenset({"employer_admin"})),
    MenuItem(label="签署二维码", url_name="labor_contract:qr_sheet", roles=frozenset({"employer_admin"})),
    MenuItem(label="印章管理", url_name="labor_contract:seal_settings", roles=frozenset({"employer_admin", "seal_keeper"})),
    MenuItem(label="我的合同", url_name="labor_contract:mine", roles=frozenset({"worker"}), mobile=True),
    MenuItem(label="辖区劳动合同", url_name="labor_contract:region", roles=frozenset({"officer", "inspector"})),
    MenuItem(label="就业用工分析", url_name="labor_contract:analytics:cockpit", roles=frozenset({"officer", "inspector"})),
]
