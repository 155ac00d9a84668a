"""The pytest plugin: the ``fake_imgur``, ``imgur`` and ``fake_imgur_url`` fixtures."""

from __future__ import annotations

import configparser
import os
from importlib import metadata

import pytest

pytest_plugins = ["pytester"]

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

BOT_TESTS = '''
import requests
from pyimgur import endpoints as ep
from pyimgur.testing import FakeImgur, SEED_GALLERY_IMAGE_ID, SEED_USER

def test_fixtures(fake_imgur, imgur):
    assert isinstance(fake_imgur, FakeImgur)
    assert imgur.transport.request(ep.ACCOUNT, username="me")["url"] == SEED_USER
    imgur.transport.request(ep.COMMENT_CREATE,
                            data={"image_id": SEED_GALLERY_IMAGE_ID, "comment": "bot"})
    assert fake_imgur.count_applied("POST", r"^3/comment$") == 1

def test_fresh_sandbox_per_test(fake_imgur):
    assert fake_imgur.request_count == 0
    assert fake_imgur.count_applied("POST") == 0

def test_served(fake_imgur_url, fake_imgur):
    answer = requests.get(fake_imgur_url + "3/credits",
                          headers={"Authorization": "Client-ID 5eedc11e47a1d00"}, timeout=5)
    assert answer.json()["success"] is True
    assert fake_imgur.request_count == 1
'''


def test_fixtures_in_a_bot_project(pytester: pytest.Pytester,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # Load the plugin by module name whether or not pyimgur is installed (the
    # entry point is checked separately below).
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makepyfile(test_bot=BOT_TESTS)
    result = pytester.runpytest("-p", "pyimgur.testing.pytest_plugin", "-q")
    result.assert_outcomes(passed=3)


def test_entry_point_is_declared() -> None:
    parser = configparser.ConfigParser()
    parser.read(os.path.join(ROOT, "setup.cfg"))
    declared = parser["options.entry_points"]["pytest11"]
    assert "pyimgur = pyimgur.testing.pytest_plugin" in declared
    found = metadata.entry_points()
    group = (found.select(group="pytest11") if hasattr(found, "select")  # Python 3.10+
             else found.get("pytest11", []))  # type: ignore[attr-defined]
    installed = [e for e in group if e.name == "pyimgur"]
    for entry in installed:  # when pyimgur is installed, it points at the plugin
        assert entry.value == "pyimgur.testing.pytest_plugin"


def test_fixture_functions_directly() -> None:
    from pyimgur.testing import FakeImgur, pytest_plugin

    fake = pytest_plugin.fake_imgur.__wrapped__()  # type: ignore[attr-defined]
    assert isinstance(fake, FakeImgur)
    client_gen = pytest_plugin.imgur.__wrapped__(fake)  # type: ignore[attr-defined]
    client = next(client_gen)
    assert client.credentials.is_user
    client_gen.close()


# -- async_imgur ------------------------------------------------------------------------------
ASYNC_BOT_TESTS = '''
import pytest
from pyimgur.testing import SEED_USER

def test_unentered_and_wired(async_imgur, fake_imgur):
    assert async_imgur.sandbox is fake_imgur
    assert async_imgur.refresh_token
    assert fake_imgur.request_count == 0  # nothing sent before the test enters it

@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", ["asyncio", "trio"])
async def test_under_anyio(async_imgur, fake_imgur, anyio_backend):
    async with async_imgur as im:
        assert (await im.get_current_user()).name == SEED_USER
    assert fake_imgur.request_count == 1
    assert fake_imgur.requests[0].auth == "bearer"

@pytest.mark.asyncio
async def test_under_pytest_asyncio(async_imgur, fake_imgur):
    async with async_imgur as im:
        assert (await im.get_current_user()).name == SEED_USER
    assert fake_imgur.request_count == 1
'''


def test_async_imgur_fixture_under_both_runners(pytester: pytest.Pytester,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makeini("[pytest]\nasyncio_mode = strict\n"
                     "asyncio_default_fixture_loop_scope = function\n")
    pytester.makepyfile(test_async_bot=ASYNC_BOT_TESTS)
    result = pytester.runpytest("-p", "pyimgur.testing.pytest_plugin", "-p", "anyio",
                                "-p", "asyncio", "-q")
    result.assert_outcomes(passed=4)


NO_HTTPX_TESTS = '''
from pyimgur.testing import SEED_USER

def test_sync_fixtures_still_work(imgur, fake_imgur):
    assert imgur.get_user(SEED_USER).reputation >= 0
    assert fake_imgur.request_count == 1

def test_async_fixture_says_what_to_install(async_imgur):
    pass
'''


def test_the_plugin_loads_without_httpx(pytester: pytest.Pytester,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makepyfile(nohttpx="import sys\nsys.modules['httpx'] = None\n")
    pytester.makepyfile(test_no_httpx=NO_HTTPX_TESTS)
    result = pytester.runpytest_subprocess("-p", "nohttpx", "-p", "pyimgur.testing.pytest_plugin",
                                           "-q")
    result.assert_outcomes(passed=1, errors=1)
    assert 'pip install "pyimgur[async]"' in result.stdout.str()
