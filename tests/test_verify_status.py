"""Statuses: analysts' decisions need a reason and are audited; monitors' observations verify."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from truceline.errors import InputError
from truceline.resolve import resolve_store
from truceline.store.schema import audit_log, incidents
from truceline.verify import grade_store, set_status

KHERSON = dict(lat=46.6354, lon=32.6169, place="Kherson")


def only_incident(store):
    with store.read() as conn:
        return dict(conn.execute(select(incidents)).mappings().one())


def test_an_analyst_decision_needs_a_reason_and_is_audited(report_store):
    store, put = report_store
    put("Outlet A", "Shelling of the central market in Kherson", **KHERSON)
    resolve_store(store)
    inc = only_incident(store)["id"]
    with pytest.raises(InputError, match="reason"):
        set_status(store, inc, "refuted", actor="analyst:ola", reason=" ")
    set_status(store, inc, "refuted", actor="analyst:ola", reason="the video is from 2022")
    grade_store(store)  # a later run does not undo the analyst's decision
    row = only_incident(store)
    assert row["status"] == "refuted"
    assert row["grade"] == "C5"
    with store.read() as conn:
        last = (
            conn.execute(
                select(audit_log)
                .where(audit_log.c.action == "incident.status")
                .order_by(audit_log.c.seq.desc())
            )
            .mappings()
            .first()
        )
    assert (last["actor"], last["entity_id"]) == ("analyst:ola", inc)
    assert "the video is from 2022" in last["reason"]


def test_a_monitors_own_observation_verifies(report_store):
    store, put = report_store
    put(
        "Patrol 4",
        "Heard two explosions and saw smoke rising from the market, bearing 240, 2-3 km",
        kind="monitor",
        reliability="A",
        fields={"observation": "seen"},
        **KHERSON,
    )
    resolve_store(store)
    grade_store(store)
    row = only_incident(store)
    assert (row["status"], row["grade"]) == ("verified", "A1")
    assert "monitor" in row["status_reason"]


def test_an_unknown_status_is_refused(report_store):
    store, put = report_store
    put("Outlet A", "Shelling of the central market in Kherson", **KHERSON)
    resolve_store(store)
    with pytest.raises(InputError, match="unknown status"):
        set_status(store, only_incident(store)["id"], "confirmed", actor="analyst:ola", reason="x")
