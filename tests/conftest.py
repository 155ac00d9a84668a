"""Shared fixtures: a requests-mock'ed Imgur API and clients attached to it.

No test here reaches the network: requests-mock refuses any URL that was not
registered.
"""

from __future__ import annotations

from typing import Any, Optional

import pytest
import requests_mock

import pyimgur

API = "https://api.imgur.com/"


def pytest_addoption(parser: Any) -> None:
    parser.addoption(
        "--reliability-report",
        action="store_true",
        default=False,
        help="print the reliability figures and the fault matrix tables at the end of the run",
    )


class MockAPI:
    """Registers Imgur answers on a requests-mock ``Mocker`` and reads its history."""

    def __init__(self, mocker: requests_mock.Mocker) -> None:
        self.mocker = mocker

    def add(
        self,
        method: str,
        path: str,
        data: Any = None,
        status: int = 200,
        json: Any = None,
        headers: Optional[dict[str, str]] = None,
        **kwargs: Any,
    ) -> Any:
        """Answer ``method API/path`` with the envelope of ``data`` (or ``json`` as is).

        ``path`` is relative to https://api.imgur.com/ (e.g. ``"3/image/abc"``).
        Pass ``response_list=[...]`` for a sequence of answers.
        """
        url = API + path
        if "response_list" in kwargs:
            return self.mocker.register_uri(method, url, kwargs.pop("response_list"), **kwargs)
        raw = ("text", "content", "exc", "body")
        if json is None and not any(key in kwargs for key in raw):
            json = {"data": data, "success": status < 400, "status": status}
        if json is not None:
            kwargs["json"] = json
        if "exc" in kwargs:
            return self.mocker.register_uri(method, url, **kwargs)
        return self.mocker.register_uri(
            method, url, status_code=status, headers=headers or {}, **kwargs
        )

    @property
    def calls(self) -> list[Any]:
        """Every request made, in order."""
        return list(self.mocker.request_history)

    @property
    def count(self) -> int:
        """How many HTTP requests were made."""
        return self.mocker.call_count


def envelope(data: Any, status: int = 200) -> dict[str, Any]:
    return {"data": data, "success": status < 400, "status": status}


@pytest.fixture
def api() -> Any:
    with requests_mock.Mocker() as mocker:
        yield MockAPI(mocker)


def _no_sleep(imgur: pyimgur.Imgur) -> pyimgur.Imgur:
    imgur.transport.sleep = lambda seconds: None
    return imgur


@pytest.fixture
def im(api: MockAPI) -> pyimgur.Imgur:
    """An anonymous client (client id only); backoff sleeps cost no time."""
    return _no_sleep(pyimgur.Imgur("test-client-id"))


@pytest.fixture
def user_im(api: MockAPI) -> pyimgur.Imgur:
    """A client logged in as a user, able to refresh its token."""
    return _no_sleep(
        pyimgur.Imgur(
            "test-client-id",
            "test-client-secret",
            access_token="access-token-1",
            refresh_token="refresh-token-1",
        )
    )
