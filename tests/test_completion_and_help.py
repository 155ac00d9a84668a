"""Tab completion lists fields for free; help() shows what a user needs."""

from __future__ import annotations

import builtins
import pydoc
import rlcompleter
import types

import pytest

import pyimgur

IMAGE = {"id": "abc1234", "title": "A cat", "views": 3, "datetime": 1400000000,
         "link": "https://i.imgur.com/abc1234.png"}


def complete_all(namespace: dict, text: str) -> list[str]:
    """Every match rlcompleter (``python -i``, ``pyimgur repl``) offers for ``text``."""
    completer = rlcompleter.Completer(namespace)
    matches = []
    state = 0
    while True:
        match = completer.complete(text, state)
        if match is None:
            return matches
        matches.append(match)
        state += 1


def test_completing_a_lazy_image_costs_no_request(im, api):
    api.add("GET", "3/image/abc1234", IMAGE)
    image = im.get_image("abc1234")
    matches = complete_all({"image": image}, "image.")
    assert "image.title" in matches and "image.views" in matches
    assert "image.download(" in matches
    assert api.count == 0
    assert image.title == "A cat"  # a real read still loads, once
    assert api.count == 1


@pytest.mark.parametrize("make, prefix", [
    (lambda im: im._make(pyimgur.Gallery_image, {"id": "abc1234"}), "g."),
    (lambda im: im.get_conversation(5), "g."),
    (lambda im: im.get_comment(7), "g."),
    (lambda im: im.get_user("bob"), "g."),
    (lambda im: im.get_tag("cats"), "g."),
    (lambda im: im.get_album("abc1234"), "g.ti"),
])
def test_completing_any_lazy_model_costs_no_request(im, api, make, prefix):
    obj = make(im)
    matches = complete_all({"g": obj}, prefix)
    assert matches
    assert api.count == 0


def test_completion_on_a_property_that_reads_a_field_costs_no_request(im, api):
    # Comment.permalink reads image_id: a completer evaluating the property
    # (Python 3.9 and 3.10 do) must not load the comment either
    comment = im.get_comment(7)
    completer = rlcompleter.Completer({"c": comment})
    for word in ("permalink", "image_id", "author"):
        assert completer.attr_matches("c." + word)
    assert api.count == 0


def test_a_completer_reading_every_name_properties_included_costs_no_request(im, api):
    # Python 3.9 and 3.10's rlcompleter calls getattr on every name, properties
    # too (Image.link_small_square reads link; Comment.permalink reads image_id)
    image = im.get_image("abc1234")
    comment = im.get_comment(7)

    def read_every_name(objects):
        return [getattr(obj, word, None) for obj in objects for word in dir(obj)
                if not word.startswith("_")]

    # the same code, run as code of the rlcompleter module (as in those versions)
    as_completer = types.FunctionType(
        read_every_name.__code__, {"__name__": "rlcompleter", "__builtins__": builtins}
    )
    assert len(as_completer([image, comment])) > 80
    assert api.count == 0


def test_a_program_reading_a_field_still_loads(im, api):
    api.add("GET", "3/image/abc1234", IMAGE)
    image = im.get_image("abc1234")
    assert getattr(image, "views", None) == 3
    assert api.count == 1


def test_help_of_a_model_shows_fields_and_methods_not_attrs_internals():
    text = pydoc.render_doc(pyimgur.Image, renderer=pydoc.plaintext)
    for internal in ("__attrs_init__", "__attrs_attrs__", "__match_args__", "__attrs_props__",
                     "__annotations__"):
        assert internal not in text
    for wanted in ("download(", "delete(", "update(", ":ivar title:", ":ivar views:"):
        assert wanted in text
    assert "Image(json_dict" in text


def test_models_still_work_as_attrs_classes():
    import attrs
    assert attrs.has(pyimgur.Image)
    assert "title" in {a.name for a in attrs.fields(pyimgur.Image)}
