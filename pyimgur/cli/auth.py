"""``pyimgur auth``: log in through Imgur's OAuth page and keep the tokens."""

from __future__ import annotations

import argparse
import secrets
from typing import Any, Optional
from urllib.parse import parse_qs, urlsplit

from ..imgur import Imgur
from ..transport import API_BASE
from .common import EXIT_OK, CLIError, Context, NoCredentials, UsageError
from .config import load_config, resolve_credentials, save_config

_TOKEN_KEYS = ("access_token", "refresh_token", "account_username", "account_id")


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "auth",
        help="authorize pyimgur to act as your Imgur account, and keep the tokens",
        description="Print the address of Imgur's authorization page, read the address "
        "your browser is sent to afterwards (or the PIN or code) from standard input, and "
        "save the tokens in the config file (mode 0600). Needs a client id "
        "(IMGUR_CLIENT_ID or --client-id); the client secret (IMGUR_CLIENT_SECRET) is "
        "needed for the code and pin flows and to refresh tokens later.",
    )
    parser.add_argument("--client-id", metavar="ID", help="your application's client id")
    parser.add_argument(
        "--response",
        choices=("token", "code", "pin"),
        default="token",
        help="the OAuth flow: token (default; the one Imgur recommends), code or pin "
        "(both deprecated by Imgur)",
    )
    action = parser.add_mutually_exclusive_group()
    action.add_argument(
        "--status", action="store_true", help="say which credentials are set up (no request)"
    )
    action.add_argument(
        "--logout", action="store_true", help="remove the tokens from the config file"
    )
    parser.set_defaults(run=run)


def run(ctx: Context) -> int:
    args = ctx.args
    if args.sandbox:
        raise UsageError(
            "auth stores real tokens and cannot run in the sandbox; use "
            "`--sandbox --sandbox-user NAME` to act as a sample user"
        )
    path = ctx.config_file
    config = load_config(path)
    if args.status:
        return _status(ctx, config)
    if args.logout:
        kept = {k: v for k, v in config.items() if k not in _TOKEN_KEYS}
        save_config(path, kept)
        ctx.out(f"Tokens removed from {path}.")
        return EXIT_OK
    found = resolve_credentials(ctx.env, config)
    client_id = (args.client_id or "").strip() or found.client_id
    if not client_id:
        raise NoCredentials(
            "no Imgur client id: give --client-id or set IMGUR_CLIENT_ID. Imgur closed new "
            "application registration in 2025, so you need the client id of an "
            "application registered before"
        )
    secret = found.client_secret if client_id == found.client_id else None
    if args.response != "token" and not secret:
        raise NoCredentials(
            f"the {args.response} flow needs the client secret: set IMGUR_CLIENT_SECRET"
        )
    base_url = ctx.base_url()
    im = Imgur(client_id, secret, base_url=base_url or API_BASE)
    state = secrets.token_urlsafe(12)
    url = im.authorization_url(args.response, state=state)
    ctx.err("Open this address in a browser, sign in to Imgur and allow access:")
    ctx.out(url)
    ctx.err(_prompt(args.response))
    ctx.stdout.flush()
    ctx.stderr.flush()
    answer = ctx.stdin.readline().strip()
    if not answer:
        raise CLIError("no answer given: nothing was saved")
    username = _authorize(im, args.response, answer, state)
    data = {k: v for k, v in config.items() if k not in _TOKEN_KEYS}
    data["client_id"] = client_id
    if secret:
        data["client_secret"] = secret
    data["access_token"] = im.access_token
    if im.refresh_token:
        data["refresh_token"] = im.refresh_token
    if username:
        data["account_username"] = username
    save_config(path, data)
    who = f" as {username}" if username else ""
    ctx.out(f"Authorized{who}. Tokens saved to {path} (readable only by you).")
    if not secret:
        ctx.err(
            "pyimgur: note: without the client secret (IMGUR_CLIENT_SECRET) the access "
            "token cannot be refreshed when it expires; run `pyimgur auth` again then"
        )
    return EXIT_OK


def _prompt(response: str) -> str:
    if response == "token":
        return "Then paste the whole address your browser was sent to:"
    if response == "pin":
        return "Then paste the PIN Imgur shows:"
    return "Then paste the address your browser was sent to (or just the code):"


def _authorize(im: Imgur, response: str, answer: str, state: str) -> Optional[str]:
    """Use ``answer`` to get tokens into ``im``; the account name when known."""
    if "://" in answer or answer.startswith(("#", "?")):
        parts = urlsplit(answer)
        values = {k: v[0] for k, v in parse_qs(parts.fragment or parts.query).items() if v}
        if "error" in values:
            raise CLIError(f"authorization refused: {values['error']}")
        if values.get("state") not in (None, state):
            raise CLIError("the address is from another authorization (state differs)")
        if "access_token" in values:
            return im.parse_token_redirect(answer).get("account_username")
        if "code" in values:
            im.exchange_code(values["code"])
            return None
        raise UsageError("the address carries neither tokens nor a code")
    if response == "pin":
        im.exchange_pin(answer)
        return None
    if response == "code":
        im.exchange_code(answer)
        return None
    raise UsageError(
        "paste the whole address (it holds the tokens after '#'), not just a part of it"
    )


def _status(ctx: Context, config: dict[str, Any]) -> int:
    found = resolve_credentials(ctx.env, config)
    ctx.out(f"config file: {ctx.config_file}")
    for name in ("client_id", "client_secret", "access_token", "refresh_token"):
        source = found.sources.get(name)
        ctx.out(f"{name}: {'set, from the ' + source if source else 'not set'}")
    if found.username:
        ctx.out(f"account: {found.username}")
    return EXIT_OK
