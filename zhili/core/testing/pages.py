"""Helpers for Playwright journeys on the workbench layout (used with the session's ``phone_page``/``desktop_page``).

``sign_in(page, live_server, username)`` signs a persona in with its password; ``assert_fits(page)`` fails when the
page scrolls sideways (the layout must fit 360 px and up); ``open_menu(page)`` opens the left menu on a phone (it
is collapsed under the toggler there) and ``menu_labels(page)`` reads its entries. ``assert_accessible(page)`` runs
axe-core on the page and fails on a serious or critical violation (``accessibility_violations`` lists them).
"""

from .personas import PASSWORD


def sign_in(page, live_server, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{live_server.url}/accounts/login/password/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("#password-submit")
    page.wait_for_selector(".zl-topbar .zl-logout")


def horizontal_overflow(page) -> int:
    """How many CSS pixels the document is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def assert_fits(page) -> None:
    overflow = horizontal_overflow(page)
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px"


def open_menu(page) -> None:
    """Open the left menu when it is collapsed (phones); do nothing when it is already shown (desktops)."""
    if page.is_visible("#sidebar-menu"):
        return
    page.click(".zl-menu-toggle")
    page.wait_for_selector("#sidebar-menu.show")


def menu_labels(page) -> list[str]:
    return [text.strip() for text in page.locator("#sidebar-menu .nav-link").all_inner_texts()]


# axe-core's impact levels, least to most severe; a journey fails on "serious" and "critical" ones.
SERIOUS = ("serious", "critical")


def accessibility_violations(page, *, impacts=SERIOUS) -> list[dict]:
    """What axe-core (vendored from npm by ``install_assets``, served as ``vendor/axe.min.js``) finds on the page
    as it stands, WCAG 2 A/AA and best practice, kept to ``impacts``: ``[{"id", "impact", "help", "targets"}]``."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        origin = page.evaluate("location.origin")
        page.add_script_tag(url=f"{origin}/static/vendor/axe.min.js")
    # Colours are judged as they settle, not halfway through a transition: a button just clicked (the pointer still
    # on it) fades to its hover colours over 0.3 s, and axe measured a mix of both in one CI run and not in the other.
    page.evaluate("""() => {
        if (document.getElementById('zl-axe-settled')) return;
        const style = document.createElement('style');
        style.id = 'zl-axe-settled';
        style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
        document.head.appendChild(style);
        void document.body.offsetHeight;
    }""")
    found = page.evaluate(
        """async () => {
            const result = await window.axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                               targets: v.nodes.slice(0, 5).map(n => n.target.join(" "))}));
        }"""
    )
    return [v for v in found if v["impact"] in impacts]


def assert_accessible(page, *, impacts=SERIOUS) -> None:
    """Fail, naming each rule and where it failed, when axe-core finds a serious or critical violation."""
    found = accessibility_violations(page, impacts=impacts)
    assert not found, f"{page.url}: " + "; ".join(f"{v['impact']} {v['id']} ({v['help']}) at {v['targets']}"
                                                  for v in found)
