"""The table of what an app may declare: one row per file name, the name it must define, who registers it.

The loader goes down this table once at start-up, row by row, and for each row through every installed
Zhili app (core packages first, then the scenes, in INSTALLED_APPS order): roles are known before permissions,
menus and case types name them; URLs and API routers come last, once everything they use is registered.
A row without a registrar is a module that registers itself on import (events subscribe, permissions
declare rules, demo data registers its loader). Adding a kind of declaration is adding a row here.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Declaration:
    """``module`` (file name in the app), the ``name`` it must define, the dotted ``registrar`` that takes it."""

    module: str
    name: str = ""
    registrar: str = ""
    prefix: str = ""  # "url" or "api": the registrar also takes the app's page or API prefix
    files: str = ""  # a glob of data files in the app (e.g. YAML packs): the registrar takes their paths too
    finish: str = ""  # dotted callable run once after every app's declaration of this row is registered


DECLARATIONS: tuple[Declaration, ...] = (
    Declaration("roles", "ROLES", "zhili.core.identity.roles.register_module"),
    Declaration("events"),
    Declaration("permissions"),
    Declaration("navigation", "MENU", "zhili.core.scenes.registry.register_menu"),
    Declaration("datasets", "DATASETS", "zhili.core.datapool.registry.register_module"),
    Declaration("policies", "", "zhili.core.policy.registry.register_app", files="policy_packs/*.yaml",
                finish="zhili.core.policy.registry.build_registered"),
    Declaration("indicators", "INDICATOR_SYSTEMS", "zhili.core.indicators.registry.register_module"),
    Declaration("workflows", "CASE_TYPES", "zhili.core.cases.registry.register_module"),
    Declaration("sharing", "DOCUMENT_TYPES", "zhili.core.sharing.registry.register_module"),
    Declaration("dashboards"),
    Declaration("periodic", "PERIODIC_JOBS", "zhili.core.jobs.registry.register_module"),
    Declaration("workbench", "WORKBENCH", "zhili.core.ui.registry.register_module"),
    Declaration("help", "HELP", "zhili.core.ui.helpcentre.register_module"),
    Declaration("demo"),
    Declaration("endpoints", "router", "zhili.core.scenes.registry.register_router", prefix="api"),
    Declaration("urls", "urlpatterns", "zhili.core.scenes.registry.register_urls", prefix="url"),
)
