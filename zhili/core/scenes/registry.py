"""What the loaded scenes declare."""

from zhili.core.foundation.registry import Registry

scenes = Registry("scenes")
menus = Registry("menus")
resources = Registry("scene resources")

RESOURCE_MODULES = ("events", "navigation", "permissions", "datasets", "indicators", "workflows", "dashboards")
