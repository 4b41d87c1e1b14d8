"""Synthetic claims with the duplicate structure of real reporting, as columns.

Incidents fall around towns (big cities see several a day), over three years.
Each incident is told by several outlets (1 to 8, most by 2-4); each telling
jitters the place by its precision (a pin within ~150 m, a town centroid, or a
region), sometimes the date by a day or two, words it in the outlet's own
template, and states quantities now and then, sometimes differently.

`generate(n)` returns (columns for `from_columns`, gold incident of each claim).
"""

from __future__ import annotations

import numpy as np

from truceline.resolve.features import QTY_FIELDS

TEMPLATES = (
    "{what} hit {target} in {town}, officials said",
    "{town}: {target} damaged by {what}",
    "Reports of {what} on {target} near {town}",
    "{what} struck {target} in {town} overnight, the governor said",
    "Local residents report {what} at {target}, {town}",
)
WHATS = (
    "shelling",
    "a drone strike",
    "a missile strike",
    "artillery fire",
    "an explosion",
    "a rocket attack",
)
TARGETS = (
    "a residential building",
    "a school",
    "the power plant",
    "a hospital",
    "a market",
    "the railway station",
    "a bridge",
    "a warehouse",
    "an oil depot",
    "the city administration",
)
DAYS = 3 * 365  # an archive of three years
TYPES = (1, 1, 1, 2, 2, 3, 4)  # sub-event type codes, strikes most common


def generate(n: int, seed: int = 7) -> tuple[dict, np.ndarray]:
    rng = np.random.default_rng(seed)
    towns = 3000
    town_lat = rng.uniform(44.5, 52.0, towns)
    town_lon = rng.uniform(22.5, 40.0, towns)
    town_weight = 1.0 / np.arange(1, towns + 1) ** 0.8  # a few big cities take much of it
    town_weight /= town_weight.sum()
    # Reports per incident: 1..8, mean ~3.3.
    sizes = np.minimum(rng.geometric(0.33, n), 8)
    sizes = sizes[np.cumsum(sizes) <= n]
    sizes = np.append(sizes, n - sizes.sum()) if sizes.sum() < n else sizes
    m = len(sizes)
    inc_town = rng.choice(towns, m, p=town_weight)
    spread = rng.exponential(3.0, m)  # km from the town centre
    ang = rng.uniform(0, 2 * np.pi, m)
    inc_lat = town_lat[inc_town] + spread * np.cos(ang) / 111.0
    inc_lon = town_lon[inc_town] + spread * np.sin(ang) / (
        111.0 * np.cos(np.radians(town_lat[inc_town]))
    )
    inc_day = 19000 + rng.integers(0, DAYS, m)
    inc_type = rng.choice(TYPES, m)
    inc_what = rng.integers(0, len(WHATS), m)
    inc_target = rng.integers(0, len(TARGETS), m)
    inc_qty = rng.integers(1, 30, m).astype(np.float32)

    gold = np.repeat(np.arange(m), sizes)
    kind = rng.choice(3, n, p=[0.6, 0.3, 0.1])  # pin, town centroid, region
    jitter_km = np.where(kind == 0, rng.exponential(0.06, n), 0.0)
    a = rng.uniform(0, 2 * np.pi, n)
    lat = np.where(
        kind == 1, town_lat[inc_town[gold]], inc_lat[gold] + jitter_km * np.cos(a) / 111.0
    )
    lon = np.where(
        kind == 1, town_lon[inc_town[gold]], inc_lon[gold] + jitter_km * np.sin(a) / 80.0
    )
    radius = np.choose(kind, [0.1, 2.0, 15.0]).astype(np.float32)
    day = inc_day[gold] + rng.choice([0, 0, 0, 0, 0, 0, 0, 0, 1, -1, 2], n)
    stype = inc_type[gold].copy()
    stype[rng.random(n) < 0.1] = 0  # another reading of the type
    outlet = rng.integers(0, 400, n)
    qty = np.full((n, len(QTY_FIELDS)), np.nan, np.float32)
    says = rng.random(n) < 0.2
    qty[says, 0] = inc_qty[gold[says]] + (rng.random(says.sum()) < 0.2) * 3
    tmpl = outlet % len(TEMPLATES)
    towns_txt = [f"Town{t}" for t in range(towns)]
    texts = [
        TEMPLATES[tmpl[k]].format(
            what=WHATS[inc_what[g]], target=TARGETS[inc_target[g]], town=towns_txt[inc_town[g]]
        )
        for k, g in enumerate(gold.tolist())
    ]
    cols = {
        "lat": lat,
        "lon": lon,
        "radius": radius,
        "day": day.astype(np.int32),
        "texts": texts,
        "etype": (stype > 0).astype(np.int16),
        "stype": stype.astype(np.int16),
        "conf": np.full(n, 0.6, np.float32),
        "qty": qty,
        "source": outlet.astype(np.int32),
    }
    return cols, gold
