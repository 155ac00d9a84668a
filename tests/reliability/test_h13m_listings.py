"""Listings under odd pages (issue 13, sections 2 and 3).

* An item of a page that is not a JSON object (``null``, a number, a string,
  a list) is skipped, never handed out as a post; in a list of ids, what is
  not an id is skipped.
* ``list(listing)`` with ``limit=None`` ends at the first page that brings
  nothing new: the same ids in another order, a rotation, two pages
  alternating, items without ids, an endpoint that ignores the page number.
  The ids it remembers for that are bounded (``MAX_REMEMBERED``).
"""

from __future__ import annotations

import re
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pyimgur
from pyimgur import listing as listing_module
from pyimgur.listing import Listing

GALLERY = re.compile(r"https://api\.imgur\.com/3/gallery/hot/viral/day/(\d+)")


def _post(n: Any) -> dict[str, Any]:
    return {"id": f"p{n}", "title": f"post {n}", "is_album": False}


def _serve(api: Any, pages: Callable[[int], list[Any]]) -> list[int]:
    """Answer gallery page N with ``pages(N)``; return the pages asked for.

    After 20 pages it answers an empty page, so that a listing that would
    never end fails its test instead of hanging it."""
    asked: list[int] = []

    def answer(request: Any, context: Any) -> Any:
        page = int(GALLERY.match(request.url).group(1))
        asked.append(page)
        return {"data": pages(page) if page < 20 else [], "success": True, "status": 200}

    api.mocker.get(GALLERY, json=answer)
    return asked


@pytest.mark.parametrize(
    "junk", [None, 7, 1.5, "p1", ["p1"], True, [{"id": "p9"}]], ids=repr
)
def test_items_that_are_not_objects_are_skipped(im: Any, api: Any, junk: Any) -> None:
    asked = _serve(api, lambda n: [junk, _post(1), junk, _post(2)] if n == 0 else [])
    posts = list(im.get_gallery())
    assert [p.id for p in posts] == ["p1", "p2"]
    assert all(isinstance(p, pyimgur.Gallery_image) for p in posts)
    assert asked == [0, 1]


def test_a_page_of_nothing_but_junk_ends_the_listing(im: Any, api: Any) -> None:
    asked = _serve(api, lambda n: [_post(1)] if n == 0 else [None, 3, "x"])
    assert [p.id for p in im.get_gallery()] == ["p1"]
    assert asked == [0, 1]


#: name -> (page N's items, pages asked for, items handed out)
CYCLES = {
    "repeat": (lambda n: [_post(1), _post(2), _post(3)], 2, 3),
    "same ids, another order": (
        lambda n: [_post(1), _post(2), _post(3)][:: 1 if n % 2 else -1], 2, 3),
    "rotation": (lambda n: [_post((n + k) % 3) for k in range(3)], 2, 3),
    "two pages alternating": (lambda n: [_post(2 * (n % 2)), _post(2 * (n % 2) + 1)], 3, 4),
    "items without ids": (lambda n: [{"title": "no id"}, {"id": None}, {"id": ""}], 2, 3),
    "seen ids with junk": (
        lambda n: [_post(1), None, 5, _post(2)] if n else [_post(1), _post(2)], 2, 2),
}


@pytest.mark.parametrize("name", sorted(CYCLES))
def test_list_ends_when_pages_bring_nothing_new(im: Any, api: Any, name: str) -> None:
    pages, pages_asked, items = CYCLES[name]
    asked = _serve(api, pages)
    assert len(list(im.get_gallery())) == items
    assert asked == list(range(pages_asked))
    assert api.count == pages_asked


def test_a_page_with_something_new_is_kept_whole(im: Any, api: Any) -> None:
    pages = {0: [_post(1), _post(2)], 1: [_post(2), _post(3)], 2: [_post(3), _post(2)]}
    asked = _serve(api, lambda n: pages.get(n, []))
    assert [p.id for p in im.get_gallery()] == ["p1", "p2", "p2", "p3"]
    assert asked == [0, 1, 2]


def test_a_first_page_without_ids_is_still_handed_out() -> None:
    calls = []

    def fetch(page: int) -> list[Any]:
        calls.append(page)
        if page >= 20:  # a listing that would never end fails instead of hanging
            return []
        return [object(), object()] if page == 0 else [object()]

    assert len(list(Listing(fetch))) == 2
    assert calls == [0, 1]


def test_the_remembered_ids_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listing_module, "MAX_REMEMBERED", 50)

    def fetch(page: int) -> list[int]:
        return list(range(page * 10, page * 10 + 10)) if page < 30 else []

    listing = Listing(fetch)
    assert len(list(listing)) == 300
    assert len(listing._seen) == 50 and len(listing._seen_order) == 50


def test_ids_listings_keep_ending_on_a_repeat(user_im: Any, api: Any) -> None:
    api.mocker.get(
        re.compile(r"https://api\.imgur\.com/3/account/bob/albums/ids/\d+"),
        json={"data": ["a1", "a2"], "success": True, "status": 200},
    )
    assert list(user_im.get_user("bob").get_album_ids()) == ["a1", "a2"]
    assert api.count == 2


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    pool=st.integers(min_value=1, max_value=12),
    page_size=st.integers(min_value=1, max_value=6),
    seed=st.randoms(use_true_random=False),
)
def test_pages_drawn_from_a_fixed_pool_always_end(pool: int, page_size: int, seed: Any) -> None:
    """However an endpoint shuffles a fixed set of ids into pages, the listing
    ends: every page must bring an id not seen before, and there are only
    ``pool`` of them."""
    calls = []

    def fetch(page: int) -> list[int]:
        calls.append(page)
        if len(calls) > pool + 2:
            raise AssertionError("the listing did not end")
        return [seed.randrange(pool) for _ in range(page_size)]

    items = list(Listing(fetch))
    assert len(calls) <= pool + 1
    assert set(items) <= set(range(pool))
