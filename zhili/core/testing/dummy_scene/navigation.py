from zhili.core.scenes.base import MenuItem

MENU = [MenuItem(label="测试文档", url_name="dummy_scene:list", roles=frozenset({"officer"}))]
