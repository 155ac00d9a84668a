"""A program written for PyImgur 0.8.1, run against the sandbox, unchanged except
for ``lazy=False`` (the one switch migration.rst tells it to add)."""

from __future__ import annotations

import pyimgur
from pyimgur.testing import FakeImgur


def test_a_081_program_runs_with_the_same_meaning():
    fake = FakeImgur()
    im = fake.client(lazy=False)
    fake.reset_log()

    # a missing image raises where 0.8.1 raised it, under 0.8.1's name
    try:
        im.get_image(image_id="Nope404")
        found = True
    except pyimgur.ResourceNotFoundError:
        found = False
    assert found is False
    assert fake.request_count == 1

    image = im.get_image(image_id="Sb0xImg")
    assert fake.request_count == 2
    assert image.title and image.link_small_square.endswith("s.png")
    assert fake.request_count == 2  # loaded at the call: reads are free

    post = im.get_gallery_image(gallery_item_id="Sb0xGal")
    assert fake.request_count == 3
    votes = post.get_votes()
    assert votes["ups"] == votes.ups and votes == {"ups": votes["ups"], "downs": votes["downs"]}
    newest = post.get_comments(sort="new", limit=1)
    assert len(list(newest)) == 1
    assert fake.request_count == 5


def test_without_the_switch_the_error_moves_to_the_first_read():
    fake = FakeImgur()
    im = fake.client()
    fake.reset_log()
    image = im.get_image("Nope404")  # lazy: no request, no error here
    assert fake.request_count == 0
    try:
        image.title
    except pyimgur.ResourceNotFoundError:
        pass
    else:
        raise AssertionError("a missing image loaded")
    assert fake.request_count == 1
