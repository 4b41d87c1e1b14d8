"""Users, roles and API tokens.

A token is shown once, when it is created; the store keeps only its SHA-256,
so a copy of the database gives nobody a working token.  Creating users and
tokens is a write like any other and goes to the audit log.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select, update

from truceline.errors import AccessError, InputError
from truceline.models import ROLES
from truceline.store import Store, audit
from truceline.store.schema import tokens, users

__all__ = [
    "ROLES",
    "User",
    "add_user",
    "create_token",
    "hash_token",
    "list_users",
    "revoke_tokens",
    "user_for_token",
]

# Ordered by what they may do: each role may do everything the ones before it may.
TOKEN_PREFIX = "tl_"


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: str
    id: int | None = None

    def at_least(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_user(store: Store, name: str, role: str, *, actor: str = "cli") -> User:
    """Create a user, or change an existing user's role."""
    if role not in ROLES:
        raise InputError(
            f"unknown role {role!r}", field="role", hint=f"use one of {', '.join(ROLES)}"
        )
    name = name.strip()
    if not name:
        raise InputError("a user needs a name", field="name")
    at = store.now()
    with store.write() as conn:
        row = conn.execute(select(users.c.id, users.c.role).where(users.c.name == name)).first()
        if row:
            conn.execute(update(users).where(users.c.id == row.id).values(role=role))
            uid = row.id
        else:
            uid = conn.execute(
                insert(users).values(name=name, role=role, created_at=at)
            ).inserted_primary_key[0]
        audit.append(
            conn,
            at=at,
            actor=actor,
            action="user.add",
            entity="user",
            entity_id=name,
            payload={"role": role},
        )
    return User(name, role, uid)


def create_token(store: Store, name: str, *, label: str | None = None, actor: str = "cli") -> str:
    """A new token for the user; the only time the token itself is seen."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    at = store.now()
    with store.write() as conn:
        uid = conn.execute(select(users.c.id).where(users.c.name == name)).scalar()
        if uid is None:
            raise InputError(
                f"no user named {name!r}", field="name", hint="create it with `truceline user add`"
            )
        conn.execute(
            insert(tokens).values(
                user_id=uid, token_hash=hash_token(token), label=label, created_at=at
            )
        )
        audit.append(
            conn,
            at=at,
            actor=actor,
            action="token.create",
            entity="user",
            entity_id=name,
            payload={"label": label},
        )
    return token


def revoke_tokens(store: Store, name: str, *, actor: str = "cli") -> int:
    """Revoke every live token of the user; returns how many."""
    at = store.now()
    with store.write() as conn:
        uid = conn.execute(select(users.c.id).where(users.c.name == name)).scalar()
        if uid is None:
            raise InputError(f"no user named {name!r}", field="name")
        n = conn.execute(
            update(tokens)
            .where(tokens.c.user_id == uid, tokens.c.revoked_at.is_(None))
            .values(revoked_at=at)
        ).rowcount
        audit.append(
            conn,
            at=at,
            actor=actor,
            action="token.revoke",
            entity="user",
            entity_id=name,
            payload={"revoked": n},
        )
    return n


def user_for_token(conn: Connection, token: str) -> User:
    """The user a bearer token belongs to; AccessError(401) when unknown or revoked."""
    row = conn.execute(
        select(users.c.id, users.c.name, users.c.role)
        .select_from(tokens.join(users, users.c.id == tokens.c.user_id))
        .where(tokens.c.token_hash == hash_token(token), tokens.c.revoked_at.is_(None))
    ).first()
    if row is None:
        raise AccessError("unknown or revoked token", status=401)
    return User(row.name, row.role, row.id)


def list_users(conn: Connection) -> list[User]:
    return [
        User(r.name, r.role, r.id)
        for r in conn.execute(select(users.c.id, users.c.name, users.c.role).order_by(users.c.name))
    ]
