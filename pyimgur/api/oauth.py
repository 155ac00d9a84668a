"""Authentication methods of :class:`~pyimgur.Imgur`: OAuth2 and credits.

Imgur's state in 2026: registering new applications is closed, and the
``pin`` and ``code`` flows are deprecated (Imgur says to use ``token``);
existing client ids and tokens keep working.  OAuth calls cost no credits.
"""

from __future__ import annotations

from typing import Any, Optional
from urllib.parse import parse_qs, urlencode, urlsplit

from .. import endpoints as ep
from ..exceptions import AuthenticationError
from ..plan import Plan, action, call
from .base import ImgurBase

_RESPONSE_TYPES = ("token", "code", "pin")


class OAuthMethods(ImgurBase):
    """OAuth2 and the rate-limit budget."""

    def authorization_url(self, response: str, state: str = "") -> str:
        """The Imgur page where a user authorizes this application (no request).

        :param response: ``"token"`` (the one Imgur still recommends: the
            tokens come back in the redirect URL's fragment, read them with
            :meth:`parse_token_redirect`), ``"code"`` or ``"pin"`` (exchanged
            with :meth:`exchange_code` / :meth:`exchange_pin`).
        :param state: any text Imgur hands back unchanged in the redirect.
        """
        if response not in _RESPONSE_TYPES:
            raise ValueError(f"response must be one of {', '.join(_RESPONSE_TYPES)}")
        query = {"client_id": self.credentials.client_id, "response_type": response}
        if state:
            query["state"] = state
        return f"{self.transport.base_url}{ep.OAUTH_AUTHORIZE_PATH}?{urlencode(query)}"

    def exchange_pin(self, pin: str) -> tuple[str, Optional[str]]:
        """Exchange a one-use PIN for ``(access_token, refresh_token)`` and use them.

        Costs 1 request (no credits).  Needs the client secret.
        """
        return self._exchange("pin", pin=_non_empty("pin", pin))

    def exchange_code(self, code: str) -> tuple[str, Optional[str]]:
        """Exchange a one-use code for ``(access_token, refresh_token)`` and use them.

        Costs 1 request (no credits).  Needs the client secret.
        """
        return self._exchange("authorization_code", code=_non_empty("code", code))

    def _exchange(self, grant_type: str, **values: str) -> tuple[str, Optional[str]]:
        answer = self.credentials.token_request(self.transport, grant_type, **values)
        return self.credentials.store(answer)

    def parse_token_redirect(self, url: str) -> dict[str, str]:
        """Read the tokens from the redirect URL of the ``token`` flow and use them.

        The tokens travel in the URL's fragment (``#access_token=...``).  Returns
        the fragment's values (``access_token``, ``refresh_token``,
        ``expires_in``, ``account_username``, ...).  No request.

        :raises AuthenticationError: the redirect carries an ``error`` (the user
            refused) or no access token.
        """
        parts = urlsplit(url)
        values = {k: v[0] for k, v in parse_qs(parts.fragment or parts.query).items() if v}
        if "error" in values:
            raise AuthenticationError(f"authorization refused: {values['error']}")
        if not values.get("access_token"):
            raise AuthenticationError("the redirect URL carries no access_token")
        self.credentials.store(values)
        return values

    def refresh_access_token(self) -> str:
        """Get a new access token with the refresh token, use it and return it.

        A rotated refresh token is kept too.  Costs 1 request (no credits).
        pyimgur also does this by itself when Imgur refuses an expired token.
        """
        if not self.credentials.refresh_token:
            raise AuthenticationError("no refresh_token is set")
        return self.credentials.refresh(self.transport)

    def change_authentication(
        self,
        client_id: Optional[str] = None,
        client_secret: Optional[str] = None,
        access_token: Optional[str] = None,
        refresh_token: Optional[str] = None,
    ) -> None:
        """Replace the given parts of the authentication (``None`` keeps a part).
        No request.

        What no longer matches is dropped: a new ``client_id``, or a
        ``client_secret`` other than the one set, drops the old client's tokens
        (except those given in the same call; a secret given where none was set
        keeps them), and a new ``refresh_token`` given without an
        ``access_token`` drops the old access token (it belonged to the
        previous user).  To act as another user, give their refresh token (and
        access token, if you have one); an ``access_token`` given alone keeps
        the refresh token, which must then be the same user's.

        :raises ValueError: a blank part, or one holding whitespace or control
            characters (surrounding whitespace is stripped; nothing is changed).
        """
        self.credentials.change(client_id, client_secret, access_token, refresh_token)
        self.cache.clear()

    @property
    def credits(self) -> dict[str, int]:
        """The rate-limit budget from the latest response (no request).

        Keys: ``UserLimit``, ``UserRemaining``, ``UserReset`` (epoch),
        ``ClientLimit``, ``ClientRemaining``, and ``PostLimit``,
        ``PostRemaining``, ``PostReset`` (seconds) after a POST; with pacing
        on, ``PaceDelay``: the seconds the next request would wait.
        """
        credits = self.transport.ratelimits.credits
        if self.transport.pacer is not None:
            credits["PaceDelay"] = self.transport.pacer.pace_seconds()
        return credits

    @action
    def get_credits(self) -> Plan[dict[str, int]]:
        """Ask Imgur for the budget (``GET /3/credits``, 1 request) and return it."""
        data: Any = (yield call(ep.CREDITS))
        if isinstance(data, dict):
            self.transport.ratelimits.set_all(data)
        return self.credits


def _non_empty(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string")
    if not value.strip():
        raise ValueError(f"{name} must not be empty")
    return value.strip()
