"""Who is calling: a bearer token, or the dashboard's cookie, or nobody (public).

API clients send ``Authorization: Bearer TOKEN``.  The dashboard keeps the token
in an HttpOnly, SameSite=Strict cookie; a write made with that cookie must also
carry the ``X-Truceline-Request`` header, which a page on another site cannot
send without a CORS preflight that this app never grants.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import Request

from truceline.errors import AccessError
from truceline.store.access import ROLES, User, user_for_token

__all__ = ["COOKIE", "CSRF_HEADER", "PUBLIC", "caller", "current_user", "require"]

COOKIE = "truceline_token"
CSRF_HEADER = "X-Truceline-Request"
PUBLIC = User("public", "public")
_SAFE = {"GET", "HEAD", "OPTIONS"}


def current_user(request: Request) -> User:
    """The caller; PUBLIC when no credential is given, 401 when a given one is bad."""
    cached = getattr(request.state, "user", None)
    if cached is not None:
        return cached
    header = request.headers.get("authorization")
    token = None
    if header:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise AccessError("the Authorization header must be 'Bearer TOKEN'", status=401)
        token = value.strip()
    elif request.cookies.get(COOKIE):
        token = request.cookies[COOKIE]
        if request.method not in _SAFE and request.headers.get(CSRF_HEADER) is None:
            raise AccessError(
                f"a write from the dashboard needs the {CSRF_HEADER} header", status=403
            )
    if token is None:
        user = PUBLIC
    else:
        store = request.app.state.store
        with store.read() as conn:
            user = user_for_token(conn, token)
    request.state.user = user
    return user


async def caller(request: Request) -> User:
    """`current_user` as a dependency.  It is async because it is quick (one indexed
    lookup at most): FastAPI runs a sync dependency in its thread pool, a hop that
    cost more than the lookup itself."""
    return current_user(request)


def require(role: str) -> Callable[[Request], Awaitable[User]]:
    """A dependency that lets through callers with at least ``role``."""
    assert role in ROLES

    async def check(request: Request) -> User:
        user = current_user(request)
        if user is PUBLIC:
            raise AccessError(
                f"this needs a {role} token: send 'Authorization: Bearer TOKEN'", status=401
            )
        if not user.at_least(role):
            raise AccessError(
                f"user {user.name!r} is a {user.role}; this needs a {role}", status=403
            )
        return user

    return check
