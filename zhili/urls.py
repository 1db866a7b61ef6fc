"""Top-level URLs: core pages, the JSON API, the admin and each installed scene under its code."""

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
    path("notify/", include("zhili.core.notify.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

for config in apps.get_app_configs():
    if isinstance(config, SceneConfig):
        urlpatterns.append(path(f"{config.url_prefix or config.get_code()}/", include(f"{config.name}.urls")))
