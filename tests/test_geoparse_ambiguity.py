"""Which place a name means, from the document itself; and the geoparse contract."""

from __future__ import annotations

import json

from click.testing import CliRunner

from truceline.cli import main


def _names(places):
    return {p.name: p for p in places}


def test_paris_texas_against_paris(geocoder):
    texas = _names(geocoder.geoparse("The rodeo in Paris, Texas drew a record crowd on Saturday."))
    assert texas["Paris"].country_code == "US" and texas["Paris"].admin1 == "Texas"
    france = _names(geocoder.geoparse("Protesters marched through Paris on Saturday."))
    assert france["Paris"].country_code == "FR"


def test_gaza_alone_is_the_strip_not_a_namesake_province(geocoder):
    # the town and its governorate share the local sense; Mozambique's province
    # must not win because that sense is split between them
    strip = _names(geocoder.geoparse("Air strikes hit Gaza overnight, health officials said."))
    assert strip["Gaza"].country_code == "PS"
    text = "Floods in Gaza province displaced thousands of families in southern Mozambique."
    assert _names(geocoder.geoparse(text))["Gaza"].country_code == "MZ"


def test_washington_alone_is_the_capital_unless_the_state_is_named(geocoder):
    def admin1(text):
        return _names(geocoder.geoparse(text))["Washington"].admin1

    assert admin1("Officials in Washington said the talks would resume.") == "District of Columbia"
    assert admin1("The case was found in the state of Washington in 2003.") == "Washington"
    assert admin1("Wildfires spread across Washington state on Monday.") == "Washington"


def test_only_one_town_of_a_name_is_the_capital(gazetteer):
    capitals = [c for c in gazetteer.candidates("Washington") if c.fcode == "PPLC"]
    assert [(c.cc, c.admin1) for c in capitals] == [("US", "DC")]


def test_alexandria_in_a_louisiana_story(geocoder):
    text = (
        "Alexandria woman charged in connection with a fire. Both the Sheriff's Office and "
        "Rapides Parish Fire District 2 investigated the fire in Alexandria."
    )
    places = geocoder.geoparse(text)
    alex = [p for p in places if p.name == "Alexandria"]
    assert alex and all(p.admin1 == "Louisiana" for p in alex)
    assert "Rapides Parish" in _names(places)


def test_person_names_are_not_places(geocoder):
    places = geocoder.geoparse("Chiquita Raquel Henry, 19, of Alexandria, Louisiana, was arrested.")
    assert "Henry" not in _names(places)


def test_acled_note_region_after_the_town(geocoder):
    text = "On 9 December 2022, Ukrainian forces shelled LPR in Pervomaisk, Luhansk with HIMARS."
    p = geocoder.locate(text, 0, len(text))
    assert p.name == "Pervomaisk" and p.admin1 == "Luhansk" and p.country_code == "UA"


def test_cyrillic_text_is_geoparsed(geocoder):
    places = _names(geocoder.geoparse("Беспилотники атаковали Туапсе и Москва, сообщили власти."))
    assert places["Туапсе"].geonameid == 480716
    assert places["Москва"].country_code == "RU"


def test_resolution_keeps_one_entry_per_span_even_unresolvable(geocoder):
    text = "Floods hit Qwzxville and Kyiv."
    spans = [(11, 21), (26, 30), (11, 21)]
    places = geocoder.resolve_spans(text, spans)
    assert len(places) == 3
    assert (places[0].start, places[0].end) == (11, 21)
    assert places[1].name == "Kyiv" and places[1].country_code == "UA"
    # a name no form of which is known takes the document's focus, with a low score
    assert places[0].country_code == "UA" and places[0].score < 0.2
    [alone] = geocoder.resolve_spans("Floods hit Qwzxville.", [(11, 20)])
    assert alone.latitude is None and (alone.start, alone.end) == (11, 20)


def test_cli_geoparse_resolution_only_and_bad_lines(gazetteer, tmp_path, monkeypatch):
    monkeypatch.setenv("TRUCELINE_GAZETTEER", str(gazetteer.path))
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        json.dumps(
            {"id": "a", "text": "Floods hit Qwzxville and Kyiv.", "spans": [[11, 21], [26, 30]]}
        )
        + "\nnot json\n"
        + json.dumps({"id": "b", "text": "Shelling in Kharkiv."})
        + "\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(main, ["geoparse", str(docs)])
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["doc_id"] for x in lines] == ["a", "b"]
    a = lines[0]["places"]
    assert [(p["start"], p["end"]) for p in a] == [(11, 21), (26, 30)]
    assert a[0]["country_code"] == a[1]["country_code"] == "UA"
    assert lines[1]["places"][0]["name"] == "Kharkiv"
    assert "docs.jsonl:2" in r.stderr


def test_the_surest_names_set_the_focus_for_the_ambiguous_ones(geocoder):
    # Huntsville alone is the Alabama city; with Walker County and Texas it is the Texan one
    text = (
        "An inmate escaped from the prison in Huntsville on Monday. Walker County deputies "
        "searched the woods south of Huntsville, and Texas troopers joined them."
    )
    names = ["Huntsville", "Walker County", "Texas"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    places = geocoder.resolve_spans(text, spans)
    assert [p.admin1 for p in places] == ["Texas", "Texas", "Texas"]
    [alone] = geocoder.resolve_spans("Rockets were tested in Huntsville.", [(23, 33)])
    assert alone.admin1 == "Alabama"


def test_a_serial_comma_list_of_countries_is_not_town_then_country(geocoder):
    # "Iraq, Iran" could read as a town called Iraq in Iran; ", and Kuwait" shows a list
    text = "The agency urged Jordan, Lebanon, Iraq, Iran, and Kuwait to tighten border checks."
    names = ["Jordan", "Lebanon", "Iraq", "Iran", "Kuwait"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    places = geocoder.resolve_spans(text, spans)
    assert [p.feature_code for p in places] == ["PCLI"] * 5
    assert places[2].country_code == "IQ"


def test_a_feature_named_after_a_place_is_one_toponym(geocoder):
    # not the Danube and then Nigeria's Delta State; not Panama and a Brazilian "Canal"
    delta = geocoder.geoparse("Wild birds in the Danube Delta were tested for the virus.")
    assert [p.name for p in delta] == ["Danube Delta"] and delta[0].country_code != "NG"
    canal = geocoder.geoparse("Two ships collided in the Panama Canal on Tuesday.")
    assert [(p.name, p.country_code) for p in canal] == [("Panama Canal", "PA")]


def test_a_common_word_is_not_a_hamlet_of_that_name(geocoder):
    text = "Much of the village was destroyed. Farmers said the shelling lasted hours near Kherson."
    assert [p.name for p in geocoder.geoparse(text)] == ["Kherson"]
    # a large place keeps its name even when the word is common ("Reading", "Nice")
    assert [p.name for p in geocoder.geoparse("Reading police said two men were held.")] == [
        "Reading"
    ]


def test_an_acronym_is_not_a_small_town_of_that_name(geocoder):
    text = "Russian forces struck Kharkiv with guided aerial bombs (KAB), TASS and RIA reported."
    assert [p.name for p in geocoder.geoparse(text)] == ["Kharkiv"]
    # an abbreviation of a country, or a site's, is still a place
    assert [p.country_code for p in geocoder.geoparse("The UK and the UAE sent envoys.")] == [
        "GB",
        "AE",
    ]


def test_rivers_seas_and_named_features_state_a_wide_precision(geocoder):
    places = {p.name: p for p in geocoder.geoparse(
        "Shelling hit Nikopol across the Dnipro River; drones crossed the Black Sea. "
        "Fighting went on near the Kakhovka Reservoir."
    )}  # fmt: skip
    assert places["Nikopol"].geo_precision == 1
    assert places["Dnipro River"].geo_precision == 3 and places["Dnipro River"].radius_km >= 50
    assert places["Black Sea"].radius_km >= 300
    reservoir = places["Kakhovka Reservoir"]  # placed at the town it is named after
    assert reservoir.geo_precision == 2 and reservoir.radius_km >= 25


def test_people_of_a_place_do_not_hide_it(geocoder):
    text = "Residents of Bucha said troops shot civilians; officials in Irpin counted the dead."
    assert [p.name for p in geocoder.geoparse(text)] == ["Bucha", "Irpin"]
