"""Scaffold a scene with the standard layout: ``manage.py new_scene wage_guard --name 欠薪治理``."""

import keyword
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

FILES = {
    "__init__.py": "",
    "apps.py": '''from zhili.core.scenes.base import SceneConfig


class {class_name}Config(SceneConfig):
    """{scene_name}."""

    default = True
    name = "zhili.scenes.{code}"
    label = "{code}"
    code = "{code}"
    scene_name = "{scene_name}"
    owner_department = "{department}"
''',
    "choices.py": '"""Choice sets of the {scene_name} scene."""\n',
    "models.py": '"""Models of the {scene_name} scene."""\n',
    "services.py": '"""Every change of state in the {scene_name} scene: verb_noun(..., *, actor), atomic and audited."""\n',
    "queries.py": '"""Reads of the {scene_name} scene."""\n',
    "api.py": '"""What core and other code may call in the {scene_name} scene (scenes never import each other)."""\n',
    "forms.py": '"""Forms of the {scene_name} scene."""\n',
    "admin.py": '"""Admin of the {scene_name} scene."""\n',
    "events.py": '"""Event handlers of the {scene_name} scene (subscribed at start-up)."""\n',
    "permissions.py": '"""Permission rules of the {scene_name} scene."""\n',
    "navigation.py": '''"""The {scene_name} scene's menu."""

from zhili.core.scenes.base import MenuItem

MENU = [MenuItem(label="{scene_name}", url_name="{code}:index")]
''',
    "views.py": '''from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def index(request):
    return render(request, "{code}/index.html", {{}})
''',
    "urls.py": '''from django.urls import path

from . import views

app_name = "{code}"
urlpatterns = [path("", views.index, name="index")]
''',
    "templates/{code}/index.html": '''{{% extends "base/base.html" %}}
{{% block title %}}{scene_name}{{% endblock %}}
{{% block content %}}<h1>{scene_name}</h1>{{% endblock %}}
''',
    "migrations/__init__.py": "",
    "tests/__init__.py": "",
    "tests/test_{code}.py": '''def test_the_scene_page_needs_a_login(client, db):
    assert client.get("/{code}/").status_code == 302
''',
}


class Command(BaseCommand):
    help = "Create a new scene under zhili/scenes/ with the standard files."

    def add_arguments(self, parser):
        parser.add_argument("code", help="英文标识，如 wage_guard")
        parser.add_argument("--name", required=True, help="场景中文名称")
        parser.add_argument("--department", default="", help="牵头部门")
        parser.add_argument("--target", default=None, help="scenes directory (default: zhili/scenes)")

    def handle(self, *args, code, name, department, target, **options):
        if not re.fullmatch(r"[a-z][a-z0-9_]*", code) or keyword.iskeyword(code):
            raise CommandError("场景标识只能包含小写字母、数字和下划线，且以字母开头")
        root = Path(target) if target else Path(settings.BASE_DIR) / "zhili" / "scenes"
        scene_dir = root / code
        if scene_dir.exists():
            raise CommandError(f"场景目录已存在：{scene_dir}")
        values = {"code": code, "scene_name": name, "department": department,
                  "class_name": "".join(part.capitalize() for part in code.split("_"))}
        for relative, template in FILES.items():
            path = scene_dir / relative.format(**values)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(template.format(**values), encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"已创建场景 {name}（{code}）：{scene_dir}"))
