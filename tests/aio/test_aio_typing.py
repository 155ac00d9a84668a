"""What a user's type checker sees: awaitable actions on async objects, plain ones on sync.

mypy (strict) checks a small user program; the lines that must be errors are
marked and must be reported, every other line must pass.  A known limit, shown
here: an object that an action or a relation makes is typed as its sync class
(``comment.reply()`` gives a ``Comment``), so its actions need an
``isinstance(reply, AsyncComment)`` first; factories and ``load()`` are exact.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

mypy_api = pytest.importorskip("mypy.api")

PROGRAM = '''
from __future__ import annotations

import pyimgur
import pyimgur.aio


async def bot(im: pyimgur.AsyncImgur, sync: pyimgur.Imgur) -> None:
    image = await im.get_image("abc")
    now: bool = await image.favorite()
    title: str | None = image.title
    comment = await im.get_comment(1)
    reply = await comment.reply("hi")
    await reply.delete()  # ERROR: misc
    assert isinstance(reply, pyimgur.aio.AsyncComment)  # objects an action makes: narrow
    await reply.delete()
    async for post in im.get_gallery(limit=3):
        await post.upvote()
    handle = await im.get_image("abc", fetch=False)
    await handle.load()
    album = await im.get_album("x")
    paths: list[str] = await album.download("folder")
    plain = sync.get_image("abc")
    done: bool = plain.favorite()
    await plain.favorite()  # ERROR: misc
    image.favorite()  # ERROR: unused-coroutine
    for item in sync.get_gallery(limit=3):
        item.upvote()
    del now, title, paths, done
'''


def test_user_code_type_checks(tmp_path: Path) -> None:
    source = tmp_path / "user_bot.py"
    source.write_text(PROGRAM)
    limit = sys.getrecursionlimit()
    try:
        out, err, _status = mypy_api.run(
            ["--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache"),
             "--python-version", "3.11", str(source)]
        )
    finally:
        sys.setrecursionlimit(limit)  # mypy raises it for the whole process
    reported = {int(m.group(1)): m.group(2)
                for m in re.finditer(r"user_bot\.py:(\d+): error: .*\[([a-z-]+)\]", out)}
    wanted = {number: re.search(r"ERROR: ([a-z-]+)", line).group(1)  # type: ignore[union-attr]
              for number, line in enumerate(PROGRAM.splitlines(), start=1) if "ERROR:" in line}
    assert reported == wanted, out + err
