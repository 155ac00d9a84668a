"""The loopback server: HTTP and HTTPS, the CDN, lifetime, clean shutdown, the command line."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest
import requests
from sandbox_helpers import RawAPI

import pyimgur
from pyimgur import endpoints as ep
from pyimgur.testing import SEED_ACCESS_TOKEN, SEED_CLIENT_ID, SEED_IMAGE_ID, FakeImgur, tls
from pyimgur.testing.server import SandboxServer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _sandbox_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate()
            if t is not threading.main_thread() and t.name != "MainThread"]


def test_http_serves_the_same_state(fake: FakeImgur) -> None:
    before = set(_sandbox_threads())
    with fake.serve() as url:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        raw = RawAPI(fake, base=url)
        image = raw.data("GET", f"3/image/{SEED_IMAGE_ID}")
        assert image["link"] == f"{url}cdn/{SEED_IMAGE_ID}.png"
        cdn = raw.session.get(image["link"])
        assert cdn.content == fake.state.images[SEED_IMAGE_ID].data
        made = raw.data("POST", "3/comment", auth="user",
                        data={"image_id": "Sb0xGal", "comment": "over HTTP"})
        assert fake.state.comments[made["id"]].comment == "over HTTP"
        raw.close()
    assert set(_sandbox_threads()) <= before  # no thread left behind
    with pytest.raises(requests.ConnectionError):
        requests.get(url + f"3/image/{SEED_IMAGE_ID}", timeout=2)


def test_keep_alive_connections_do_not_block_stop(fake: FakeImgur) -> None:
    server = fake.start_server(lifetime=60)
    session = requests.Session()
    for _ in range(3):
        session.get(server.base_url + f"3/image/{SEED_IMAGE_ID}",
                    headers={"Authorization": f"Client-ID {SEED_CLIENT_ID}"}, timeout=5)
    started = time.monotonic()
    server.stop()  # the pooled connection is still open on the client side
    assert time.monotonic() - started < 3
    assert server.stopped.is_set()
    session.close()


def test_https_with_generated_certificate(fake: FakeImgur) -> None:
    assert tls.available() in ("openssl", "cryptography"), "no way to make a certificate"
    with fake.serve(https=True) as url:
        assert url.startswith("https://127.0.0.1:")
        assert url.cert_path and os.path.exists(url.cert_path)
        im = pyimgur.Imgur(SEED_CLIENT_ID, access_token=SEED_ACCESS_TOKEN, base_url=url,
                           verify=url.cert_path)
        assert im.transport.request(ep.ACCOUNT, username="me")["url"]
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(url + f"3/image/{SEED_IMAGE_ID}", timeout=5)  # untrusted by default
        cert = url.cert_path
        im.close()
    assert not os.path.exists(cert)  # removed with the server


def test_lifetime_stops_the_server(fake: FakeImgur) -> None:
    server = SandboxServer(fake, lifetime=0.3).start()
    assert server.wait(5)
    with pytest.raises(requests.ConnectionError):
        requests.get(server.base_url, timeout=2)
    server.stop()  # idempotent


def test_only_loopback(fake: FakeImgur) -> None:
    with pytest.raises(ValueError, match="loopback"):
        SandboxServer(fake, host="0.0.0.0")  # noqa: S104


def test_concurrent_clients_over_http() -> None:
    fake = FakeImgur()
    with fake.serve() as url:
        errors: list[BaseException] = []

        def work() -> None:
            try:
                client = pyimgur.Imgur(SEED_CLIENT_ID, access_token=SEED_ACCESS_TOKEN,
                                       base_url=url)
                for _ in range(10):
                    client.transport.request(ep.COMMENT_CREATE,
                                             data={"image_id": "Sb0xGal", "comment": "x"})
                client.close()
            except BaseException as error:  # pragma: no cover - reported below
                errors.append(error)

        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    assert errors == []
    assert fake.count_applied("POST", r"^3/comment$") == 80
    ids = [c.id for c in fake.state.comments.values()]
    assert len(ids) == len(set(ids))


def test_command_line_serves_and_stops() -> None:
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    process = subprocess.Popen(
        [sys.executable, "-m", "pyimgur.testing", "serve", "--port", "0", "--lifetime", "20"],
        stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        answer = requests.get(url + f"3/image/{SEED_IMAGE_ID}",
                              headers={"Authorization": f"Client-ID {SEED_CLIENT_ID}"},
                              timeout=5)
        assert answer.json()["data"]["id"] == SEED_IMAGE_ID
    finally:
        process.terminate()
        process.wait(10)
        if process.stdout is not None:
            process.stdout.close()


def test_command_line_lifetime_ends_the_process() -> None:
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run(
        [sys.executable, "-m", "pyimgur.testing", "serve", "--https", "--lifetime", "0.5"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("https://127.0.0.1:")
    assert lines[1].startswith("certificate: ")
