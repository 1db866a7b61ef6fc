"""What the loaded scenes and apps declare that belongs to no other core package: manifests, menus, routes."""

from types import ModuleType

from zhili.core.foundation.registry import Registry

scenes = Registry("scenes")
menus = Registry("menus")
url_modules = Registry("url modules")
api_routers = Registry("API routers")


def register_menu(module: ModuleType, *, scene: str = "") -> list:
    """Register a ``navigation.py``'s ``MENU`` under its scene's code."""
    return menus.register(scene, list(module.MENU))


def register_urls(module: ModuleType, *, scene: str = "", prefix: str = "") -> ModuleType:
    """Record a ``urls.py`` to be mounted under ``prefix/`` by the project's URLconf."""
    if not isinstance(getattr(module, "urlpatterns", None), list | tuple):
        raise TypeError("urlpatterns 必须是列表")
    return url_modules.register(prefix, module.__name__)


def register_router(module: ModuleType, *, scene: str = "", prefix: str = ""):
    """Record an ``endpoints.py``'s ``router`` to be mounted under ``/api/v1/prefix/``."""
    return api_routers.register(prefix, module.router)
