"""Credentials and the OAuth2 token dance.

:class:`Credentials` holds the client id, client secret and tokens of one
:class:`~pyimgur.Imgur` object, builds the ``Authorization`` header, and
refreshes the access token at most once however many threads find it expired.
Nothing here ever puts a secret into a ``repr``, a log line or an exception.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING, Any, Callable, Optional

from . import endpoints
from .exceptions import (
    AuthenticationError,
    ImgurError,
    InvalidResponse,
    RateLimitError,
    ServerError,
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
        if not isinstance(client_id, str) or not client_id.strip():
            raise ValueError("client_id must be a non-empty string")
        self.client_id = client_id
        self.client_secret = client_secret
        self.access_token = access_token
        self.refresh_token = refresh_token
        self.on_token_refresh = on_token_refresh
        self.expires_at: Optional[float] = None
        #: the logged-in user's name, when a token answer said it
        self.username: Optional[str] = None
        self.refresh_count = 0
        self._lock = threading.Lock()

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
        return (time.time() if now is None else now) >= self.expires_at - EXPIRY_MARGIN

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
        if client_id is not None and (not isinstance(client_id, str) or not client_id.strip()):
            raise ValueError("client_id must be a non-empty string")
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
        if access:
            self.access_token = None
            self.expires_at = None
            self.username = None
        if refresh:
            self.refresh_token = None

    def store(self, token_response: Any) -> tuple[str, Optional[str]]:
        """Keep the tokens of an ``/oauth2/token`` answer; return them."""
        if not isinstance(token_response, dict) or not token_response.get("access_token"):
            raise AuthenticationError("Imgur's token answer carried no access token")
        self.access_token = str(token_response["access_token"])
        if token_response.get("account_username"):
            self.username = str(token_response["account_username"])
        if token_response.get("refresh_token"):
            self.refresh_token = str(token_response["refresh_token"])
        expires_in = token_response.get("expires_in")
        try:
            self.expires_at = time.time() + float(expires_in) if expires_in else None
        except (TypeError, ValueError):
            self.expires_at = None
        if self.on_token_refresh is not None:
            self.on_token_refresh(self.access_token, self.refresh_token)
        return self.access_token, self.refresh_token

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
        return transport.request(endpoints.OAUTH_TOKEN, data=body, authenticate=False)

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
        refreshes and the others reuse its new token.
        """
        with self._lock:
            current = self.current_if_fresh(failed_token, if_needed)
            if current is not None:
                return current
            try:
                answer = self.token_request(
                    transport, "refresh_token", refresh_token=str(self.refresh_token)
                )
            except ImgurError as error:
                raise refresh_failure(error) from None
            self.refresh_count += 1
            log.info("pyimgur refreshed the access token")
            return self.store(answer)[0]


def refresh_failure(error: ImgurError) -> ImgurError:
    """What a failed token refresh raises: Imgur's trouble (not the token's)
    keeps its type, since a bot must not take a 503 for a login to redo."""
    kind = type(error) if isinstance(error, _NOT_THE_TOKEN) else AuthenticationError
    extra = error._extra if kind is type(error) else {}
    return kind(
        f"could not refresh the access token: {error.message}",
        status=error.status,
        method=error.method,
        path=error.path,
        **extra,
    )
