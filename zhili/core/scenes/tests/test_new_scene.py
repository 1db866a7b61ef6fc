import ast

from django.core.management import call_command


def test_new_scene_writes_the_standard_layout(tmp_path):
    call_command("new_scene", "wage_guard", "--name", "欠薪治理", "--department", "人社局", "--target", str(tmp_path))
    scene = tmp_path / "wage_guard"
    for name in ("apps.py", "models.py", "services.py", "queries.py", "api.py", "views.py", "urls.py", "forms.py",
                 "admin.py", "events.py", "permissions.py", "navigation.py", "migrations/__init__.py",
                 "templates/wage_guard/index.html", "tests/test_wage_guard.py"):
        assert (scene / name).exists(), name
    apps_source = (scene / "apps.py").read_text(encoding="utf-8")
    ast.parse(apps_source)
    assert 'scene_name = "欠薪治理"' in apps_source and "class WageGuardConfig(SceneConfig)" in apps_source
    for path in scene.rglob("*.py"):
        ast.parse(path.read_text(encoding="utf-8"))


def test_new_scene_refuses_a_bad_code(tmp_path):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("new_scene", "Wage-Guard", "--name", "x", "--target", str(tmp_path))
    assert list(tmp_path.iterdir()) == []
