"""The one loader: read every installed app's declaration modules once and hand each to its registry.

``DECLARATIONS`` (``declarations.py``) says which file names exist, what each must define and which registry
takes it. A declaration that fails to import, lacks the name it must define, or is refused by its registry
stops start-up with ``DeclarationError`` naming the scene (or core app) and the file.
"""

import importlib
import importlib.util
from pathlib import Path

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from zhili.core.foundation import events

from .base import SceneConfig
from .declarations import DECLARATIONS, Declaration
from .registry import scenes

# Core apps whose URLs are not under their label.
URL_PREFIXES = {"identity": "accounts", "ui": "help"}

_loaded = False


class DeclarationError(ImproperlyConfigured):
    """A scene's (or core app's) declaration module is missing what it must define, or broken."""


def zhili_apps() -> list[AppConfig]:
    """Every installed Zhili app (core packages and scenes), in INSTALLED_APPS order."""
    return [config for config in apps.get_app_configs() if config.name.startswith("zhili.") and config.name != "zhili"]


def owner(config: AppConfig) -> tuple[str, str]:
    """(code, description) of an app for registries and error messages: ``场景 labor_risk`` or ``核心应用 cases``."""
    if isinstance(config, SceneConfig):
        return config.get_code(), f"场景 {config.get_code()}"
    return config.label, f"核心应用 {config.label}"


def url_prefix(config: AppConfig) -> str:
    """Where an app's pages are mounted: a scene under its code, a core app under its label (identity: accounts)."""
    if isinstance(config, SceneConfig):
        return config.url_prefix or config.get_code()
    return URL_PREFIXES.get(config.label, config.label)


def api_prefix(config: AppConfig) -> str:
    """Where an app's router is mounted under /api/v1/: a scene under its code, a core app under its label."""
    return config.get_code() if isinstance(config, SceneConfig) else config.label


def _file(config: AppConfig, declaration: Declaration) -> str:
    path = Path(config.path) / f"{declaration.module}.py"
    try:
        return str(path.relative_to(Path(apps.get_app_config("scenes").path).parents[2]))
    except ValueError:
        return str(path)


def load_declaration(config: AppConfig, declaration: Declaration) -> None:
    """Import ``<app>.<module>`` if the app has one and hand what it defines (and its data files) to the registrar."""
    module_name = f"{config.name}.{declaration.module}"
    files = sorted(Path(config.path).glob(declaration.files)) if declaration.files else []
    has_module = importlib.util.find_spec(module_name) is not None
    if not has_module and not files:
        return
    code, who = owner(config)
    where = _file(config, declaration)
    module = None
    if has_module:
        try:
            module = importlib.import_module(module_name)
        except Exception as exc:
            raise DeclarationError(f"{who} 的声明文件 {where} 无法加载：{exc!r}") from exc
    if not declaration.registrar:
        return
    if declaration.name and not hasattr(module, declaration.name):
        raise DeclarationError(f"{who} 的声明文件 {where} 缺少 {declaration.name}")
    options = {"scene": code}
    if declaration.prefix:
        options["prefix"] = url_prefix(config) if declaration.prefix == "url" else api_prefix(config)
    if declaration.files:
        options["files"] = files
    try:
        import_string(declaration.registrar)(module, **options)
    except Exception as exc:
        what = declaration.name or "声明"
        raise DeclarationError(f"{who} 的声明文件 {where} 中的 {what} 无效：{exc}") from exc


def finish_declaration(declaration: Declaration) -> None:
    """Run a row's ``finish`` step (checks that need every app's declarations, e.g. a policy domain's packs)."""
    if not declaration.finish:
        return
    try:
        import_string(declaration.finish)()
    except Exception as exc:
        raise DeclarationError(f"{declaration.module} 声明无效：{exc}") from exc


def load_scenes() -> None:
    """Register every installed SceneConfig, then load every declaration, row by row of DECLARATIONS (once)."""
    global _loaded
    if _loaded:
        return
    installed = zhili_apps()
    for config in installed:
        if isinstance(config, SceneConfig):
            scenes.register(config.get_code(), config)
    for declaration in DECLARATIONS:
        for config in installed:
            load_declaration(config, declaration)
        finish_declaration(declaration)
    _loaded = True
    events.freeze()
