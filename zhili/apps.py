"""The project app: listed last so that its ready() runs once every other app is ready."""

from django.apps import AppConfig


class ZhiliConfig(AppConfig):
    """Freeze the registries after every app and scene has registered what it declares."""

    name = "zhili"
    verbose_name = "治理平台"

    def ready(self):
        from zhili.core.foundation.registry import freeze_all
        from zhili.core.scenes.loader import load_scenes

        load_scenes()
        freeze_all()
