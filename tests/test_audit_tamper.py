"""`truceline audit verify` names the row that was altered, inserted or deleted."""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import text

from truceline.cli import main
from truceline.resolve import resolve_store
from truceline.verify import set_status


def audited_store(report_store):
    store, put = report_store
    put("Outlet A", "Drone strike on Tuapse refinery", lat=44.1053, lon=39.0802, place="Tuapse")
    put(
        "Outlet B",
        "Shelling of Kherson market",
        lat=46.6354,
        lon=32.6169,
        place="Kherson",
        date="2025-03-10",
    )
    resolve_store(store)
    with store.read() as conn:
        inc = conn.execute(text("select id from incidents limit 1")).scalar_one()
    set_status(store, inc, "verified", actor="analyst:ola", reason="matches our own patrol log")
    return store


def check(store):
    return CliRunner().invoke(
        main, ["--db", store.url.removeprefix("sqlite:///"), "audit", "verify"]
    )


def test_an_untouched_chain_verifies(report_store):
    store = audited_store(report_store)
    r = check(store)
    assert r.exit_code == 0, r.output
    assert "audit chain OK" in r.output


def test_an_altered_row_is_named(report_store):
    store = audited_store(report_store)
    with store.write() as conn:
        conn.execute(text("update audit_log set reason = 'nothing to see' where seq = 2"))
    r = check(store)
    assert r.exit_code == 1
    assert "audit row 2 was altered" in r.output


def test_an_inserted_row_is_named(report_store):
    store = audited_store(report_store)
    with store.write() as conn:
        conn.execute(text("update audit_log set seq = seq + 100000 where seq >= 2"))
        conn.execute(text("update audit_log set seq = seq - 99999 where seq >= 100000"))
        # A forger who copies row 1's hash as prev_hash still breaks the next row's link.
        conn.execute(
            text(
                "insert into audit_log (seq, at, actor, action, prev_hash, hash) "
                "select 2, at, 'analyst:mallory', 'incident.decision', hash, hash from audit_log where seq = 1"
            )
        )
    r = check(store)
    assert r.exit_code == 1
    assert "audit row 2 was altered" in r.output or "audit row 3 does not follow" in r.output


def test_a_deleted_row_is_named(report_store):
    store = audited_store(report_store)
    with store.write() as conn:
        conn.execute(text("delete from audit_log where seq = 2"))
    r = check(store)
    assert r.exit_code == 1
    assert "audit row 2 is missing" in r.output
