"""The base every scene's ``apps.py`` derives from."""

from dataclasses import dataclass

from django.apps import AppConfig


@dataclass(frozen=True)
class MenuItem:
    """One entry of a scene's menu (``navigation.py``): label, URL name, the roles that see it.

    ``department``: also shown to every department role (``identity.DEPARTMENT_ROLES``, scenes' included);
    ``group``: the heading it goes under in the left menu (default: the scene's name, or the core app's).
    An item with neither ``roles`` nor ``department`` is shown to everyone signed in.
    """

    label: str
    url_name: str
    roles: frozenset[str] = frozenset()
    icon: str = ""
    mobile: bool = False
    department: bool = False
    group: str = ""


class SceneConfig(AppConfig):
    """A scene's manifest: code, Chinese name, owner department, default settings.

    The loader imports the scene's declaration modules by file name (``events.py``, ``navigation.py``,
    ``datasets.py``, ``indicators.py``, ``workflows.py``, ``permissions.py``, ``dashboards.py``) and
    records what they declare in the scene registry.
    """

    default = False  # a scene's own config says ``default = True`` so Django picks it over this base
    code: str = ""
    scene_name: str = ""
    owner_department: str = ""
    description: str = ""
    default_settings: dict = {}
    url_prefix: str = ""

    def get_code(self) -> str:
        return self.code or self.label
