from zhili.core.scenes.base import SceneConfig


class DummySceneConfig(SceneConfig):
    """A scene that exists only in tests, declaring one of every resource type."""

    default = True
    name = "zhili.core.testing.dummy_scene"
    label = "dummy_scene"
    code = "dummy"
    scene_name = "测试场景"
    owner_department = "平台"
    url_prefix = "dummy"
