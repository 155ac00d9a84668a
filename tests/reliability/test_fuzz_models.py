"""Models built from arbitrary JSON never crash, and fail only on the field that is bad.

Imgur's JSON (imgur-api.md section 5) has missing, extra, null and wrongly
typed fields, numbers sent as strings (``edited: "0"``), ``false`` for "no
date" (``pro_expiration``), unions (a notification's ``content``) and nested
objects.  For every model, built fully fetched (``has_fetched=True``) from
arbitrary JSON mixed with those quirks:

* construction never raises;
* reading any declared field returns a value (of the declared type when the
  field has a simple one) or raises :class:`pyimgur.InvalidResponse` whose
  message names the field, and never makes a request;
* ``repr``, ``str``, ``==``, ``copy``, ``deepcopy`` and ``pickle`` work.

Keys include the names of the model's internal state (``_has_fetched``,
``_malformed``, ``_imgur``...) and of its methods, which must not clobber them.
"""

from __future__ import annotations

import copy
import pickle
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pyimgur
from pyimgur.models.base import MODELS, Basic_object

MODEL_NAMES = (
    "Image", "Album", "Gallery_image", "Gallery_album", "Comment", "User", "Tag",
    "Notification", "Message",
)
_SIMPLE = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,)}

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(),
    st.text(max_size=24),
    st.sampled_from(["0", "1", "", " 12 ", "-3", "1e3", "true", "false", "null", "NaN"]),
)
_small_keys = st.text(max_size=8) | st.sampled_from(["id", "comment", "url", "status"])
#: scalars, and lists and objects of them (two levels: Imgur's JSON is shallow)
json_values = st.one_of(
    scalars,
    st.lists(scalars, max_size=3),
    st.dictionaries(_small_keys, scalars, max_size=3),
    st.lists(st.dictionaries(_small_keys, scalars, max_size=3), max_size=2),
)
_COMMENT = {"id": 7, "image_id": "abc1234", "comment": "hi", "author": "ada", "parent_id": 0,
            "children": [{"id": 8, "comment": "re", "parent_id": 7, "children": []}]}
_MESSAGE_META = {"id": "620", "from": "jasdev", "account_id": "384077",
                 "with_account": "3698510", "last_message": "hey", "message_num": "103",
                 "datetime": 1406935917, "spam": "0"}
#: values Imgur really sends for some keys (imgur-api.md section 5)
QUIRKS: dict[str, list[Any]] = {
    "edited": ["0", "1", 0, 1],
    "account_id": [0, None, "384077"],
    "pro_expiration": [False, 1700000000, True],
    "bandwidth": [2**40, 0],
    "points": [1.5, 3, None],
    "reputation": [1234.5, 12, "12"],
    "cover": ["", None, "abc1234", {"id": "abc1234"}],
    "privacy": ["private", "public", "hidden", "secret", None],
    "processing": [{"status": "completed"}, {"status": "pending"}, {}, "completed"],
    "tags": [[], [{"name": "cats", "display_name": "cats", "followers": "12"}], ["cats"]],
    "images": [[], [{"id": "abc1234", "title": None, "edited": "1"}], [None, 5]],
    "children": [[], [_COMMENT], [None]],
    "content": [_COMMENT, _MESSAGE_META, {}, None, "620"],
    "user_follow": [{"status": False}, {"status": True, "type": 0}],
    "deletehash": ["", None, "1NV90wWpO691n05"],
    "mp4": ["", "https://i.imgur.com/abc1234.mp4"],
    "link": ["https://i.imgur.com/abc1234.png", "http://i.imgur.com/abc1234.jpg", ""],
    "section": ["", None, "aww"],
    "is_album": [True, False, 0, 1, "1"],
    "vote": [None, "up", "down", "veto"],
    "datetime": ["1687366735", 1687366735, 1.5e9],
    "account_url": [None, "", "ada", 42],
    "author": ["ada", None, 17],
    "from": ["jasdev", None],
    "description_annotations": [{}, []],
    "ad_config": [{"safeFlags": ["onsfw_mod_safe"], "showsAds": True}, None, []],
}


def _declared_type(cls: type[Basic_object], name: str) -> tuple[type, ...]:
    for targets in cls._json_map.values():
        for field_name, convert, expected in targets:
            if field_name == name and convert is None:
                return expected
    return ()


_QUIRK_PAIRS = [(key, value) for key, values in QUIRKS.items() for value in values]
_EXTRA_KEYS = st.text(max_size=12) | st.sampled_from([
    "_has_fetched", "_malformed", "_imgur", "_items", "__dict__", "__class__", "_json_map",
    "refresh", "delete", "favorite", "download", "items", "kind", "link_small_square",
])


def model_json(cls: type[Basic_object]) -> st.SearchStrategy[dict[str, Any]]:
    """JSON objects for ``cls``: its keys, arbitrary ones, quirky and arbitrary values."""
    pair = st.one_of(
        st.sampled_from(_QUIRK_PAIRS),
        st.tuples(st.sampled_from(sorted(cls._json_map)), json_values),
        st.tuples(_EXTRA_KEYS, json_values),
    )
    return st.lists(pair, max_size=10).map(dict)


def _no_requests(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError(f"a fully fetched model made a request: {args} {kwargs}")


@pytest.fixture(scope="module")
def offline() -> pyimgur.Imgur:
    """A client whose transport refuses to make any request."""
    imgur = pyimgur.Imgur("fuzz-client-id")
    imgur.transport.request = _no_requests  # type: ignore[method-assign]
    return imgur


def check_model(imgur: pyimgur.Imgur, name: str, body: dict[str, Any]) -> None:
    cls = MODELS[name]
    obj = cls(body, imgur, has_fetched=True)
    for field_name in sorted(cls._field_names):
        try:
            value = getattr(obj, field_name)
        except pyimgur.InvalidResponse as error:
            assert f"'{field_name}'" in str(error), f"{error} does not name {field_name}"
            continue
        expected = _declared_type(cls, field_name)
        if expected and value is not None:
            if bool in expected:
                assert isinstance(value, bool), (field_name, value)
            else:
                assert isinstance(value, expected) and not isinstance(value, bool), (
                    field_name, value)
    assert repr(obj).startswith(f"<{name} ")
    assert str(obj)
    assert obj == obj or obj._identity is None or obj._identity != obj._identity
    hash(obj)
    for clone in (copy.copy(obj), copy.deepcopy(obj), pickle.loads(pickle.dumps(obj))):
        assert type(clone) is cls and vars(clone).keys() >= {"_has_fetched"}


@pytest.mark.parametrize("name", MODEL_NAMES)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_models_from_arbitrary_json(offline: pyimgur.Imgur, name: str, data: Any) -> None:
    check_model(offline, name, data.draw(model_json(MODELS[name])))


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(name=st.sampled_from(MODEL_NAMES), data=st.data())
def test_models_from_arbitrary_json_10000_examples(
    offline: pyimgur.Imgur, name: str, data: Any
) -> None:
    check_model(offline, name, data.draw(model_json(MODELS[name])))


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_a_malformed_field_fails_alone_and_names_itself(offline: pyimgur.Imgur, name: str) -> None:
    cls = MODELS[name]
    simple = [(key, targets[0][0], targets[0][2]) for key, targets in cls._json_map.items()
              if targets[0][1] is None and targets[0][2]]
    key, field_name, expected = simple[0]
    wrong: Any = ["a", "list"] if str not in expected else {"a": "dict"}
    other_key, other_field, _ = simple[1]
    good = "fine" if str in _declared_type(cls, other_field) else 5
    obj = cls({key: wrong, other_key: good}, offline, has_fetched=True)
    with pytest.raises(pyimgur.InvalidResponse, match=f"'{field_name}'"):
        getattr(obj, field_name)
    assert getattr(obj, other_field) in (good, True)  # an int 5 stays 5; "1"-style bools coerce
    obj._populate({key: None})
    assert getattr(obj, field_name) is None  # a good value later clears the error


def test_quirky_real_world_values_convert(offline: pyimgur.Imgur) -> None:
    """The exact shapes section 5 records, read as documented."""
    upload = {"id": "SKAxiks", "title": None, "description": None, "datetime": 1687366735,
              "type": "image/png", "animated": False, "width": 100, "height": 100, "size": 91,
              "views": 0, "bandwidth": 0, "vote": None, "favorite": False, "nsfw": None,
              "section": None, "account_url": None, "account_id": 0, "is_ad": False,
              "in_most_viral": False, "has_sound": False, "tags": [], "ad_type": 0,
              "ad_url": "", "edited": "0", "in_gallery": False,
              "deletehash": "1NV90wWpO691n05", "name": "",
              "link": "https://i.imgur.com/SKAxiks.png"}
    image = pyimgur.Image(upload, offline, has_fetched=True)
    assert image.edited is False and image.account_id == 0 and image.author is None
    assert image.tags == [] and image.is_animated is False and image.link.endswith(".png")
    user = pyimgur.User({"url": "ada", "pro_expiration": False, "reputation": 12.5},
                        offline, has_fetched=True)
    assert user.name == "ada" and user.reputation == 12.5
    note = pyimgur.Notification({"id": 4523, "viewed": "1", "content": _MESSAGE_META},
                                offline, has_fetched=True)
    assert note.is_viewed is True and note.content is not None
