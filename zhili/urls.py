"""Top-level URLs: core pages, the JSON API, the admin and each installed scene under its code."""

import importlib.util

from django.apps import apps
from django.contrib import admin
from django.urls import include, path

from zhili import views
from zhili.api import api
from zhili.core.scenes.base import SceneConfig

admin.site.site_header = "治理平台管理后台"
admin.site.site_title = "治理平台"
admin.site.index_title = "平台管理"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("zhili.core.identity.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]


def _app_urls():
    """Mount each core package's and each scene's ``urls.py``: core under its label, a scene under its code."""
    for config in apps.get_app_configs():
        if not config.name.startswith("zhili.") or config.label == "identity":
            continue
        if importlib.util.find_spec(f"{config.name}.urls") is None:
            continue
        prefix = config.url_prefix or config.get_code() if isinstance(config, SceneConfig) else config.label
        yield path(f"{prefix}/", include(f"{config.name}.urls"))


urlpatterns += list(_app_urls())
