"""Loading official code lists: counts, idempotency, parent links, paths, and bad rows."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zhili.core.foundation.models import AuditEntry
from zhili.core.orgs import loaders, services
from zhili.core.orgs.models import Industry, Region

pytestmark = pytest.mark.django_db


def _run(command, *args):
    from io import StringIO

    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_zhejiang_list_loads_province_cities_counties_and_jiande_towns():
    output = _run("load_regions", str(loaders.ZHEJIANG_REGIONS_CSV))

    assert "新增 118，更新 0，未变 0" in output
    assert Region.objects.filter(level="province").count() == 1
    assert Region.objects.filter(level="city").count() == 11
    assert Region.objects.filter(level="county").count() == 90
    assert Region.objects.filter(level="town", parent__code="330182").count() == 16
    jiande = Region.objects.get(code="330182")
    assert (jiande.name, jiande.parent.code, jiande.path) == ("建德市", "330100", "/330000/330100/330182/")
    town = Region.objects.get(code="330182001000")
    assert (town.name, town.level, town.path) == ("新安江街道", "town", "/330000/330100/330182/330182001000/")


def test_loading_the_same_list_twice_changes_nothing():
    _run("load_regions", str(loaders.ZHEJIANG_REGIONS_CSV))
    stamps = dict(Region.objects.values_list("code", "updated_at"))
    audits = AuditEntry.objects.count()

    output = _run("load_regions", str(loaders.ZHEJIANG_REGIONS_CSV))

    assert "新增 0，更新 0，未变 118" in output
    assert dict(Region.objects.values_list("code", "updated_at")) == stamps
    assert AuditEntry.objects.count() == audits


def test_level_and_parent_are_derived_when_missing(tmp_path):
    path = tmp_path / "beijing.csv"
    path.write_text("code,name,level,parent_code\n110000000000,北京市,,\n110101,东城区,,\n110101001000,东华门街道,,\n"
                    "110101001001,多福巷社区居委会,,\n", encoding="utf-8")

    _run("load_regions", str(path))

    district = Region.objects.get(code="110101")
    assert (district.level, district.parent.code, district.path) == ("county", "110000", "/110000/110101/")
    town = Region.objects.get(code="110101001000")
    assert (town.level, town.parent.code) == ("town", "110101")
    village = Region.objects.get(code="110101001001")
    assert (village.level, village.parent.code, village.path) == (
        "village", "110101001000", "/110000/110101/110101001000/110101001001/")


def test_a_renamed_and_moved_region_is_updated_with_its_descendants(tmp_path):
    _run("load_regions", str(loaders.ZHEJIANG_REGIONS_CSV))
    path = tmp_path / "change.csv"
    path.write_text("code,name,level,parent_code\n330182,建德市（测试）,county,330000\n", encoding="utf-8")

    output = _run("load_regions", str(path))

    assert "新增 0，更新 1，未变 0" in output
    assert Region.objects.get(code="330182").path == "/330000/330182/"
    assert Region.objects.get(code="330182109000").path == "/330000/330182/330182109000/"
    assert AuditEntry.objects.filter(action="orgs.regions.imported").count() == 2


def test_bad_rows_are_all_reported_with_line_numbers_and_nothing_is_written(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("code,name,level,parent_code\n330000,浙江省,,\n33018,短代码,,\n330100,,city,\n"
                    "330000,重复,,\n330182,建德市,county,990000\n", encoding="utf-8")

    with pytest.raises(CommandError) as raised:
        _run("load_regions", str(path))

    message = str(raised.value)
    assert "第 3 行：区划代码“33018”应为 6 位或 12 位数字（GB/T 2260）" in message
    assert "第 4 行：名称不能为空" in message
    assert "第 5 行：区划代码 330000 与第 2 行重复" in message
    assert "第 6 行：上级代码 990000 不在代码表或数据库中" in message
    assert Region.objects.count() == 0


def test_a_missing_file_is_a_clear_error():
    with pytest.raises(CommandError, match="找不到文件"):
        _run("load_regions", "/nonexistent/regions.csv")


def test_industries_load_all_20_sections_and_97_divisions_once():
    first = _run("load_industries")
    second = _run("load_industries")

    assert "新增 117，更新 0，未变 0" in first
    assert "新增 0，更新 0，未变 117" in second
    assert Industry.objects.filter(parent__isnull=True).count() == 20
    assert Industry.objects.filter(parent__isnull=False).count() == 97
    assert sorted(Industry.objects.filter(parent__isnull=False).values_list("code", flat=True)) == [
        f"{n:02d}" for n in range(1, 98)]
    assert Industry.objects.get(code="34").parent.code == "C"
    assert Industry.objects.get(code="72").name == "商务服务业"
    assert Industry.objects.get(code="97").parent.name == "国际组织"


def test_an_industry_division_without_parent_gets_its_section_from_the_standard():
    report = services.import_industries([(2, {"code": "C", "name": "制造业"}), (3, {"code": "34", "name": "通用设备制造业"}),
                                         (4, {"code": "341", "name": "锅炉及原动设备制造"})])

    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    assert Industry.objects.get(code="34").parent.code == "C"
    assert Industry.objects.get(code="341").parent.code == "34"


def test_region_level_follows_the_code():
    assert [loaders.region_level(c) for c in ("330000", "330100", "330182", "330182001000", "330182001001")] == [
        "province", "city", "county", "town", "village"]
