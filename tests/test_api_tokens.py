"""Users and tokens: stored hashed, created from the CLI, revocable."""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import select

from truceline.cli import main
from truceline.store import Store
from truceline.store.access import hash_token, user_for_token
from truceline.store.schema import audit_log, tokens


def test_cli_creates_a_user_and_prints_its_token_once(tmp_path):
    db = str(tmp_path / "t.db")
    runner = CliRunner()
    r = runner.invoke(main, ["--db", db, "user", "add", "olena", "--role", "analyst"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["--db", db, "token", "create", "olena"])
    assert r.exit_code == 0, r.output
    token = r.output.strip()
    assert token.startswith("tl_") and len(token) > 30
    store = Store.open(db)
    with store.read() as c:
        stored = [row.token_hash for row in c.execute(select(tokens.c.token_hash))]
        assert stored == [hash_token(token)] and token not in stored
        assert user_for_token(c, token).role == "analyst"
        actions = [a for (a,) in c.execute(select(audit_log.c.action).order_by(audit_log.c.seq))]
    assert actions == ["user.add", "token.create"]
    r = runner.invoke(main, ["--db", db, "token", "revoke", "olena"])
    assert r.exit_code == 0
    with store.read() as c:
        try:
            user_for_token(c, token)
        except Exception as e:  # noqa: BLE001
            assert getattr(e, "status", None) == 401
        else:
            raise AssertionError("a revoked token still works")
    store.close()


def test_cli_errors_are_one_line(tmp_path):
    db = str(tmp_path / "t.db")
    r = CliRunner().invoke(main, ["--db", db, "token", "create", "nobody"])
    assert r.exit_code == 1
    assert r.output.strip().splitlines() == [
        "Error: <input>: field 'name': no user named 'nobody' (create it with `truceline user add`)"
    ]
    r = CliRunner().invoke(main, ["--db", db, "user", "add", "x", "--role", "king"])
    assert r.exit_code == 2
