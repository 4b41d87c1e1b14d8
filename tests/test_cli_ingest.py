"""`truceline ingest` reports per input, warns per bad record, never shows a traceback."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from truceline.cli import main


def run(db: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db), "ingest", "--no-process", *args])


def test_ingest_counts_and_quarantines_bad_lines(tmp_path: Path) -> None:
    reports = tmp_path / "field.jsonl"
    reports.write_text(
        '{"id": "a", "source": "Team 4", "text": "Heard 12 explosions east of Vuhledar."}\n'
        '{"id": "b", "text": "Seen: drone over Marhanets.", "event_date": "2025-13-45"}\n',
        encoding="utf-8",
    )
    result = run(tmp_path / "x.db", str(reports))
    assert result.exit_code == 0
    assert f"Warning: {reports}:2: field 'event_date': '2025-13-45' is not a date" in result.output
    assert f"{reports}: 1 added, 0 already stored, 1 rejected (reports)" in result.output
    assert "Traceback" not in result.output


def test_second_ingest_of_same_file_says_so(tmp_path: Path) -> None:
    p = tmp_path / "note.txt"
    p.write_text("Shelling was reported in Kupiansk on Sunday.", encoding="utf-8")
    run(tmp_path / "x.db", str(p))
    result = run(tmp_path / "x.db", str(p))
    assert result.exit_code == 0
    assert "already ingested, nothing to do" in result.output


def test_missing_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Explosions were heard in Zaporizhzhia.", encoding="utf-8")
    result = run(tmp_path / "x.db", str(tmp_path / "nope.txt"), str(good))
    assert result.exit_code == 1
    assert "nope.txt: cannot read: No such file or directory" in result.output
    assert "good.txt: 1 added" in result.output  # the batch went on
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_bad_grade_and_date_options_are_refused(tmp_path: Path) -> None:
    p = tmp_path / "n.txt"
    p.write_text("Shelling in Kherson.", encoding="utf-8")
    result = run(tmp_path / "x.db", "--grade", "Q", str(p))
    assert "not an Admiralty reliability grade" in result.output
    result = run(tmp_path / "x.db", "--published", "yesterday", str(p))
    assert result.exit_code == 2
    assert "is not a date" in result.output


def test_protect_marks_the_sources_and_is_never_lifted_by_a_later_input(tmp_path: Path) -> None:
    from sqlalchemy import select

    from truceline.store import Store
    from truceline.store.schema import sources

    db = tmp_path / "x.db"
    first = tmp_path / "team.jsonl"
    first.write_text(
        '{"id": "m1", "source": "Team 6", "text": "Heard mortar fire near Stepnohirsk."}\n',
        encoding="utf-8",
    )
    second = tmp_path / "team2.jsonl"
    second.write_text(
        '{"id": "m2", "source": "Team 6", "text": "Saw smoke over Mala Tokmachka."}\n',
        encoding="utf-8",
    )
    assert run(db, "--protect", str(first)).exit_code == 0
    assert run(db, str(second)).exit_code == 0
    store = Store.open(str(db))
    with store.read() as conn:
        assert conn.execute(
            select(sources.c.protected).where(sources.c.name == "Team 6")
        ).scalar_one()


def test_an_unwritable_database_is_one_line_naming_it(tmp_path: Path) -> None:
    db = tmp_path / "missing-folder" / "x.db"
    result = CliRunner().invoke(main, ["--db", str(db), "run"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {db}: database write failed")
    assert "Traceback" not in result.output
