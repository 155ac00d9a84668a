"""``python -m pyimgur.testing serve [--port 0] [--https] [--lifetime SECONDS]``

Serves the seeded sandbox on 127.0.0.1.  The first line printed is the base
URL alone (so a script can read it); the next lines give the certificate path
(HTTPS), the seeded client id and secret and the test user's tokens.  The
server stops after ``--lifetime`` seconds (default 600) or on Ctrl-C.
"""

from __future__ import annotations

import argparse
import sys
from typing import Optional

from . import seed
from .fake import FakeImgur
from .server import SandboxServer


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pyimgur.testing",
                                     description="The pyimgur sandbox Imgur.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the seeded sandbox on 127.0.0.1")
    serve.add_argument("--port", type=int, default=0, help="0 picks a free port (default)")
    serve.add_argument("--https", action="store_true", help="TLS with a self-signed certificate")
    serve.add_argument("--lifetime", type=float, default=600.0,
                       help="stop after this many seconds (default 600)")
    serve.add_argument("--seed", type=int, default=0, help="seed of the id generator")
    serve.add_argument("--no-legacy", action="store_true",
                       help="answer the endpoints Imgur retired with 404")
    serve.add_argument("--populate", type=int, default=0, metavar="N",
                       help="add N more gallery posts (over 10 authors)")
    return parser


def main(argv: Optional[list[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    if args.lifetime <= 0:
        print("--lifetime must be more than 0", file=sys.stderr)
        return 2
    fake = FakeImgur(seed=args.seed, legacy=not args.no_legacy)
    if args.populate:
        fake.populate_gallery(args.populate, 10)
    try:
        server = SandboxServer(fake, port=args.port, https=args.https, lifetime=args.lifetime)
    except (OSError, RuntimeError) as error:
        print(f"cannot serve: {error}", file=sys.stderr)
        return 1
    server.start()
    print(server.base_url, flush=True)
    if server.cert_path:
        print(f"certificate: {server.cert_path}")
    print(f"client_id: {seed.SEED_CLIENT_ID}")
    print(f"client_secret: {seed.SEED_CLIENT_SECRET}")
    print(f"user: {seed.SEED_USER}")
    print(f"access_token: {seed.SEED_ACCESS_TOKEN}")
    print(f"refresh_token: {seed.SEED_REFRESH_TOKEN}")
    print(f"stops in {args.lifetime:g} s (Ctrl-C stops now)", flush=True)
    try:
        while not server.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
