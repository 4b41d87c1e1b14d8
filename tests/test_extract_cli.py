"""`truceline extract DOCS.jsonl`: claims on stdout, one warning per bad line."""

import json

import pytest
from click.testing import CliRunner

from truceline.cli import main

pytest.importorskip("truceline.extract.classify")


def run(tmp_path, lines: list[str]):
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return CliRunner().invoke(main, ["extract", "--no-geocode", str(path)]), str(path)


def claims(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


GOOD = json.dumps({"id": "a1", "published": "2024-05-03", "source": "ignored",
                   "text": "On 2 May 2024, Russian forces shelled Vovchansk, Kharkiv. Two civilians were killed."})  # fmt: skip


def test_claims_are_printed_as_json_lines(tmp_path):
    result, _ = run(tmp_path, [GOOD])
    assert result.exit_code == 0, result.output
    (row,) = claims(result.stdout)
    assert row["doc_id"] == "a1"
    assert row["event_date"] == "2024-05-02"
    assert row["fatalities"] == 2
    assert row["span"][0] == 0


def test_a_document_without_incident_prints_nothing(tmp_path):
    doc = json.dumps({"id": "d", "text": "Foreign ministers met in Geneva to discuss a ceasefire."})
    result, _ = run(tmp_path, [doc])
    assert result.exit_code == 0
    assert result.stdout == ""


def test_malformed_line_is_named_and_the_rest_continues(tmp_path):
    result, path = run(tmp_path, ['{"id": "x", "text": ', GOOD])
    assert result.exit_code == 0
    assert f"Warning: {path}:1: not valid JSON" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert [r["doc_id"] for r in claims(result.stdout)] == ["a1"]


def test_missing_text_field_is_named(tmp_path):
    result, path = run(tmp_path, [json.dumps({"id": "x", "body": "..."}), GOOD])
    assert result.exit_code == 0
    assert f"Warning: {path}:1: field 'text': missing or not a string" in result.stderr


def test_nothing_readable_exits_non_zero(tmp_path):
    result, path = run(tmp_path, ["not json", "[1, 2]"])
    assert result.exit_code == 1
    assert f"{path}: no line could be read (2 bad)" in result.stderr
    assert "Traceback" not in result.output
