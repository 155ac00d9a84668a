"""The benchmark's sandbox: ``python bench/server.py [--https] [--latency-ms MS] [--mode M]``.

Builds the fixtures every scenario needs in a :class:`pyimgur.testing.FakeImgur`
(through its public helpers and its ``state``), serves it on 127.0.0.1, and
prints one JSON line: ``{"url", "cert_path", "fixtures"}``.  Then it answers
one JSON line per command read on stdin (``count``, ``purge``, ``latency MS``, ``quit``) and
stops at ``quit`` or when stdin closes (the runner went away).

Fixtures (ids are deterministic):

* ``images``: plain PNGs titled ``Bench image N`` (scenario 1, 4);
* 120 gallery posts by 10 authors, the newest in the ``user`` section (2);
* ``album``: an album of 50 titled images (3);
* ``big_album``: an album of the ``download_bytes`` images to download (5, 8, 9);
* ``huge_album``: an album of ``parallel_files`` images of ``parallel_bytes`` (11).

``--latency-ms`` adds that delay to every request (the sandbox's ``slow``
fault, kept forever), CDN files included.  ``--connect-ms`` adds that delay
once per new connection, before its first answer (what a TCP and TLS
handshake to a distant server costs), so that reusing connections pays.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from typing import Any

from harness import MODES, Sizes

from pyimgur.testing import FakeImgur
from pyimgur.testing.media import png

#: the sandbox's own credit budgets would run out over a long benchmark
UNLIMITED = 10**12


def big_png(size: int, number: int) -> bytes:
    """``size`` bytes that the sandbox takes for a PNG: a real header, then noise."""
    head = png(16, 16, (number * 11 % 256, 90, 160))
    return head + random.Random(number).randbytes(max(0, size - len(head)))


def build(fake: FakeImgur, sizes: Sizes) -> dict[str, Any]:
    """Add every fixture to ``fake``; return the ids the scenarios use."""
    images = [fake.add_image(title=f"Bench image {n}").id for n in range(sizes.images)]
    fake.populate_gallery(sizes.gallery_items, sizes.gallery_authors, comments_per_item=0)
    album = fake.add_album(sizes.album_images, title="Fifty images")
    big = [
        fake.add_image(title=f"Big image {n}", data=big_png(sizes.download_bytes, n)).id
        for n in range(sizes.downloads)
    ]
    big_album = fake.add_album(0, title="Downloads")
    with fake.lock:
        big_album.images.extend(big)
    huge_bytes = big_png(sizes.parallel_bytes, 1000)  # one copy in memory, shared
    huge = [fake.add_image(title=f"Huge image {n}", data=huge_bytes).id
            for n in range(sizes.parallel_files)]
    huge_album = fake.add_album(0, title="Huge")
    with fake.lock:
        huge_album.images.extend(huge)
    return {
        "images": images,
        "album": album.id,
        "big_album": big_album.id,
        "huge_album": huge_album.id,
        "huge_bytes": sizes.parallel_bytes * sizes.parallel_files,
        "download_bytes": sizes.download_bytes * sizes.downloads,
    }


def set_latency(fake: FakeImgur, ms: float) -> None:
    """Add ``ms`` milliseconds to every request (a ``slow`` fault kept forever)."""
    fake.faults.clear()  # the only faults of the benchmark's sandbox are its latency
    if ms > 0:
        fake.faults.add("slow", times=None, delay=ms / 1000.0)


def control(fake: FakeImgur, keep: set[str]) -> None:
    """Answer the runner's commands until ``quit`` or end of input."""
    counted_before = 0  # requests dropped from the log by earlier purges
    for line in sys.stdin:
        command = line.strip()
        if command == "count":
            answer: dict[str, Any] = {"count": counted_before + fake.request_count}
        elif command == "purge":
            with fake.lock:
                counted_before += fake.request_count
                fake.reset_log()  # the log keeps request bodies: 200 MB per upload
                for image_id in [i for i in fake.state.images if i not in keep]:
                    del fake.state.images[image_id]
            answer = {"ok": True}
        elif command.startswith("latency "):
            set_latency(fake, float(command.split()[1]))
            answer = {"ok": True}
        elif command == "quit":
            print(json.dumps({"ok": True}), flush=True)
            return
        else:
            answer = {"error": f"unknown command {command!r}"}
        print(json.dumps(answer), flush=True)


def delay_new_connections(server: Any, seconds: float) -> None:
    """Make each new connection wait ``seconds`` before it is served (bench only)."""
    httpd = server._httpd  # the sandbox's ThreadingHTTPServer
    serve = httpd.process_request_thread

    def delayed(request: Any, client_address: Any) -> None:
        time.sleep(seconds)
        serve(request, client_address)

    httpd.process_request_thread = delayed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--https", action="store_true")
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--connect-ms", type=float, default=0.0)
    parser.add_argument("--mode", choices=sorted(MODES), default="full")
    args = parser.parse_args()
    fake = FakeImgur(seeded=False, user_limit=UNLIMITED, client_limit=UNLIMITED,
                     post_limit=UNLIMITED, processing_polls=0)
    fixtures = build(fake, MODES[args.mode])
    keep = set(fake.state.images)
    set_latency(fake, args.latency_ms)
    with fake.serve(https=args.https, lifetime=3 * 3600) as url:
        if args.connect_ms > 0:
            delay_new_connections(url.server, args.connect_ms / 1000.0)
        print(json.dumps({"url": str(url), "cert_path": url.cert_path, "fixtures": fixtures}),
              flush=True)
        control(fake, keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
