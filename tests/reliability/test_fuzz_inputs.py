"""Arbitrary text through the whole client: links, and names that become files.

``tests/test_urls.py`` already proves ``parse_url`` never raises, and
``tests/test_download.py`` that one cleaned name stays in its folder.  This
goes one step further, through the public methods against the sandbox:

* ``Imgur.get_at_url`` on arbitrary text returns ``None``, a model object or a
  lazy listing, raises only ``TypeError`` for a non-string or an
  :class:`~pyimgur.ImgurError`, and costs at most one request (none unless
  the link is a gallery post, whose kind only Imgur knows);
* ``Album.download`` with hostile album and image titles writes every file in
  ``folder/<album>/``, nothing anywhere else; and the names it composes (album
  folder, numbered image names, an extension from an arbitrary type or link)
  never leave the target folder, for 10,000 examples.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import pyimgur
from pyimgur.download import clean_filename, extension_for, target_path
from pyimgur.listing import Listing
from pyimgur.models.base import Basic_object
from pyimgur.testing import (
    SEED_ALBUM_ID,
    SEED_COMMENT_ID,
    SEED_GALLERY_ALBUM_ID,
    SEED_GALLERY_IMAGE_ID,
    SEED_IMAGE_ID,
    SEED_TAG,
    SEED_USER,
    FakeImgur,
)
from pyimgur.urls import parse_url

PREFIXES = [
    "", "https://", "http://", "//", "HTTPS://", "https://imgur.com/", "http://www.imgur.com/",
    "https://m.imgur.com/", "https://i.imgur.com/", "imgur.com/", "https://imgur.com/gallery/",
    "https://imgur.com/a/", "https://imgur.com/t/", "https://imgur.com/r/",
    "https://imgur.com/user/", "https://imgur.com/topic/", "https://imgur.io/",
    "https://imgur.com:443/", "https://evil.com/imgur.com/", "javascript:", "file:///",
]
KNOWN = [SEED_IMAGE_ID, SEED_ALBUM_ID, SEED_GALLERY_IMAGE_ID, SEED_GALLERY_ALBUM_ID,
         str(SEED_COMMENT_ID), SEED_TAG, SEED_USER, "NoSuchI", "abcde"]
PIECES = st.sampled_from([*KNOWN, "/", "#", "?", ".", "..", "%2e", "gallery", "comment",
                          "favorites", ".png", ".gifv", "h", "_d", "\u202e", " "])
link_like = st.builds(
    lambda prefix, parts: prefix + "".join(parts),
    st.sampled_from(PREFIXES),
    st.lists(PIECES | st.text(max_size=6), max_size=6),
)
any_text = st.text(max_size=80) | link_like


@pytest.fixture(scope="module")
def sandbox_client() -> tuple[FakeImgur, pyimgur.Imgur]:
    fake = FakeImgur()
    return fake, fake.client(cache_ttl=0)


def check_link(fake: FakeImgur, im: pyimgur.Imgur, text: str) -> None:
    before = fake.request_count
    try:
        found = im.get_at_url(text)
    except pyimgur.ImgurError:
        found = None
    spent = fake.request_count - before
    parsed = parse_url(text)
    if parsed is None:
        assert found is None and spent == 0
        return
    assert spent <= (1 if parsed.kind == "gallery" else 0)
    assert found is None or isinstance(found, (Basic_object, Listing))
    if isinstance(found, Basic_object):
        repr(found)  # a lazy object, its identity from the link: no request
        assert fake.request_count - before == spent


@settings(max_examples=400, deadline=None)
@given(any_text)
def test_get_at_url_on_arbitrary_text(sandbox_client: Any, text: str) -> None:
    check_link(*sandbox_client, text)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_get_at_url_on_arbitrary_text_10000_examples(sandbox_client: Any, text: str) -> None:
    check_link(*sandbox_client, text)


def test_get_at_url_rejects_non_strings(sandbox_client: Any) -> None:
    _fake, im = sandbox_client
    for value in (None, 5, b"https://imgur.com/abcdefg", ["x"]):
        with pytest.raises(TypeError):
            im.get_at_url(value)


# -- names that become files -------------------------------------------------------------------
hostile = st.text(
    alphabet=st.sampled_from(list("./\\ :*?\"<>|\x00\x1f\u202e\u200bCONPRULTM1.9 a猫~$")),
    max_size=60,
) | st.text(max_size=60)
mimes = st.sampled_from([None, "image/png", "video/mp4", "image/gif", "text/html", ""]) | st.text(
    max_size=20)
links = st.sampled_from([None, "https://i.imgur.com/abc1234.png", "https://i.imgur.com/x"]) | (
    st.builds(lambda s: "https://i.imgur.com/" + s, st.text(max_size=30)))


def check_composed(base: str, album_title: Any, image_title: Any, number: int, mime: Any,
                   link: Any) -> None:
    """The names Album.download composes stay two levels under ``base``."""
    folder = os.path.join(base, clean_filename(album_title, fallback="AlbmId1"))
    name = clean_filename(f"{number:03d} {image_title or 'ImgId12'}", fallback="ImgId12")
    final = target_path(folder, name + extension_for(mime, link))
    assert os.path.dirname(os.path.dirname(final)) == base
    assert os.path.commonpath([base, final]) == base
    assert not os.path.basename(os.path.dirname(final)).startswith(".")


@settings(max_examples=300, deadline=None)
@given(hostile, hostile, st.integers(1, 2000), mimes, links)
def test_composed_download_names_stay_inside(album: str, image: str, number: int, mime: Any,
                                             link: Any) -> None:
    check_composed(os.path.abspath("/srv/pyimgur downloads"), album, image, number, mime, link)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile, hostile, st.integers(1, 2000), mimes, links)
def test_composed_download_names_stay_inside_10000_examples(
    album: str, image: str, number: int, mime: Any, link: Any
) -> None:
    check_composed(os.path.abspath("/srv/pyimgur downloads"), album, image, number, mime, link)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile, st.lists(hostile, min_size=1, max_size=3))
def test_album_download_with_hostile_titles_writes_only_inside(album_title: str,
                                                               titles: list[str]) -> None:
    assume(album_title.strip() or any(t.strip() for t in titles))
    fake = FakeImgur()
    album = fake.add_album(n_images=len(titles), title=album_title)
    for image_id, title in zip(album.images, titles):
        fake.state.images[image_id].title = title
    im = fake.client()
    with tempfile.TemporaryDirectory() as parent:
        target = os.path.join(parent, "target")
        paths = im.get_album(album.id).download(target)
        assert len(paths) == len(titles)
        folder = os.path.dirname(paths[0])
        assert os.path.dirname(folder) == target
        assert os.listdir(parent) == ["target"] and os.listdir(target) == [
            os.path.basename(folder)]
        assert sorted(os.listdir(folder)) == sorted(os.path.basename(p) for p in paths)
        for path, image_id in zip(paths, album.images):
            with open(path, "rb") as saved:
                assert saved.read() == fake.state.images[image_id].data
