"""Reading an aerial survey's result file into ``(line, plot_code, land_use)`` rows for ``services.record_survey``.

Accepted: GeoJSON (a FeatureCollection whose features carry the plot code and the class in their properties) and a
zipped ESRI shapefile (.shp, .shx, .dbf, read with pyshp). The code is read from ``plot_code`` / ``DKBM`` (地块编码,
the land-register field name) / ``code``; the class from ``land_use`` / ``class`` / ``SXLX`` (属性类型), either as the
scene's value (``grain``) or its Chinese name (``种粮``, ``粮``, ``非粮`` …). A line is the feature's or record's number,
counting from 1.
"""

import io
import json
import zipfile

import shapefile
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .choices import LandUse

CODE_FIELDS = ("plot_code", "DKBM", "dkbm", "code")
CLASS_FIELDS = ("land_use", "class", "SXLX", "sxlx")
MAX_BYTES = 200 * 1024 * 1024
NAMES = {str(choice.label): choice.value for choice in LandUse} | {
    "粮": LandUse.GRAIN, "粮食": LandUse.GRAIN, "非粮": LandUse.NON_GRAIN, "农": LandUse.NON_GRAIN,
    "非农": LandUse.NON_AGRICULTURAL, "季节性抛荒": LandUse.SEASONAL_ABANDONED, "常年抛荒": LandUse.PERENNIAL_ABANDONED,
    "长年抛荒": LandUse.PERENNIAL_ABANDONED, "设施农业": LandUse.FACILITY, "畜牧": LandUse.LIVESTOCK,
}


def _pick(properties: dict, names: tuple[str, ...]) -> str:
    for name in names:
        value = properties.get(name)
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _row(line: int, properties: dict) -> tuple[int, str, str]:
    raw = _pick(properties, CLASS_FIELDS)
    return line, _pick(properties, CODE_FIELDS), NAMES.get(raw, raw)


def read_geojson(content: bytes) -> list[tuple[int, str, str]]:
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError({"file": _("不是有效的 GeoJSON：{why}").format(why=exc)}, code="format") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ValidationError({"file": _("GeoJSON 须为 FeatureCollection")}, code="format")
    return [_row(line, feature.get("properties") or {})
            for line, feature in enumerate(data.get("features") or [], start=1)]


def read_shapefile_zip(content: bytes) -> list[tuple[int, str, str]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = {name.lower().rsplit(".", 1)[-1]: name for name in archive.namelist() if "." in name}
        if not {"shp", "dbf"} <= set(names):
            raise ValidationError({"file": _("压缩包内须有同名的 .shp 和 .dbf 文件")}, code="format")
        encoding = archive.read(names["cpg"]).decode("ascii").strip() if "cpg" in names else "utf-8"
        reader = shapefile.Reader(shp=io.BytesIO(archive.read(names["shp"])),
                                  dbf=io.BytesIO(archive.read(names["dbf"])),
                                  shx=io.BytesIO(archive.read(names["shx"])) if "shx" in names else None,
                                  encoding={"936": "gbk", "GBK": "gbk"}.get(encoding, encoding or "utf-8"))
        fields = [f[0] for f in reader.fields[1:]]
        return [_row(line, dict(zip(fields, record, strict=True)))
                for line, record in enumerate(reader.iterRecords(), start=1)]
    except (zipfile.BadZipFile, shapefile.ShapefileException, UnicodeDecodeError, LookupError) as exc:
        raise ValidationError({"file": _("无法读取 Shapefile 压缩包：{why}").format(why=exc)}, code="format") from None


def read_survey_file(name: str, content: bytes) -> list[tuple[int, str, str]]:
    """The rows of a survey file, by its extension (.geojson/.json or .zip of a shapefile)."""
    if len(content) > MAX_BYTES:
        raise ValidationError({"file": _("文件超过 200 MB")}, code="too_large")
    lower = (name or "").lower()
    if lower.endswith((".geojson", ".json")):
        return read_geojson(content)
    if lower.endswith(".zip"):
        return read_shapefile_zip(content)
    raise ValidationError({"file": _("只接受 GeoJSON（.geojson）或压缩的 Shapefile（.zip）")}, code="format")
