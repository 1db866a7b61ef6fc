"""``manage.py new_scene`` writes a whole scene that passes the project's checks and its own tests."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from zhili.core.scenes.management.commands.new_scene import planned_files

ROOT = Path(settings.BASE_DIR)
# Tools' caches are skipped when copying and when comparing: lint-imports and ruff write theirs in the copy.
CACHES = {"__pycache__", ".pytest_cache", ".ruff_cache", ".grimp_cache", ".import_linter_cache", ".hypothesis"}
SKIPPED = {".venv", "node_modules", "var", ".git", *CACHES}


def test_new_scene_plans_the_shape_of_a_finished_scene(tmp_path):
    files = {str(d.relative_to(tmp_path)) for _, d in planned_files(tmp_path, {"code": "street_lights"})}
    scene = "zhili/scenes/street_lights/"
    for name in ("apps.py", "roles.py", "models.py", "services.py", "queries.py", "permissions.py", "endpoints.py",
                 "datasets.py", "indicators.py", "workflows.py", "dashboards.py", "periodic.py", "demo.py",
                 "navigation.py", "workbench.py", "help.py", "rules.py", "policies.py", "migrations/0001_initial.py",
                 "management/commands/synth_street_lights.py", "templates/street_lights/item_list.html",
                 "locale/en/LC_MESSAGES/django.po", "tests/test_services.py", "tests/test_permissions.py",
                 "tests/test_browser.py"):
        assert scene + name in files, name
    assert {"docs/scenes/street_lights.md", "bench/street_lights.py"} <= files


def test_new_scene_refuses_a_bad_code_and_an_existing_scene(tmp_path):
    for code in ("Wage-Guard", "class", "a_code_far_longer_than_twenty"):
        with pytest.raises(CommandError):
            call_command("new_scene", code, "--name", "x", "--target", str(tmp_path))
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / "street_lights.py").write_text("keep me")
    with pytest.raises(CommandError, match="已存在"):
        call_command("new_scene", "street_lights", "--name", "路灯报修", "--target", str(tmp_path))
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["bench", "street_lights.py"]


def _skipped(folder: str, names: list[str]) -> list[str]:
    """What the copy leaves out: tool folders, and what test runs leave in the root (git ignores both)."""
    at_root = Path(folder) == ROOT
    return [n for n in names if n in SKIPPED or (at_root and (n.startswith("test_") or n == "spark-warehouse"))]


def _run(copy: Path, *command: str, **extra_env: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(copy), "ZHILI_DATABASE_URL": f"sqlite:///{copy}/var/test.sqlite3",
           **extra_env}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("ZHILI_TEST_DATABASE_NAME", None)  # the copy runs as a fresh checkout does (a named one lands in its root)
    result = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, timeout=1500)  # noqa: S603
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result.stdout


@pytest.mark.slow
@pytest.mark.browser
def test_a_generated_scene_passes_ruff_the_contracts_the_migrations_check_and_its_own_tests(tmp_path):
    """Generate a scene into a copy of the repository; everything the CI checks passes there; deleting the
    scene's folder, page and benchmark leaves the copy as it was."""
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=_skipped)
    (copy / "var").mkdir()
    before = sorted(str(p.relative_to(copy)) for p in copy.rglob("*"))
    bin_dir = Path(sys.executable).parent
    python = str(bin_dir / "python")

    _run(copy, python, "manage.py", "new_scene", "street_lights", "--name", "路灯报修", "--department", "城市管理局")
    _run(copy, str(bin_dir / "ruff"), "check", ".")
    contracts = _run(copy, str(bin_dir / "lint-imports"))
    assert " kept, 0 broken." in contracts and "BROKEN" not in contracts
    assert "No changes detected" in _run(copy, python, "manage.py", "makemigrations", "--check", "--dry-run",
                                         ZHILI_TESTING="1")
    tests = _run(copy, python, "-m", "pytest", "-q", "-p", "no:randomly", "zhili/scenes/street_lights",
                 "tests/test_import_graph.py")
    assert "13 passed" in tests  # the scene's 10 (services, workbench, permissions, demo, a Chromium journey), the graph's 3

    shutil.rmtree(copy / "zhili" / "scenes" / "street_lights")
    (copy / "docs" / "scenes" / "street_lights.md").unlink()
    (copy / "bench" / "street_lights.py").unlink()
    after = sorted(str(p.relative_to(copy)) for p in copy.rglob("*")
                   if not CACHES & set(p.parts) and p.parts[len(copy.parts)] != "var")
    assert after == [p for p in before if not p.startswith("var")]
