"""Realistic synthetic data for the 浙农补 scene: farmers with valid ID numbers and 一卡通 cards, plots as irregular
polygons tiled across each town (no two farmers' plots overlap unless planted), survey classes with their truth.

Shapes: each town is a grid of cells about 60 m × 45 m (a plot of 2–6 mu, the size of plots on the Hangjiahu plain);
a plot is a quadrilateral or pentagon inside its cell, corners jittered and the whole turned a little, so areas and
outlines differ like surveyed plots do. Coordinates are WGS84 degrees, by default near Pinghu (30.7° N, 121.0° E).
"""

import math
import random
from dataclasses import dataclass, field

from .choices import LandUse

SURNAMES = "沈陆朱张王李陈徐顾钱吴周蒋金胡姚屠"
GIVEN = "建国明华伟芳丽强军平勇杰秀英春林海红兰德福生"
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
BASE_LON, BASE_LAT = 121.0, 30.70
CELL_M = (60.0, 45.0)
METRES_PER_DEGREE_LAT = 111_320.0
# The survey classes of an ordinary year on the plain, with their share (planted truth for the audit's exclusions).
LAND_USE_SHARES = ((LandUse.GRAIN, 0.86), (LandUse.NON_GRAIN, 0.05), (LandUse.SEASONAL_ABANDONED, 0.03),
                   (LandUse.PERENNIAL_ABANDONED, 0.015), (LandUse.NON_AGRICULTURAL, 0.015),
                   (LandUse.FACILITY, 0.01), (LandUse.LIVESTOCK, 0.01), (LandUse.FOREST, 0.01))


def id_number(region_code: str, birth: str, sequence: int) -> str:
    """A valid resident ID number (GB 11643) for a region, birth date (YYYYMMDD) and sequence."""
    first17 = f"{region_code}{birth}{sequence:03d}"
    return first17 + ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def bank_card(serial: int, prefix: str = "621700") -> str:
    """A 19-digit card number with a correct Luhn check digit."""
    body = f"{prefix}{serial:012d}"
    total = 0
    for position, char in enumerate(reversed(body)):
        value = int(char)
        if position % 2 == 0:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return body + str((10 - total % 10) % 10)


@dataclass
class FarmerSpec:
    name: str
    id_number: str
    bank_card: str
    members: int


@dataclass
class PlotSpec:
    code: str
    town_index: int
    village: str
    farmer_index: int
    boundary: dict
    registered_area_mu: str
    land_use: str
    grain_zone: bool
    truth: list[str] = field(default_factory=list)


def farmers(count: int, *, region_code: str = "330482", seed: int = 31) -> list[FarmerSpec]:
    """``count`` household heads with distinct valid ID numbers and 一卡通 cards."""
    rng = random.Random(seed)
    specs, seen = [], set()
    for index in range(count):
        number = ""
        while not number or number in seen:
            birth = f"{rng.randint(1950, 1995)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            number = id_number(region_code, birth, rng.randint(0, 999))
        seen.add(number)
        specs.append(FarmerSpec(rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN), number,
                                bank_card(index + 1), rng.randint(1, 6)))
    return specs


def polygon(lon0: float, lat0: float, rng: random.Random) -> tuple[dict, float]:
    """An irregular quadrilateral or pentagon in the cell whose south-west corner is (lon0, lat0); its rough area."""
    width, height = CELL_M
    m_lon = METRES_PER_DEGREE_LAT * math.cos(math.radians(lat0))
    corners = [(0.08, 0.08), (0.92, 0.08), (0.92, 0.92), (0.08, 0.92)]
    if rng.random() < 0.3:
        corners.insert(2, (0.97, 0.5))
    turn = math.radians(rng.uniform(-4, 4))
    points = []
    for u, v in corners:
        u += rng.uniform(-0.05, 0.05)
        v += rng.uniform(-0.05, 0.05)
        x, y = (u - 0.5) * width, (v - 0.5) * height
        x, y = x * math.cos(turn) - y * math.sin(turn), x * math.sin(turn) + y * math.cos(turn)
        points.append([round(lon0 + (x + width / 2) / m_lon, 7), round(lat0 + (y + height / 2) / METRES_PER_DEGREE_LAT, 7)])
    points.append(points[0])
    return {"type": "Polygon", "coordinates": [points]}, width * height * 0.7


def _area_mu(boundary: dict) -> float:
    from shapely.geometry import shape

    from .geometry import area_m2

    return area_m2(shape(boundary)) / (10000 / 15)


def plots(count: int, *, farmers_count: int, towns: int, seed: int = 31, per_row: int = 200,
          base: tuple[float, float] = (BASE_LON, BASE_LAT), prefix: str = "PH") -> list[PlotSpec]:
    """``count`` plots spread over ``towns``, each farmer holding one or more; land use drawn from the shares."""
    rng = random.Random(seed)
    specs = []
    uses, weights = zip(*LAND_USE_SHARES, strict=True)
    per_town = math.ceil(count / towns)
    for index in range(count):
        town, slot = divmod(index, per_town)
        row, column = divmod(slot, per_row)
        lat0 = base[1] + town * 0.08 + row * CELL_M[1] / METRES_PER_DEGREE_LAT
        lon0 = base[0] + column * CELL_M[0] / (METRES_PER_DEGREE_LAT * math.cos(math.radians(base[1])))
        boundary, _rough = polygon(lon0, lat0, rng)
        land_use = rng.choices(uses, weights)[0]
        measured = _area_mu(boundary)
        registered = measured * rng.choice((1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.98, 1.02, 1.02, 1.15))
        specs.append(PlotSpec(code=f"{prefix}{town + 1:02d}{slot + 1:06d}", town_index=town,
                              village=f"{'一二三四五六七八九十'[row % 10]}村", farmer_index=index % farmers_count,
                              boundary=boundary, registered_area_mu=f"{registered:.2f}", land_use=land_use,
                              grain_zone=rng.random() < 0.6))
    return specs


@dataclass
class World:
    farmers: int = 0
    plots: int = 0
    planted: dict = field(default_factory=dict)


def write_world(*, county, towns: list, plot_count: int, farmer_count: int, seed: int = 31,
                per_row: int = 200) -> World:
    """Bulk-write ``farmer_count`` households and ``plot_count`` plots (areas measured geodesically like the service
    does, survey class stored) for a benchmark or a trial; returns the planted classes' counts."""
    from django.db import transaction

    from zhili.core.foundation.api import pii

    from . import geometry
    from .models import Farmer, Plot

    world = World()
    with transaction.atomic():
        households = []
        for index, spec in enumerate(farmers(farmer_count, region_code=county.code, seed=seed)):
            households.append(Farmer(region=towns[index % len(towns)], name=spec.name, id_number=spec.id_number,
                                     id_number_index=pii.blind_index(spec.id_number), bank_name="浙江农商银行",
                                     bank_card=spec.bank_card, bank_card_index=pii.blind_index(spec.bank_card),
                                     members=spec.members))
        Farmer.objects.bulk_create(households, batch_size=2000)
        ids = list(Farmer.objects.order_by("-id").values_list("id", flat=True)[:farmer_count])[::-1]
        batch = []
        for spec in plots(plot_count, farmers_count=farmer_count, towns=len(towns), seed=seed, per_row=per_row):
            shape = geometry.parse(spec.boundary)
            min_lon, min_lat, max_lon, max_lat = shape.bbox
            batch.append(Plot(code=spec.code, region=towns[spec.town_index], village=spec.village,
                              contractor_id=ids[spec.farmer_index], boundary=spec.boundary,
                              measured_area_mu=shape.area_mu, registered_area_mu=spec.registered_area_mu,
                              grain_zone=spec.grain_zone, min_lon=min_lon, min_lat=min_lat, max_lon=max_lon,
                              max_lat=max_lat, land_use=spec.land_use,
                              **geometry.grid_cell(min_lon, min_lat, max_lon, max_lat)))
            world.planted[spec.land_use] = world.planted.get(spec.land_use, 0) + 1
            if len(batch) == 5000:
                Plot.objects.bulk_create(batch)
                world.plots += len(batch)
                batch = []
        Plot.objects.bulk_create(batch)
        world.plots += len(batch)
    world.farmers = farmer_count
    return world
