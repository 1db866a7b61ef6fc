"""Top-level URLs: core pages, the JSON API, the admin and each installed scene under its code."""

from django.contrib import admin
from django.urls import include, path

from zhili import views
from zhili.api import api
from zhili.core.scenes.registry import url_modules

admin.site.site_header = "治理平台管理后台"
admin.site.site_title = "治理平台"
admin.site.index_title = "平台管理"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]


# Each core package's and each scene's ``urls.py``, found by the scene loader: core under its label, a scene
# under its code (identity under accounts/).
urlpatterns += [path(f"{prefix}/", include(module)) for prefix, module in url_modules.items()]
