"""Reliable coded reports teach the gazetteer's local layer; unreliable ones do not."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from truceline.cli import main


def test_learn_takes_places_only_from_reliable_reports(tmp_path: Path, gazetteer) -> None:
    gaz_file = tmp_path / "gaz.sqlite"
    shutil.copy(gazetteer.path, gaz_file)
    reports = tmp_path / "team.jsonl"
    reports.write_text(
        json.dumps(
            {
                "id": "t1",
                "source": "Team 5",
                "reliability": "A",
                "text": "Shelling heard.",
                "location": "Novoiehorivka",
                "latitude": 47.61,
                "longitude": 36.52,
            }
        )
        + "\n"
        + json.dumps(
            {
                "id": "t2",
                "source": "Rumour mill",
                "reliability": "E",
                "text": "Explosion.",
                "location": "Zolotyi Kolodiaz",
                "latitude": 48.4,
                "longitude": 37.3,
            }
        )
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "x.db"
    runner = CliRunner()
    assert (
        runner.invoke(main, ["--db", str(db), "ingest", "--no-process", str(reports)]).exit_code
        == 0
    )
    learn = runner.invoke(
        main, ["--db", str(db), "gazetteer", "learn", "--gazetteer", str(gaz_file)]
    )
    assert learn.exit_code == 0, learn.output
    assert learn.output.startswith("1 places learnt")
    listed = runner.invoke(main, ["gazetteer", "local", "--gazetteer", str(gaz_file)]).output
    assert "Novoiehorivka" in listed
    assert "Zolotyi Kolodiaz" not in listed
