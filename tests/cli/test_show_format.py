"""``pyimgur show`` prints epoch times as dates and marks what it cuts."""

from __future__ import annotations

import pyimgur
from pyimgur.cli.common import LINE_LIMIT, cut, describe, short, when


def test_epoch_times_print_as_iso_dates_in_utc():
    assert when(1400000000) == "2014-05-13T16:53:20Z"
    assert short(1400000000, "datetime") == "2014-05-13T16:53:20Z"
    assert short(1400000000, "created") == "2014-05-13T16:53:20Z"
    assert short(1400000000, "views") == "1400000000"
    assert when(10**20) == str(10**20)  # out of range: the number as sent


def test_long_values_are_marked_as_cut_with_what_is_left():
    text = "x" * (LINE_LIMIT + 50)
    shown = cut(text)
    assert shown.startswith("x" * (LINE_LIMIT - 1) + "\u2026")
    assert shown.endswith("(51 more characters)")
    assert cut("short") == "short"
    assert cut("y" * LINE_LIMIT) == "y" * LINE_LIMIT
    assert short({"k": "v" * 300}).endswith("more characters)")
    assert short(["a" * 150, "b" * 150]).endswith("more characters)")


def test_describe_shows_an_image_with_its_date_and_marked_description(api):
    im = pyimgur.Imgur("cid")
    image = im._make(pyimgur.Image, {"id": "abc1234", "datetime": 1400000000,
                               "description": "d" * 500}, has_fetched=True)
    lines = describe(image)
    assert any(line.split() == ["datetime", "2014-05-13T16:53:20Z"] for line in lines)
    (description,) = [line for line in lines if line.strip().startswith("description")]
    assert description.endswith(f"({500 - LINE_LIMIT + 1} more characters)")
    assert api.count == 0
