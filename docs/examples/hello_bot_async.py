"""hello_bot_async: hello_bot for asyncio programs, the same behaviour, awaited."""

from __future__ import annotations

import asyncio
import json
import os
import pathlib
from typing import Any, Optional

import pyimgur

TRIGGER = "!hello"


def save(path: pathlib.Path, data: Any) -> None:
    """Write JSON so that a crash never leaves half a file."""
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(data))
    os.replace(partial, path)


async def run(
    im: pyimgur.AsyncImgur, state_path: pathlib.Path, pause_after: Optional[int] = None
) -> None:
    """Answer each new reply that says TRIGGER; resume where the last run stopped."""
    state = json.loads(state_path.read_text()) if state_path.exists() else None
    inbox = im.stream.notifications(mark_viewed=True, state=state, pause_after=pause_after)
    async for note in inbox:
        if note is None:  # caught up (only with pause_after): stop
            return
        comment = note.content
        wanted = note.kind == "reply" and comment.author is not None  # None: deleted
        if wanted and TRIGGER in comment.text.lower():
            await comment.reply(f"Hello, {comment.author.name}!")
        save(state_path, inbox.state)


def connect(tokens: pathlib.Path) -> pyimgur.AsyncImgur:
    """A paced session whose tokens outlive restarts (saved at each refresh)."""
    saved = json.loads(tokens.read_text()) if tokens.exists() else None
    access, refresh = saved or (None, os.environ["IMGUR_REFRESH_TOKEN"])
    return pyimgur.AsyncImgur(
        os.environ["IMGUR_CLIENT_ID"], os.environ["IMGUR_CLIENT_SECRET"], access, refresh,
        pace=True,
        user_agent="hello-bot/1.0 (by u/yourname)",
        on_token_refresh=lambda access, refresh: save(tokens, [access, refresh]),
    )


async def main() -> None:
    async with connect(pathlib.Path("hello-bot-tokens.json")) as im:  # keep the file private
        await run(im, pathlib.Path("hello-bot-state.json"))


if __name__ == "__main__":
    asyncio.run(main())
