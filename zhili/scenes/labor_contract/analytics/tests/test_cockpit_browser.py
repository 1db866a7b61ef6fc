"""The 驾驶舱 in Chromium: charts drawn, no JavaScript errors, a filter changes the numbers, an XLSX download."""


import openpyxl
import pytest

from zhili.core.testing.api import PASSWORD, pages

from .conftest import PERIOD


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_cockpit_draws_filters_and_exports(desktop_page, live_server, facts, county_officer, page_errors, tmp_path):
    page = desktop_page
    page.goto(f"{live_server.url}/accounts/login/password/")
    page.fill("#id_username", "officer_county")
    page.fill("#id_password", PASSWORD)
    page.click("#password-submit")

    # Given the county officer on the cockpit, with the hand-made set's period.
    page.goto(f"{live_server.url}/labor_contract/analytics/")
    page.fill("#filter-date_from", PERIOD["date_from"])
    page.fill("#filter-date_to", PERIOD["date_to"])
    page.dispatch_event("#filter-date_to", "change")
    page.wait_for_function("document.querySelector('#cockpit').getAttribute('aria-busy') === 'false'")
    page.wait_for_function("document.querySelector('[data-widget=headline] .kpi-value')?.textContent === '40'")
    pages.assert_fits(page)
    pages.assert_accessible(page)  # the cockpit as drawn: panels, charts' tables, filters

    # Then every chart panel has an ECharts canvas, and the red index is marked.
    chart_panels = page.locator("#cockpit [data-widget] .chart").count()
    drawn = page.locator("#cockpit [data-widget] .chart canvas").count()
    assert chart_panels >= 18
    assert drawn == chart_panels
    assert page.get_attribute("[data-widget=unsigned]", "data-level") == "red"
    # No chart plots the total row (合计) as a category: the tables show it, the pies and bars do not.
    plotted = page.evaluate("""() => Array.from(document.querySelectorAll('#cockpit [data-widget] .chart')).map(el => {
        const option = window.echarts.getInstanceByDom(el).getOption(); const names = [];
        (option.xAxis || []).concat(option.yAxis || []).forEach(a => (a.data || []).forEach(n => names.push(String(n))));
        (option.series || []).forEach(s => { if (s.type === 'pie') s.data.forEach(d => names.push(d.name)); });
        return names; }).flat()""")
    assert plotted and "合计" not in plotted
    assert "合计" in page.text_content("[data-widget=wage_bands] table")  # the table (folded) keeps it

    # When the industry filter is set to F, the headline number follows.
    page.select_option("#filter-industry", "F")
    page.wait_for_function("document.querySelector('[data-widget=headline] .kpi-value')?.textContent === '15'")

    # When a town is clicked in the ranking, the cockpit drills down to it.
    page.select_option("#filter-industry", "")
    page.wait_for_function("document.querySelector('[data-widget=headline] .kpi-value')?.textContent === '40'")
    page.click("[data-widget=region_ranking] tr.drill >> text=洋溪街道")
    page.wait_for_function("document.querySelector('[data-widget=headline] .kpi-value')?.textContent === '15'")
    assert page.input_value("#filter-region") == "330182002000"

    # And the table of a panel downloads as an XLSX that opens.
    with page.expect_download() as download_info:
        page.click("[data-widget=wage_bands] a.export")
    path = tmp_path / "wage_bands.xlsx"
    download_info.value.save_as(path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == "月工资分布"
    assert [c.value for c in sheet[2]] == ["类别", "人数", "占比"]
    assert page_errors == []
