"""Bad arguments raise ValueError or TypeError before any request.

Each case is called on a client whose every request would be seen by
requests-mock (nothing is registered, so a request would also fail): the
exception must be the documented one and ``api.count`` must stay 0.
"""

from __future__ import annotations

import io
from typing import Any, Callable

import pytest

import pyimgur

#: (case id, what to call with the user client, the exception it must raise; a redirect
#: URL without a token is refused as an AuthenticationError, as documented)
Case = tuple[str, Callable[[pyimgur.Imgur], Any], type[Exception]]

CASES: list[Case] = [
    # -- ids ------------------------------------------------------------------------------------
    ("get_image empty id", lambda im: im.get_image(""), ValueError),
    ("get_image blank id", lambda im: im.get_image("   "), ValueError),
    ("get_image None", lambda im: im.get_image(None), TypeError),
    ("get_image int", lambda im: im.get_image(123), TypeError),
    ("get_image fetch empty", lambda im: im.get_image("", fetch=True), ValueError),
    ("get_album empty id", lambda im: im.get_album(""), ValueError),
    ("get_album list", lambda im: im.get_album(["a"]), TypeError),
    ("get_gallery_image empty", lambda im: im.get_gallery_image(""), ValueError),
    ("get_gallery_album empty", lambda im: im.get_gallery_album(""), ValueError),
    ("get_gallery_item empty", lambda im: im.get_gallery_item(""), ValueError),
    ("get_subreddit_image empty", lambda im: im.get_subreddit_image("aww", ""), ValueError),
    ("get_subreddit_image no sub", lambda im: im.get_subreddit_image("", "abc"), ValueError),
    ("get_comment zero", lambda im: im.get_comment(0), ValueError),
    ("get_comment negative", lambda im: im.get_comment(-5), ValueError),
    ("get_comment text", lambda im: im.get_comment("abc"), TypeError),
    ("get_user empty", lambda im: im.get_user(""), ValueError),
    ("get_user None", lambda im: im.get_user(None), TypeError),
    ("get_tag empty", lambda im: im.get_tag(""), ValueError),
    ("get_message empty", lambda im: im.get_message(""), ValueError),
    ("get_notification empty", lambda im: im.get_notification(""), ValueError),
    ("get_conversation empty", lambda im: im.get_conversation(""), ValueError),
    ("get_custom_gallery empty", lambda im: im.get_custom_gallery(""), ValueError),
    # -- sorts, windows, sections, limits ---------------------------------------------------------
    ("gallery unknown section", lambda im: im.get_gallery(section="new"), ValueError),
    ("gallery unknown sort", lambda im: im.get_gallery(sort="best"), ValueError),
    ("gallery unknown window", lambda im: im.get_gallery(window="decade"), ValueError),
    ("gallery sort None", lambda im: im.get_gallery(sort=None), ValueError),
    ("gallery limit -1", lambda im: im.get_gallery(limit=-1), ValueError),
    ("gallery limit text", lambda im: im.get_gallery(limit="5"), TypeError),
    ("gallery limit float", lambda im: im.get_gallery(limit=2.5), TypeError),
    ("gallery show_viral text", lambda im: im.get_gallery(show_viral="yes"), TypeError),
    ("memes unknown sort", lambda im: im.get_memes_gallery(sort="best"), ValueError),
    ("memes limit -1", lambda im: im.get_memes_gallery(limit=-1), ValueError),
    ("subreddit empty", lambda im: im.get_subreddit_gallery(""), ValueError),
    ("subreddit unknown sort", lambda im: im.get_subreddit_gallery("aww", sort="x"), ValueError),
    ("subreddit limit -1", lambda im: im.get_subreddit_gallery("aww", limit=-1), ValueError),
    ("random limit -1", lambda im: im.get_random_gallery(limit=-1), ValueError),
    ("search no query", lambda im: im.search_gallery(), ValueError),
    ("search empty query", lambda im: im.search_gallery(q=""), ValueError),
    ("search unknown sort", lambda im: im.search_gallery(q="cat", sort="best"), ValueError),
    ("search unknown type", lambda im: im.search_gallery(q="cat", q_type="bmp"), ValueError),
    ("search query int", lambda im: im.search_gallery(q=5), TypeError),
    ("search limit -1", lambda im: im.search_gallery(q="cat", limit=-1), ValueError),
    ("tag unknown sort", lambda im: im.get_tag("cats", sort="best"), ValueError),
    ("tag unknown window", lambda im: im.get_tag("cats", window="decade"), ValueError),
    ("tag limit -1", lambda im: im.get_tag("cats", limit=-1), ValueError),
    ("tag get_items sort", lambda im: im.get_tag("cats").get_items(sort="best"), ValueError),
    ("post comments sort", lambda im: im.get_gallery_image("abc").get_comments("x"), ValueError),
    ("user comments sort", lambda im: im.get_user("bob").get_comments(sort="x"), ValueError),
    ("user comments limit", lambda im: im.get_user("bob").get_comments(limit=-1), ValueError),
    ("user images limit", lambda im: im.get_user("bob").get_images(limit=-1), ValueError),
    ("user albums limit", lambda im: im.get_user("bob").get_albums(limit=-1), ValueError),
    ("user favorites sort", lambda im: im.get_user("bob").get_favorites(sort="x"), ValueError),
    ("user favorites limit", lambda im: im.get_user("bob").get_favorites(limit=-1), ValueError),
    ("user gallery favorites sort",
     lambda im: im.get_user("bob").get_gallery_favorites(sort="x"), ValueError),
    ("user submissions limit", lambda im: im.get_user("bob").get_submissions(limit=-1),
     ValueError),
    ("conversation messages limit",
     lambda im: im.get_conversation(701).get_messages(limit=-1), ValueError),
    # -- uploads and albums ---------------------------------------------------------------------
    ("upload path and url",
     lambda im: im.upload_image(path="cat.png", url="https://example.com/cat.png"), ValueError),
    ("upload no source", lambda im: im.upload_image(), ValueError),
    ("upload content and file",
     lambda im: im.upload_image(content=b"x", file=io.BytesIO(b"x")), ValueError),
    ("upload ftp url", lambda im: im.upload_image(url="ftp://example.com/a.png"), ValueError),
    ("upload content text", lambda im: im.upload_image(content="not bytes"), TypeError),
    ("upload title int", lambda im: im.upload_image(content=b"x", title=5), TypeError),
    ("upload text file", lambda im: im.upload_image(file=io.StringIO("x")), TypeError),
    ("upload album empty", lambda im: im.upload_image(content=b"x", album=""), ValueError),
    ("upload album int", lambda im: im.upload_image(content=b"x", album=5), TypeError),
    ("upload audio of url",
     lambda im: im.upload_image(url="https://example.com/a.mp4", disable_audio=True),
     ValueError),
    ("upload audio of png",
     lambda im: im.upload_image(content=b"\x89PNG\r\n\x1a\n", disable_audio=True), ValueError),
    ("create_album privacy", lambda im: im.create_album(privacy="friends"), ValueError),
    ("create_album title int", lambda im: im.create_album(title=5), TypeError),
    ("create_album empty image id", lambda im: im.create_album(images=[""]), ValueError),
    ("create_album cover empty", lambda im: im.create_album(cover=""), ValueError),
    ("album update layout", lambda im: im.get_album("abc").update(layout="spiral"), ValueError),
    ("album update privacy", lambda im: im.get_album("abc").update(privacy="x"), ValueError),
    ("album update title int", lambda im: im.get_album("abc").update(title=5), TypeError),
    ("album add empty id", lambda im: im.get_album("abc").add_images([""]), ValueError),
    ("album add int", lambda im: im.get_album("abc").add_images([5]), TypeError),
    ("image update title int", lambda im: im.get_image("abc").update(title=5), TypeError),
    ("image download size", lambda im: im.get_image("abc").download(size="giant"), ValueError),
    ("image download name int", lambda im: im.get_image("abc").download(name=5), TypeError),
    ("image download size and video",
     lambda im: im.get_image("abc").download(size="small_square", prefer_video=True),
     ValueError),
    ("album download size", lambda im: im.get_album("abc").download(size="giant"), ValueError),
    # -- comments, messages, reports, votes -----------------------------------------------------
    ("comment empty", lambda im: im.get_gallery_image("abc").comment(""), ValueError),
    ("comment blank", lambda im: im.get_gallery_image("abc").comment("  \n"), ValueError),
    ("comment None", lambda im: im.get_gallery_image("abc").comment(None), TypeError),
    ("reply empty", lambda im: im.get_comment(5).reply(""), ValueError),
    ("message empty body", lambda im: im.create_message("bob", ""), ValueError),
    ("message no recipient", lambda im: im.create_message("", "hi"), ValueError),
    ("message recipient int", lambda im: im.create_message(5, "hi"), TypeError),
    ("user send_message empty", lambda im: im.get_user("bob").send_message(""), ValueError),
    ("report reason 9", lambda im: im.get_gallery_image("abc").report(9), ValueError),
    ("report reason name", lambda im: im.get_gallery_image("abc").report("rude"), ValueError),
    ("report reason float", lambda im: im.get_comment(5).report(1.5), TypeError),
    ("follow tag empty", lambda im: im.get_current_user().follow_tag(""), ValueError),
    ("block tag empty", lambda im: im.block_tag(""), ValueError),
    ("custom gallery add empty tag",
     lambda im: im.get_custom_gallery("abc").add_tags([""]), ValueError),
    ("mark no notifications", lambda im: im.mark_notifications_as_read([]), ValueError),
    ("mark empty notification id", lambda im: im.mark_notifications_as_read([""]), ValueError),
    # -- the client itself ---------------------------------------------------------------------
    ("Imgur empty client id", lambda im: pyimgur.Imgur(""), ValueError),
    ("Imgur client id None", lambda im: pyimgur.Imgur(None), ValueError),
    ("Imgur max_retries -1", lambda im: pyimgur.Imgur("id", max_retries=-1), ValueError),
    ("Imgur ratelimit_wait -1", lambda im: pyimgur.Imgur("id", ratelimit_wait=-1), ValueError),
    ("authorization_url response", lambda im: im.authorization_url("password"), ValueError),
    ("exchange_pin empty", lambda im: im.exchange_pin(""), ValueError),
    ("exchange_code empty", lambda im: im.exchange_code(""), ValueError),
    ("parse_token_redirect no token",
     lambda im: im.parse_token_redirect("https://example.com/cb#state=x"),
     pyimgur.AuthenticationError),
    ("parse_token_redirect refused",
     lambda im: im.parse_token_redirect("https://example.com/cb?error=access_denied"),
     pyimgur.AuthenticationError),
    ("get_at_url int", lambda im: im.get_at_url(5), TypeError),
    ("is_imgur_url None", lambda im: im.is_imgur_url(None), TypeError),
]


@pytest.mark.parametrize(("call", "error"), [pytest.param(c, e, id=i) for i, c, e in CASES])
def test_bad_arguments_raise_before_any_request(
    api: Any, user_im: pyimgur.Imgur, call: Callable[[pyimgur.Imgur], Any], error: type[Exception]
) -> None:
    with pytest.raises(error) as raised:
        call(user_im)
    assert api.count == 0, f"{api.count} request(s) made before {raised.value!r}"
    assert not isinstance(raised.value, pyimgur.TransportError)
    assert str(raised.value), "the error says what is wrong"


USER_ONLY: list[tuple[str, Callable[[pyimgur.Imgur], Any]]] = [
    ("favorite", lambda im: im.get_image("abc").favorite()),
    ("upvote", lambda im: im.get_gallery_image("abc").upvote()),
    ("comment", lambda im: im.get_gallery_image("abc").comment("hello")),
    ("create_message", lambda im: im.create_message("bob", "hello")),
    ("notifications", lambda im: list(im.get_notifications())),
    ("current user", lambda im: im.get_current_user(fetch=True)),
]


@pytest.mark.parametrize("call", [pytest.param(c, id=i) for i, c in USER_ONLY])
def test_user_calls_on_an_anonymous_client_raise_before_any_request(
    api: Any, im: pyimgur.Imgur, call: Callable[[pyimgur.Imgur], Any]
) -> None:
    with pytest.raises(pyimgur.AuthenticationError, match=r"logged-in user|access_token"):
        call(im)
    assert api.count == 0
