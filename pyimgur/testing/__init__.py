"""pyimgur.testing: a stateful sandbox Imgur, in process and on loopback, with fault injection.

::

    from pyimgur.testing import FakeImgur, SEED_GALLERY_IMAGE_ID

    fake = FakeImgur()                      # the seeded sample world
    im = fake.user_client()                 # logged in as SEED_USER, no socket opened
    post = im.get_gallery_item(SEED_GALLERY_IMAGE_ID)
    fake.faults.add(status=503, times=1)    # the next request fails
    with fake.serve() as url:               # the same state over HTTP on 127.0.0.1
        ...
    # httpx, in process (pip install "pyimgur[async]"):
    httpx.AsyncClient(transport=fake.async_transport())     # or AsyncImgur(..., sandbox=fake)

See :class:`FakeImgur` for the helpers, :mod:`pyimgur.testing.faults` for the
fault kinds and :mod:`pyimgur.testing.seed` for the sample world.
"""

from __future__ import annotations

from .engine import Interrupt, Record
from .fake import FakeImgur
from .faults import Fault, Faults
from .protocol import SHAPES, SandboxRequest, SandboxResponse
from .seed import (
    SEED_ACCESS_TOKEN,
    SEED_ALBUM_DELETEHASH,
    SEED_ALBUM_ID,
    SEED_ANON_ALBUM_DELETEHASH,
    SEED_ANON_ALBUM_ID,
    SEED_ANON_IMAGE_DELETEHASH,
    SEED_ANON_IMAGE_ID,
    SEED_CLIENT_ID,
    SEED_CLIENT_SECRET,
    SEED_COMMENT_ID,
    SEED_CONVERSATION_ID,
    SEED_CUSTOM_GALLERY_ID,
    SEED_GALLERY_ALBUM_ID,
    SEED_GALLERY_IMAGE_ID,
    SEED_GIF_ID,
    SEED_IMAGE_DELETEHASH,
    SEED_IMAGE_ID,
    SEED_MEME_ID,
    SEED_NESTED_REPLY_ID,
    SEED_OTHER_USERS,
    SEED_REFRESH_TOKEN,
    SEED_REPLY_ID,
    SEED_SUBREDDIT,
    SEED_SUBREDDIT_IMAGE_ID,
    SEED_TAG,
    SEED_TAGS,
    SEED_TOPIC_ID,
    SEED_USER,
    SEED_VIDEO_ID,
)
from .timeline import SimulatedTime

__all__ = [
    "SEED_ACCESS_TOKEN",
    "SEED_ALBUM_DELETEHASH",
    "SEED_ALBUM_ID",
    "SEED_ANON_ALBUM_DELETEHASH",
    "SEED_ANON_ALBUM_ID",
    "SEED_ANON_IMAGE_DELETEHASH",
    "SEED_ANON_IMAGE_ID",
    "SEED_CLIENT_ID",
    "SEED_CLIENT_SECRET",
    "SEED_COMMENT_ID",
    "SEED_CONVERSATION_ID",
    "SEED_CUSTOM_GALLERY_ID",
    "SEED_GALLERY_ALBUM_ID",
    "SEED_GALLERY_IMAGE_ID",
    "SEED_GIF_ID",
    "SEED_IMAGE_DELETEHASH",
    "SEED_IMAGE_ID",
    "SEED_MEME_ID",
    "SEED_NESTED_REPLY_ID",
    "SEED_OTHER_USERS",
    "SEED_REFRESH_TOKEN",
    "SEED_REPLY_ID",
    "SEED_SUBREDDIT",
    "SEED_SUBREDDIT_IMAGE_ID",
    "SEED_TAG",
    "SEED_TAGS",
    "SEED_TOPIC_ID",
    "SEED_USER",
    "SEED_VIDEO_ID",
    "SHAPES",
    "FakeImgur",
    "Fault",
    "Faults",
    "Interrupt",
    "Record",
    "SandboxRequest",
    "SandboxResponse",
    "SimulatedTime",
]
