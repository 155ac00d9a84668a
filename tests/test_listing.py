"""The one pagination mechanism, pyimgur.listing.Listing, and ImgurBase._listing."""

from __future__ import annotations

import pytest

import pyimgur
from pyimgur import endpoints as ep
from pyimgur.listing import Listing


class Pages:
    """A fake paged endpoint: ``sizes[n]`` items on page n, then empty pages."""

    def __init__(self, *sizes: int) -> None:
        self.sizes = sizes
        self.calls: list[int] = []

    def __call__(self, number: int) -> list[int]:
        self.calls.append(number)
        if number >= len(self.sizes):
            return []
        start = sum(self.sizes[:number])
        return list(range(start, start + self.sizes[number]))


def test_nothing_is_requested_until_used():
    pages = Pages(3, 3)
    listing = Listing(pages)
    assert pages.calls == []
    assert listing.loaded == [] and listing.is_complete is False
    assert "not loaded" in repr(listing)
    assert pages.calls == []


def test_iterating_is_a_stream_that_loads_only_pages_reached():
    pages = Pages(3, 3, 3)
    listing = Listing(pages)
    for item in listing:
        if item == 1:
            break
    assert pages.calls == [0]
    assert [i for _, i in zip(range(4), listing)] == [0, 1, 2, 3]
    assert pages.calls == [0, 1]


def test_the_empty_page_ends_the_listing_and_nothing_is_refetched():
    pages = Pages(2, 2)
    listing = Listing(pages)
    assert list(listing) == [0, 1, 2, 3]
    assert pages.calls == [0, 1, 2]
    assert list(listing) == [0, 1, 2, 3]
    assert len(listing) == 4 and listing.is_complete
    assert pages.calls == [0, 1, 2]


def test_an_empty_first_page_is_an_empty_listing():
    pages = Pages()
    listing = Listing(pages)
    assert not listing
    assert list(listing) == [] and len(listing) == 0
    assert pages.calls == [0]


def test_indexing_loads_up_to_the_page_of_the_item():
    pages = Pages(3, 3, 3)
    listing = Listing(pages)
    assert listing[4] == 4
    assert pages.calls == [0, 1]
    assert listing[0] == 0
    assert pages.calls == [0, 1]
    with pytest.raises(IndexError):
        listing[100]
    assert pages.calls == [0, 1, 2, 3]
    with pytest.raises(TypeError):
        listing["1"]


def test_negative_index_and_len_load_everything():
    pages = Pages(3, 3)
    listing = Listing(pages)
    assert listing[-1] == 5
    assert pages.calls == [0, 1, 2]
    pages2 = Pages(3, 3)
    assert len(Listing(pages2)) == 6
    assert pages2.calls == [0, 1, 2]


def test_slicing_loads_only_what_the_slice_needs():
    pages = Pages(3, 3, 3)
    listing = Listing(pages)
    assert listing[0:2] == [0, 1]
    assert pages.calls == [0]
    assert listing[1:5:2] == [1, 3]
    assert pages.calls == [0, 1]
    assert listing[7:] == [7, 8]
    assert pages.calls == [0, 1, 2, 3]
    assert listing[-2:] == [7, 8] and listing[::-1][0] == 8


def test_bool_loads_at_most_the_first_page():
    pages = Pages(3, 3)
    listing = Listing(pages)
    assert listing
    assert pages.calls == [0]


def test_limit_caps_items_and_requests():
    pages = Pages(60, 60, 60)
    listing = Listing(pages, limit=61)
    assert len(listing) == 61 and listing[-1] == 60
    assert pages.calls == [0, 1]
    pages5 = Pages(60, 60)
    assert list(Listing(pages5, limit=5)) == [0, 1, 2, 3, 4]
    assert pages5.calls == [0]


def test_limit_zero_makes_no_request():
    pages = Pages(3)
    listing = Listing(pages, limit=0)
    assert list(listing) == [] and not listing and listing.is_complete
    assert pages.calls == []


@pytest.mark.parametrize(
    ("limit", "error"), [(-1, ValueError), (True, TypeError), ("5", TypeError), (2.5, TypeError)]
)
def test_limit_is_validated(limit, error):
    with pytest.raises(error):
        Listing(Pages(1), limit=limit)


def test_a_repeated_page_ends_the_listing():
    calls: list[int] = []

    def same_page(number: int) -> list[str]:
        calls.append(number)
        return ["a", "b"]  # an endpoint that ignores the page number

    assert list(Listing(same_page)) == ["a", "b"]
    assert calls == [0, 1]


def test_unpaged_listing_makes_one_request():
    pages = Pages(3, 3)
    listing = Listing(pages, paged=False)
    assert list(listing) == [0, 1, 2] and len(listing) == 3
    assert pages.calls == [0]


def test_first_page_number_is_used():
    pages = Pages(0, 2)
    assert list(Listing(pages, first_page=1)) == [0, 1]
    assert pages.calls == [1, 2]


def test_repr_shows_what_is_loaded_without_requests():
    pages = Pages(12, 3)
    listing = Listing(pages)
    listing[11]
    assert pages.calls == [0]
    text = repr(listing)
    assert "0, 1, 2" in text and "12 loaded" in text and "more not loaded" in text
    assert pages.calls == [0]
    list(listing)
    assert "more not loaded" not in repr(listing)


def test_contains_stops_at_the_first_match():
    pages = Pages(3, 3)
    listing = Listing(pages)
    assert 1 in listing
    assert pages.calls == [0]


def test_a_failed_page_is_asked_again_next_time():
    calls: list[int] = []

    def flaky(number: int) -> list[int]:
        calls.append(number)
        if len(calls) == 1:
            raise pyimgur.ServerError("boom", status=500)
        return [1] if number == 0 else []

    listing = Listing(flaky)
    with pytest.raises(pyimgur.ServerError):
        list(listing)
    assert list(listing) == [1]
    assert calls == [0, 0, 1]


# -- through the Imgur object (real HTTP paths, mocked) ---------------------------------------
def test_imgur_listing_uses_zero_based_page_paths_and_copies_params(im, api):
    api.add("GET", "3/gallery/search/time/all/0", [{"id": "a"}, {"id": "b"}])
    api.add("GET", "3/gallery/search/time/all/1", [])
    params = {"q": "cats"}
    listing = im._listing(
        ep.GALLERY_SEARCH, im._make_gallery_item, params=params, sort="time", window="all"
    )
    params["q"] = "dogs"  # changing the caller's dict later changes nothing
    assert [i.id for i in listing] == ["a", "b"]
    assert params == {"q": "dogs"}
    assert [c.path for c in api.calls] == [
        "/3/gallery/search/time/all/0",
        "/3/gallery/search/time/all/1",
    ]
    assert all(c.qs == {"q": ["cats"]} for c in api.calls)


def test_search_gallery_does_not_mutate_or_keep_caller_values(im, api):
    api.add("GET", "3/gallery/search/time/all/0", [])
    query = "cats"
    listing = im.search_gallery(query)
    list(listing)
    assert query == "cats" and api.calls[0].qs == {"q": ["cats"]}


def test_imgur_listing_reads_items_key_and_rejects_non_lists(im, api):
    api.add("GET", "3/gallery/t/cats/viral/week/0", {"name": "cats", "items": [{"id": "x"}]})
    api.add("GET", "3/gallery/t/cats/viral/week/1", {"name": "cats", "items": []})
    listing = im._listing(
        ep.TAG_GALLERY,
        im._make_gallery_item,
        items_key="items",
        tag="cats",
        sort="viral",
        window="week",
    )
    assert [i.id for i in listing] == ["x"]
    api.add("GET", "3/gallery/hot/viral/day/0", {"not": "a list"})
    broken = im._listing(
        ep.GALLERY, im._make_gallery_item, section="hot", sort="viral", window="day"
    )
    with pytest.raises(pyimgur.InvalidResponse):
        list(broken)


def test_imgur_listing_checks_path_arguments_at_once(im, api):
    with pytest.raises(ValueError):
        im._listing(ep.GALLERY, im._make_gallery_item, section="", sort="viral", window="day")
    assert api.count == 0


def test_repr_of_unloaded_listing_is_clean_and_free():
    calls = []
    listing = Listing(lambda page: calls.append(page) or [1, 2], limit=None)
    assert repr(listing) == "Listing([<more not loaded>])"
    assert calls == []


def test_backward_slice_loads_what_it_walks_over():
    pages = {0: [0, 1, 2], 1: [3, 4, 5], 2: []}
    calls = []

    def fetch(page):
        calls.append(page)
        return pages[page]

    listing = Listing(fetch)
    assert listing[3:0:-1] == [3, 2, 1]
    assert calls == [0, 1]
    assert listing[::-1] == [5, 4, 3, 2, 1, 0]
    assert calls == [0, 1, 2]
