"""What a scene uses from core.scenes: its manifest base, its menu entries and its demo data.

``SceneConfig`` is the base of a scene's ``apps.py`` (code, Chinese name, owner department); ``MenuItem`` is one
entry of its ``navigation.py`` (``MENU = [...]``).
Demo data: a scene's ``demo.py`` calls ``register_demo(code, load)``; ``load(report)`` is idempotent, adds its
logins to ``report.logins`` and returns lines to print. The shared demo county and enterprises:
``COUNTY_CODE``, ``ENTERPRISES``, ``enterprise_usccs``, ``worker_specs``, ``DemoReport``.
"""

from .base import MenuItem, SceneConfig
from .demo import COUNTY_CODE, ENTERPRISES, DemoReport, enterprise_usccs, register_demo, worker_specs

__all__ = ["COUNTY_CODE", "ENTERPRISES", "DemoReport", "MenuItem", "SceneConfig", "enterprise_usccs", "register_demo",
           "worker_specs"]
