"""The 人大代表履职 cockpit (驾驶舱) on core.dashboards: opinions by state, class and station, satisfaction."""

from zhili.core.dashboards.api import cockpit_views

from .. import analysis

# The cockpit page, its JSON data and the XLSX export of one analysis (core.dashboards.cockpit_views).
cockpit, cockpit_data, cockpit_export = cockpit_views(
    "deputy_duty.overview", permission="deputy_duty.cockpit.view",
    analyses=lambda request: analysis.cockpit_analyses(request.user))
