"""Credentials and the OAuth2 token dance.

:class:`Credentials` holds the client id, client secret and tokens of one
:class:`~pyimgur.Imgur` object, builds the ``Authorization`` header, and
refreshes the access token at most once however many threads find it expired.
Nothing here ever puts a secret into a ``repr``, a log line or an exception.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from typing import TYPE_CHECKING, Any, Callable, Optional

from . import endpoints
from .exceptions import (
    AuthenticationError,
    ImgurError,
    InvalidResponse,
    RateLimitError,
    ServerError,
    TokenCallbackError,
    TransportError,
)

if TYPE_CHECKING:
    from .transport import Transport

log = logging.getLogger("pyimgur")

TokenCallback = Callable[[str, Optional[str]], None]
#: Refresh this many seconds before a known expiry, not after it.
EXPIRY_MARGIN = 60.0
#: failures of a refresh that say nothing about the tokens
_NOT_THE_TOKEN = (ServerError, TransportError, InvalidResponse, RateLimitError)
#: what replaces a secret in an error message
REDACTED = "[redacted]"
#: replaced tokens still redacted from messages (Imgur may echo an old one)
_OLD_TOKENS = 8


def clean_secret(name: str, value: Any, required: bool = False) -> Optional[str]:
    """``value`` without surrounding whitespace (as ``open(f).read()`` leaves it).

    ``None`` stays ``None`` (a ``ValueError`` if ``required``).

    :raises TypeError: not a string.
    :raises ValueError: blank, or whitespace, control or non-ASCII characters
        inside (no HTTP header could carry it; Imgur's ids and tokens are ASCII).
    """
    if value is None:
        if required:
            raise ValueError(f"{name} must be a non-empty string")
        return None
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, not {type(value).__name__}")
    text = value.strip()
    if not text:
        raise ValueError(f"{name} must not be empty")
    if not all("!" <= char <= "~" for char in text):
        raise ValueError(f"{name} holds whitespace, control or non-ASCII characters inside it")
    return text


def check_callback(on_token_refresh: Any) -> Optional[TokenCallback]:
    """:raises TypeError: ``on_token_refresh`` is neither ``None`` nor callable."""
    if on_token_refresh is not None and not callable(on_token_refresh):
        raise TypeError(
            f"on_token_refresh must be callable, not {type(on_token_refresh).__name__}"
        )
    return on_token_refresh  # type: ignore[no-any-return]


class Credentials:
    """The secrets of one :class:`~pyimgur.Imgur` object."""

    def __init__(
        self,
        client_id: str,
        client_secret: Optional[str] = None,
        access_token: Optional[str] = None,
        refresh_token: Optional[str] = None,
        on_token_refresh: Optional[TokenCallback] = None,
    ) -> None:
        self.client_id: str = clean_secret("client_id", client_id, required=True)  # type: ignore[assignment]
        self.client_secret = clean_secret("client_secret", client_secret)
        self.access_token = clean_secret("access_token", access_token)
        self.refresh_token = clean_secret("refresh_token", refresh_token)
        self.on_token_refresh = check_callback(on_token_refresh)
        self.expires_at: Optional[float] = None
        #: refresh this many seconds before ``expires_at`` (at most half the lifetime)
        self.margin = EXPIRY_MARGIN
        #: the logged-in user's name, when a token answer said it
        self.username: Optional[str] = None
        self.refresh_count = 0
        self._lock = threading.Lock()
        #: refresh attempts finished, and how the latest one failed (shared by its waiters)
        self._attempts = 0
        self._failure: Optional[tuple[type[ImgurError], str, dict[str, Any]]] = None
        self._old_tokens: deque[str] = deque(maxlen=_OLD_TOKENS)

    def __repr__(self) -> str:
        return (
            f"<Credentials client_id={self.client_id!r} "
            f"user={'yes' if self.is_user else 'no'}>"
        )

    def __getstate__(self) -> dict[str, Any]:
        raise TypeError("pyimgur credentials are not picklable")

    @property
    def is_user(self) -> bool:
        """Can calls be made as a logged-in user (now, or after a refresh)?"""
        return bool(self.access_token or self.refresh_token)

    def require_user(self, method: str, path: str) -> None:
        """Raise :class:`AuthenticationError` (before any request) when only a
        client id is set."""
        if not self.is_user:
            raise AuthenticationError(
                "this call needs a logged-in user: give Imgur an access_token or "
                "refresh_token (see the authentication docs)",
                method=method,
                path=path,
            )

    @property
    def can_refresh(self) -> bool:
        return bool(self.refresh_token and self.client_secret)

    def header(self) -> tuple[str, Optional[str]]:
        """The ``Authorization`` value and the token it used (``None`` for Client-ID)."""
        token = self.access_token
        if token:
            return f"Bearer {token}", token
        return f"Client-ID {self.client_id}", None

    def needs_refresh(self, now: Optional[float] = None) -> bool:
        """No access token yet but a refresh token, or a known expiry is near."""
        if not self.can_refresh:
            return False
        if not self.access_token:
            return True
        if self.expires_at is None:
            return False
        return (time.time() if now is None else now) >= self.expires_at - self.margin

    def secrets(self) -> list[str]:
        """Every secret an error message must not show: the client secret, the
        tokens, and the tokens they replaced lately (longest first)."""
        found = {self.client_secret, self.access_token, self.refresh_token, *self._old_tokens}
        return sorted((s for s in found if s and len(s) >= 4), key=len, reverse=True)

    def redact(self, text: str, extra: tuple[Optional[str], ...] = ()) -> str:
        """``text`` with every known secret (and each of ``extra``) replaced."""
        for secret in self.secrets() + [s for s in extra if s and len(s) >= 4]:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return text

    def change(
        self,
        client_id: Optional[str] = None,
        client_secret: Optional[str] = None,
        access_token: Optional[str] = None,
        refresh_token: Optional[str] = None,
    ) -> None:
        """Replace the given parts (``None`` keeps a part) and drop what no
        longer matches them:

        * a new client id, or a client secret other than the one set, drops
          the old client's tokens (those given with it are kept);
        * a new refresh token without an access token drops the old access
          token: it belongs to the old refresh token's user, and every call
          would still go out as that user.

        :raises ValueError: an empty client id (nothing is changed).
        """
        # surrounding whitespace is stripped; blank or inner whitespace raises (before any change)
        client_id = clean_secret("client_id", client_id)
        client_secret = clean_secret("client_secret", client_secret)
        access_token = clean_secret("access_token", access_token)
        refresh_token = clean_secret("refresh_token", refresh_token)
        # a secret given where there was none completes this client: not a new one
        new_client = (client_id is not None and client_id != self.client_id) or (
            client_secret is not None
            and self.client_secret is not None
            and client_secret != self.client_secret
        )
        new_user = refresh_token is not None and refresh_token != self.refresh_token
        if new_user or (access_token is not None and access_token != self.access_token):
            self.username = None  # the name the old token answer told
        if new_client:
            self._forget_tokens(access=True, refresh=True)
        elif new_user and access_token is None:
            self._forget_tokens(access=True, refresh=False)
        if client_id is not None:
            self.client_id = client_id
        if client_secret is not None:
            self.client_secret = client_secret
        if access_token is not None:
            self.access_token = access_token
            self.expires_at = None
        if refresh_token is not None:
            self.refresh_token = refresh_token

    def _forget_tokens(self, access: bool, refresh: bool) -> None:
        """Drop the access token (and what is known of its user), and/or the refresh token."""
        dropped = (self.access_token if access else None, self.refresh_token if refresh else None)
        for token in dropped:
            if token:
                self._old_tokens.append(token)  # still redacted if Imgur echoes it
        if access:
            self.access_token = None
            self.expires_at = None
            self.username = None
        if refresh:
            self.refresh_token = None

    def store(self, token_response: Any) -> tuple[str, Optional[str]]:
        """Keep the tokens of an ``/oauth2/token`` answer, tell ``on_token_refresh``;
        return them.

        :raises TokenCallbackError: the callback raised (the tokens are kept).
        """
        tokens = self._keep(token_response)
        self._notify(*tokens)
        return tokens

    def _keep(self, token_response: Any) -> tuple[str, Optional[str]]:
        if not isinstance(token_response, dict) or not token_response.get("access_token"):
            raise AuthenticationError("Imgur's token answer carried no access token")
        access = str(clean_secret("Imgur's access_token", str(token_response["access_token"])))
        refresh = token_response.get("refresh_token")
        refresh = clean_secret("Imgur's refresh_token", str(refresh)) if refresh else None
        for old in (self.access_token, self.refresh_token):
            if old and old not in (access, refresh):
                self._old_tokens.append(old)
        self.access_token = access
        if token_response.get("account_username"):
            self.username = str(token_response["account_username"])
        if refresh:
            self.refresh_token = refresh
        self.expires_at, self.margin = _expiry(token_response.get("expires_in"))
        return access, self.refresh_token

    def _notify(self, access_token: str, refresh_token: Optional[str]) -> None:
        """Run ``on_token_refresh`` (never under the lock: it may call the API)."""
        if self.on_token_refresh is None:
            return
        try:
            self.on_token_refresh(access_token, refresh_token)
        except Exception as error:  # the user's code: any exception
            failure = TokenCallbackError(
                f"on_token_refresh raised {type(error).__name__}; the new tokens are in "
                "use but were not saved",
                method="POST",
                path="/" + endpoints.OAUTH_TOKEN.path,
            )
            failure.__cause__ = error
        else:
            return
        raise failure

    def token_body(self, grant_type: str, **values: str) -> dict[str, str]:
        """The form of a ``POST /oauth2/token`` with this client's id and secret.

        :raises AuthenticationError: no client secret (before any request).
        """
        if not self.client_secret:
            raise AuthenticationError(
                "a client_secret is needed to obtain or refresh tokens",
                method="POST",
                path="/" + endpoints.OAUTH_TOKEN.path,
            )
        return {
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "grant_type": grant_type,
            **values,
        }

    def token_request(self, transport: Transport, grant_type: str, **values: str) -> Any:
        """POST ``/oauth2/token`` with this client's id and secret."""
        body = self.token_body(grant_type, **values)
        return transport.request_token(body)

    def current_if_fresh(self, failed_token: Optional[str], if_needed: bool) -> Optional[str]:
        """The access token, when another thread or task has already refreshed it
        (so this one must not); ``None`` when a refresh is due.

        :raises AuthenticationError: a refresh is due but there is no refresh token.
        """
        if failed_token is not None and self.access_token not in (None, failed_token):
            return self.access_token
        if if_needed and self.access_token and not self.needs_refresh():
            return self.access_token
        if not self.refresh_token:
            raise AuthenticationError("no refresh token to refresh the access token with")
        return None

    def refresh(
        self, transport: Transport, failed_token: Optional[str] = None, if_needed: bool = False
    ) -> str:
        """Get a new access token with the refresh token.

        Thread-safe and single-flight: when several threads saw ``failed_token``
        fail, or (``if_needed``) saw that the token needs refreshing, the first
        refreshes and the others reuse its new token; when that refresh fails,
        the threads that were waiting for it raise the same failure (no token
        request of their own).  ``on_token_refresh`` runs after the lock is
        released, so it may call the API.

        :raises TokenCallbackError: ``on_token_refresh`` raised (the new tokens
            are in use).
        """
        seen = self._attempts
        with self._lock:
            if failed_token is not None and self.access_token not in (None, failed_token):
                return self.access_token  # another thread refreshed already
            if if_needed and self.access_token and not self.needs_refresh():
                return self.access_token  # another thread refreshed already
            if self._attempts != seen and self._failure is not None:
                kind, message, details = self._failure  # the refresh waited for failed
                shared = kind(message, **details)
            else:
                shared = None
                tokens = self._refresh_now(transport)
        if shared is not None:
            raise shared
        self._notify(*tokens)
        return tokens[0]

    def _refresh_now(self, transport: Transport) -> tuple[str, Optional[str]]:
        """One token request (the lock is held); remembers a failure for the waiters."""
        if not self.refresh_token:
            raise AuthenticationError("no refresh token to refresh the access token with")
        self._failure = None
        try:
            answer = self.token_request(
                transport, "refresh_token", refresh_token=self.refresh_token
            )
        except ImgurError as error:
            kind, message, details = refresh_failure(error)
            self._failure = (kind, message, details)
        else:
            self.refresh_count += 1
            log.info("refreshed the access token")
            return self._keep(answer)
        finally:
            self._attempts += 1  # counted when done: threads that arrived meanwhile share it
        raise kind(message, **details)


def refresh_failure(error: ImgurError) -> tuple[type[ImgurError], str, dict[str, Any]]:
    """What a failed token refresh raises, as ``(class, message, keywords)``.

    Imgur's trouble (not the token's) keeps its type: a bot must not take a
    503 for a login to redo."""
    kind = type(error) if isinstance(error, _NOT_THE_TOKEN) else AuthenticationError
    details = dict(error._extra if kind is type(error) else {},
                   status=error.status, method=error.method, path=error.path)
    return kind, f"could not refresh the access token: {error.message}", details


def _expiry(expires_in: Any) -> tuple[Optional[float], float]:
    """(``expires_at``, refresh margin) for a token answer's ``expires_in``.

    A lifetime that is not a positive finite number (absent, ``0``, negative,
    ``inf``, ``nan``, text) is unknown: the token is refreshed when Imgur refuses
    it, never before every call.  A short lifetime is refreshed at half of it.
    """
    try:
        lifetime = float(expires_in)
    except (TypeError, ValueError, OverflowError):
        return None, EXPIRY_MARGIN
    if not math.isfinite(lifetime) or lifetime <= 0:
        return None, EXPIRY_MARGIN
    return time.time() + lifetime, min(EXPIRY_MARGIN, lifetime / 2)
