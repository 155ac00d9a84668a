"""Streams of new items for bots: ``im.stream``, ``user.stream``, ``post.stream``
and ``tag.stream()``.

:mod:`~pyimgur.streams.core` holds the decisions (I/O-free, shared by every
flavour), :mod:`~pyimgur.streams.runner` the loop (also I/O-free) and its
sync runner, :mod:`~pyimgur.streams.aio` its async runner and
:mod:`~pyimgur.streams.sources` what each stream reads.
"""

from __future__ import annotations

from .aio import AsyncStream
from .core import MAX_INTERVAL, MIN_INTERVAL, StreamCore
from .runner import Source, Stream, StreamLoop
from .sources import ImgurStreams, PostStreams, UserStreams

__all__ = [
    "MAX_INTERVAL",
    "MIN_INTERVAL",
    "AsyncStream",
    "ImgurStreams",
    "PostStreams",
    "Source",
    "Stream",
    "StreamCore",
    "StreamLoop",
    "UserStreams",
]
