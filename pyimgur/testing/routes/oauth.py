"""OAuth2 (imgur-api.md section 3) and the credits endpoint (2.1).

``POST oauth2/token`` answers a bare object (no envelope) and costs nothing.
``GET oauth2/authorize`` approves at once, as the sandbox user named by the
``username`` query parameter (default: the seeded test user), and redirects
to the client's ``redirect_uri`` (or shows the PIN).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from ... import endpoints as ep
from ..dispatch import Ctx, Raw, route
from ..protocol import ApiError

AUTHORIZE = ep.Endpoint("GET", ep.OAUTH_AUTHORIZE_PATH, cost=0)


def _client(ctx: Ctx) -> str:
    client_id = ctx.req.value("client_id") or ""
    client = ctx.world.clients.get(client_id)
    if client is None:
        raise ApiError(400, "Invalid client_id")
    if ctx.req.value("client_secret") != client.client_secret:
        raise ApiError(401, "Invalid client_secret")
    return client_id


@route(ep.OAUTH_TOKEN, auth=False)
def token(ctx: Ctx) -> Any:
    client_id = _client(ctx)
    grant = ctx.req.value("grant_type")
    world = ctx.world
    fake = ctx.fake
    if grant == "refresh_token":
        old = world.refresh_tokens.get(ctx.req.value("refresh_token") or "")
        if old is None:
            raise ApiError(400, "Invalid refresh token")
        if old.client_id != client_id:
            raise ApiError(400, "Refresh token doesn't exist or is invalid for the client")
        if old.username not in world.accounts:
            raise ApiError(400, "Invalid refresh token")
        issued = fake._issue(old.username, client_id, refresh_token=old.refresh_token)
    elif grant in ("authorization_code", "pin"):
        key = "code" if grant == "authorization_code" else "pin"
        store = world.codes if key == "code" else world.pins
        value = ctx.req.value(key) or ""
        found = store.get(value)
        if found is None or found[0] != client_id:
            raise ApiError(400, "Invalid authorization code" if key == "code" else "Invalid Pin")
        del store[value]
        issued = fake._issue(found[1], client_id)
    else:
        raise ApiError(400, f"Invalid grant_type '{grant}'")
    return Raw(token_json(ctx, issued))


def token_json(ctx: Ctx, issued: Any) -> dict[str, Any]:
    return {
        "access_token": issued.access_token,
        "expires_in": max(0, int(issued.expires_at - ctx.fake.now())),
        "token_type": "bearer",
        "scope": None,
        "refresh_token": issued.refresh_token,
        "account_id": ctx.world.accounts[issued.username].id,
        "account_username": issued.username,
    }


@route(AUTHORIZE, auth=False)
def authorize(ctx: Ctx) -> Any:
    client = ctx.world.clients.get(ctx.req.value("client_id") or "")
    if client is None:
        raise ApiError(400, "Invalid client_id", shape="html")
    kind = ctx.req.value("response_type") or ""
    if kind not in ("token", "code", "pin"):
        raise ApiError(400, "Invalid response_type", shape="html")
    state = ctx.req.value("state")
    extra = {"state": state} if state else {}
    if ctx.flag("deny"):
        query = urlencode({"error": "access_denied", **extra})
        return Raw(b"", status=302, headers={"Location": f"{client.redirect_uri}?{query}"})
    username = ctx.req.value("username") or ctx.fake.default_user
    account = ctx.world.account(username)
    if account is None:
        raise ApiError(400, f"No sandbox user {username}", shape="html")
    if kind == "pin":
        pin = ctx.fake.issue_pin(account.url, client.client_id)
        page = f"<html><body><p>Your PIN is <b id='pin'>{pin}</b></p></body></html>"
        return Raw(page.encode(), content_type="text/html; charset=utf-8",
                   headers={"X-Sandbox-Pin": pin})
    if kind == "code":
        code = ctx.fake.issue_code(account.url, client.client_id)
        query = urlencode({"code": code, **extra})
        return Raw(b"", status=302, headers={"Location": f"{client.redirect_uri}?{query}"})
    issued = ctx.fake._issue(account.url, client.client_id)
    values = {k: str(v) for k, v in token_json(ctx, issued).items() if v is not None}
    fragment = urlencode({**values, **extra})
    return Raw(b"", status=302, headers={"Location": f"{client.redirect_uri}#{fragment}"})


@route(ep.CREDITS, cost=0)
def credits(ctx: Ctx) -> Any:
    assert ctx.client_id is not None
    return ctx.fake.budgets.credits(ctx.client_id, ctx.fake.now())
