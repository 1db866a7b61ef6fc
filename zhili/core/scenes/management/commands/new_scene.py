"""Scaffold a whole scene from ``core/scenes/scaffold/``: ``manage.py new_scene street_lights --name 路灯报修``.

Writes ``zhili/scenes/CODE/`` (models, services, queries, permissions, roles, endpoints, datasets, indicators,
workflows, dashboards, periodic jobs, workbench, help, demo data, ``synth_CODE``, templates, migration, English
catalogue, tests), ``docs/scenes/CODE.md`` and ``bench/CODE.py``. Nothing shared is edited: the scene loader finds the rest.
"""

import keyword
import re
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

SCAFFOLD = Path(__file__).resolve().parents[2] / "scaffold"
MAX_CODE_LENGTH = 20  # role codes are CODE_applicant and must fit the 32 characters of Membership.role


def render(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace(f"[[{key}]]", value)
    return text


def planned_files(root: Path, values: dict[str, str]) -> list[tuple[Path, Path]]:
    """(template, destination) of every file the scene gets."""
    code = values["code"]
    files = [(SCAFFOLD / "docs" / "scene.md.tmpl", root / "docs" / "scenes" / f"{code}.md"),
             (SCAFFOLD / "bench" / "scene.py.tmpl", root / "bench" / f"{code}.py")]
    for template in sorted((SCAFFOLD / "scene").rglob("*.tmpl")):
        relative = render(str(template.relative_to(SCAFFOLD / "scene")), values).removesuffix(".tmpl")
        files.append((template, root / "zhili" / "scenes" / code / relative))
    return files


class Command(BaseCommand):
    help = "Create a whole scene (zhili/scenes/CODE, docs/scenes/CODE.md, bench/CODE.py) from the scaffold."

    def add_arguments(self, parser):
        parser.add_argument("code", help="英文标识，如 street_lights")
        parser.add_argument("--name", required=True, help="场景中文名称")
        parser.add_argument("--name-en", default="", help="English name (default: from the code)")
        parser.add_argument("--department", default="人力资源和社会保障局", help="牵头部门")
        parser.add_argument("--target", default=None, help="repository root (default: this project)")

    def handle(self, *args, code, name, name_en, department, target, **options):
        if not re.fullmatch(r"[a-z][a-z0-9_]*", code) or keyword.iskeyword(code) or len(code) > MAX_CODE_LENGTH:
            raise CommandError(f"场景标识只能包含小写字母、数字和下划线，以字母开头，不超过 {MAX_CODE_LENGTH} 个字符")
        if not name.strip():
            raise CommandError("请用 --name 给出场景中文名称")
        root = Path(target) if target else Path(settings.BASE_DIR)
        values = {"code": code, "Class": "".join(part.title() for part in code.split("_")), "name": name.strip(),
                  "name_en": name_en.strip() or code.replace("_", " ").title(), "department": department.strip()}
        files = planned_files(root, values)
        existing = [str(destination) for _, destination in files if destination.exists()]
        if existing or (root / "zhili" / "scenes" / code).exists():
            raise CommandError(f"场景 {code} 已存在：{', '.join(existing) or root / 'zhili' / 'scenes' / code}")
        for template, destination in files:
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_text(render(template.read_text(encoding="utf-8"), values), encoding="utf-8")
        self._compile_catalogue(root / "zhili" / "scenes" / code / "locale" / "en" / "LC_MESSAGES" / "django.po")
        self.stdout.write(self.style.SUCCESS(f"已创建场景 {code}（{name}），共 {len(files)} 个文件"))
        self.stdout.write(f"下一步：manage.py migrate；manage.py load_demo（登录 {code}_clerk / {code}_applicant）；"
                          f"pytest zhili/scenes/{code}。删除场景：删除 zhili/scenes/{code}/、docs/scenes/{code}.md、"
                          f"bench/{code}.py")

    def _compile_catalogue(self, po: Path) -> None:
        msgfmt = shutil.which("msgfmt")
        if msgfmt is None:
            self.stdout.write("msgfmt 不可用：英文目录未编译（运行 bin/i18n 编译）")
            return
        subprocess.run([msgfmt, "--check-format", "-o", str(po.with_suffix(".mo")), str(po)], check=True)  # noqa: S603
