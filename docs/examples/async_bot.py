"""thanks_bot: uploads a thank-you card once, then answers "!thanks" under a gallery post."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable
from typing import Callable, TypeVar

import pyimgur

TRIGGER = "!thanks"
T = TypeVar("T")
Sleep = Callable[[float], Awaitable[object]]


async def patiently(action: Callable[[], Awaitable[T]], sleep: Sleep = asyncio.sleep) -> T:
    """Run ``action``; after a 429, wait what Imgur asks (at most an hour) and run it again.

    Safe for writes too: a refused request (429) was not carried out.
    """
    while True:
        try:
            return await action()
        except pyimgur.RateLimitError as limited:
            await sleep(min(limited.retry_after or 60.0, 3600.0))


async def upload_card(im: pyimgur.AsyncImgur, path: str, sleep: Sleep = asyncio.sleep) -> str:
    """Upload the card (streamed from disk) and return its link."""
    card = await patiently(lambda: im.upload_image(path, title="Thank you!"), sleep)
    return card.link


async def thank(im: pyimgur.AsyncImgur, post_id: str, card: str, answered: set[int],
                sleep: Sleep = asyncio.sleep) -> int:
    """Answer each new comment under the post that says TRIGGER; returns how many."""
    post = await im.get_gallery_item(post_id)  # loaded: one request
    replies = 0
    async for comment in post.get_comments(sort="new"):  # one request per page
        if comment.id in answered:
            continue
        answered.add(comment.id)
        if comment.author is None or TRIGGER not in comment.text.lower():
            continue  # no author: a deleted comment
        text = f"Thanks, {comment.author.name}! {card}"
        await patiently(lambda c=comment, t=text: c.reply(t), sleep)
        replies += 1
    return replies


async def main() -> None:
    async with pyimgur.AsyncImgur(
        os.environ["IMGUR_CLIENT_ID"], os.environ["IMGUR_CLIENT_SECRET"],
        refresh_token=os.environ["IMGUR_REFRESH_TOKEN"],
        user_agent="thanks-bot/1.0 (by u/yourname)",
    ) as im:
        card = await upload_card(im, "thank-you.png")
        answered: set[int] = set()
        while True:  # in a real bot, one task among the others of its event loop
            await thank(im, os.environ["THANKS_POST_ID"], card, answered)
            await asyncio.sleep(300)


if __name__ == "__main__":
    asyncio.run(main())
