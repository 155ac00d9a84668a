"""What a user's type checker sees of streams: ``async for`` on the async
flavour's streams (of the session and of its objects), ``for`` on the sync ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

mypy_api = pytest.importorskip("mypy.api")

PROGRAM = '''
from __future__ import annotations

import pyimgur


async def bot(im: pyimgur.AsyncImgur, sync: pyimgur.Imgur) -> None:
    async for note in im.stream.notifications(mark_viewed=True):
        print(note)
    user = await im.get_user("someone")
    async for comment in user.stream.comments(pause_after=0):
        print(comment)
    post = await im.get_gallery_image("abc")
    async for reply in post.stream.comments():
        print(reply)
    tag = await im.get_tag("cats")
    async for item in tag.stream(skip_existing=True):
        print(item)
    for wrong in im.stream.gallery():  # ERROR: attr-defined
        print(wrong)
    for post_item in sync.stream.gallery():
        print(post_item)
    for tagged in sync.get_tag("cats").stream():
        print(tagged)
    async for also_wrong in sync.get_user("x").stream.submissions():  # ERROR: attr-defined
        print(also_wrong)
    await im.stream.gallery().aclose()
    sync.stream.notifications().close()
'''


def test_user_code_with_streams_type_checks(tmp_path: Path) -> None:
    source = tmp_path / "user_streams.py"
    source.write_text(PROGRAM)
    out, err, _status = mypy_api.run(
        ["--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache"),
         "--python-version", "3.11", str(source)]
    )
    reported = {int(m.group(1)): m.group(2)
                for m in re.finditer(r"user_streams\.py:(\d+): error: .*\[([a-z-]+)\]", out)}
    wanted = {number: re.search(r"ERROR: ([a-z-]+)", line).group(1)  # type: ignore[union-attr]
              for number, line in enumerate(PROGRAM.splitlines(), start=1) if "ERROR:" in line}
    assert reported == wanted, out + err
