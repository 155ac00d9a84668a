"""What the benchmark pieces share: run sizes, the per-run context, the sandbox server process.

The sandbox server runs in its own process (``bench/server.py``) so that the
client being measured has its interpreter, its core and its memory to itself.
The runner talks to it over the server's stdin/stdout: ``count`` (how many
requests the sandbox received, the harness's source of truth for request
counts), ``purge`` (drop uploaded files and the request log, so 200 MB
uploads do not pile up in the server), ``latency MS`` (the delay added to
every request from then on) and ``quit``.
"""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import sys
from dataclasses import asdict, dataclass
from typing import Any, Callable, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:
    # measure the pyimgur of this checkout, installed or not
    sys.path.insert(0, ROOT)

import requests  # noqa: E402

import pyimgur  # noqa: E402
from pyimgur import Imgur  # noqa: E402
from pyimgur.testing import SEED_CLIENT_ID  # noqa: E402

KB = 1024
MB = 1024 * KB
#: (connect, read) timeout of the plain session, the same as pyimgur's default
TIMEOUT = (5.0, 30.0)


@dataclass(frozen=True)
class Sizes:
    """How big each scenario is, and how many times it is timed."""

    mode: str
    images: int = 200
    gallery_items: int = 120
    gallery_authors: int = 10
    album_images: int = 50
    downloads: int = 20
    download_bytes: int = 2 * MB
    upload_image_bytes: int = 20 * MB
    upload_video_bytes: int = 200 * MB
    parse_items: int = 100
    parallel_files: int = 4
    parallel_bytes: int = 200 * MB
    repeats: int = 9
    warmup: bool = True
    hasattr_loops: int = 200_000
    parse_loops: int = 40
    #: issue 16: images loaded at once, and the latency added while they load
    concurrent_images: int = 50
    concurrent_latency_ms: float = 20.0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


MODES = {
    # what issue 9 asks for
    "full": Sizes("full"),
    # for CI: the same scenarios, smaller uploads, fewer repeats
    "quick": Sizes(
        "quick", upload_image_bytes=2 * MB, upload_video_bytes=20 * MB, repeats=3,
        warmup=False, hasattr_loops=50_000, parse_loops=10, parallel_bytes=8 * MB,
    ),
    # for the harness's own test: seconds, counts only
    "tiny": Sizes(
        "tiny", images=20, downloads=3, download_bytes=256 * KB, upload_image_bytes=256 * KB,
        upload_video_bytes=1 * MB, repeats=1, warmup=False, hasattr_loops=1000, parse_loops=1,
        parallel_bytes=256 * KB, concurrent_images=10,
    ),
}


class Ctx:
    """One protocol's run: where the sandbox is, its fixtures, and client factories.

    Every client made here counts the HTTP responses it receives in
    :attr:`hits` (a response hook), to cross-check the server's count.
    """

    def __init__(
        self,
        url: str,
        cert: Optional[str],
        fixtures: dict[str, Any],
        sizes: Sizes,
        workdir: str,
        server_count: Optional[Callable[[], int]] = None,
    ) -> None:
        self.url = url
        self.cert = cert
        self.fx = fixtures
        self.sizes = sizes
        self.workdir = workdir
        self.server_count = server_count
        self.hits = 0

    def _hook(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        self.hits += 1

    @property
    def verify(self) -> Any:
        return self.cert or True

    def imgur(self) -> Imgur:
        """A fresh anonymous pyimgur client (default settings, so a 60 s shared-fetch cache)."""
        im = Imgur(SEED_CLIENT_ID, base_url=self.url, verify=self.verify)
        im.transport.session.hooks["response"].append(self._hook)
        return im

    def session(self) -> requests.Session:
        """A fresh plain ``requests.Session`` set up as a careful script would."""
        session = requests.Session()
        # (requests lets REQUESTS_CA_BUNDLE override ``session.verify``, so
        # every plain call passes ``verify=ctx.verify`` itself, as pyimgur does)
        session.headers["Authorization"] = f"Client-ID {SEED_CLIENT_ID}"
        session.hooks["response"].append(self._hook)
        return session

    def async_imgur(self) -> Any:
        """A fresh anonymous ``pyimgur.AsyncImgur`` (enter it inside the loop that uses it)."""
        count_httpx_responses(self)
        return pyimgur.AsyncImgur(SEED_CLIENT_ID, base_url=self.url, verify=self.verify)

    def async_session(self) -> Any:
        """A fresh plain ``httpx.AsyncClient`` set up as a careful script would."""
        import httpx

        count_httpx_responses(self)
        verify: Any = ssl.create_default_context(cafile=self.cert) if self.cert else True
        return httpx.AsyncClient(
            base_url=self.url, verify=verify, timeout=httpx.Timeout(TIMEOUT[1], connect=TIMEOUT[0]),
            headers={"Authorization": f"Client-ID {SEED_CLIENT_ID}"})

    def get(self, session: requests.Session, path: str, **params: Any) -> Any:
        """GET an API path with a plain session and unwrap the envelope."""
        response = session.get(self.url + path, params=params or None, timeout=TIMEOUT,
                               verify=self.verify)
        response.raise_for_status()
        return response.json()["data"]


_COUNTING: list[Ctx] = []


def count_httpx_responses(ctx: Ctx) -> None:
    """Count every response any httpx async client of this process receives in ``ctx.hits``.

    pyimgur's AsyncImgur makes its own ``httpx.AsyncClient``; counting at the
    transport counts its responses and the plain client's the same way (and
    costs both sides the same).
    """
    import httpx

    if not _COUNTING:
        send = httpx.AsyncHTTPTransport.handle_async_request

        async def counted(transport: Any, request: Any) -> Any:
            response = await send(transport, request)
            _COUNTING[0].hits += 1
            return response

        httpx.AsyncHTTPTransport.handle_async_request = counted  # type: ignore[method-assign]
        _COUNTING.append(ctx)
    _COUNTING[0] = ctx


class Server:
    """``bench/server.py`` in a child process, with its control channel."""

    def __init__(self, https: bool, latency_ms: float, mode: str,
                 connect_ms: float = 0.0) -> None:
        command = [sys.executable, os.path.join(HERE, "server.py"), "--mode", mode,
                   "--latency-ms", str(latency_ms), "--connect-ms", str(connect_ms)]
        if https:
            command.append("--https")
        self.protocol = "https" if https else "http"
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, bufsize=1)
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        if not line:
            error = self.proc.stderr.read() if self.proc.stderr else ""
            self.proc.wait(10)
            raise RuntimeError(f"the sandbox server did not start ({self.protocol}): {error}")
        info = json.loads(line)
        self.url: str = info["url"]
        self.cert: Optional[str] = info["cert_path"]
        self.fixtures: dict[str, Any] = info["fixtures"]

    def ask(self, command: str) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the sandbox server stopped answering ({command!r})")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def count(self) -> int:
        return int(self.ask("count")["count"])

    def purge(self) -> None:
        self.ask("purge")

    def latency(self, ms: float) -> None:
        """Add ``ms`` milliseconds to every request from now on (0: none)."""
        self.ask(f"latency {ms:g}")

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                self.ask("quit")
                self.proc.wait(15)
            except (RuntimeError, OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait(5)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
