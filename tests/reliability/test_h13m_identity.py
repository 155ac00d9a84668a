"""Odd numbers and odd identities in answers (issue 13, sections 1 and 2).

* ``get_comment_ids()`` / ``get_comment_count()`` take only ASCII decimal
  numbers up to 2**63 - 1: ``str.isdigit()`` also says yes to '²' and '٣'
  (which ``int()`` refuses with a bare ``ValueError``) and to 5,000 digits.
  Ids that are not numbers are skipped; a count that is not one is
  :class:`~pyimgur.InvalidResponse`.
* Loading an object (lazily or by ``refresh()``) refuses an answer whose id
  is missing, null, empty, of another type or another value: it is
  :class:`~pyimgur.InvalidResponse`, nothing is stored, and the object's
  ``==`` and ``hash`` never change.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pyimgur
from pyimgur.models.mixins.commentable import comment_number

ODD_DIGITS = ["²", "٣", "³²", "١٢٣", "𝟓", "Ⅻ", "5" * 5_000, "9" * 20, " 12", "12\n", "+12", "-1"]


@pytest.mark.parametrize("text", ODD_DIGITS)
def test_comment_ids_skip_digit_strings_that_are_not_ascii_numbers(
    im: Any, api: Any, text: str
) -> None:
    api.add("GET", "3/gallery/abc/comments/ids", [11, "12", text, 13, True, None, 2**64])
    assert im.get_gallery_image("abc").get_comment_ids() == [11, 12, 13]
    assert api.count == 1


@pytest.mark.parametrize("text", ODD_DIGITS)
def test_comment_count_refuses_digit_strings_that_are_not_ascii_numbers(
    im: Any, api: Any, text: str
) -> None:
    api.add("GET", "3/gallery/abc/comments/count", text)
    with pytest.raises(pyimgur.InvalidResponse, match="number of comments"):
        im.get_gallery_image("abc").get_comment_count()
    assert api.count == 1


def test_comment_count_takes_ascii_numbers(im: Any, api: Any) -> None:
    api.add("GET", "3/gallery/abc/comments/count", "0")
    post = im.get_gallery_image("abc")
    assert post.get_comment_count() == 0
    assert post.comment_count == 0
    assert api.count == 1


def test_user_comment_ids_skip_what_is_not_a_comment_id(user_im: Any, api: Any) -> None:
    api.add("GET", "3/account/bob/comments/ids/newest/0", [11, "²", "12", {"id": 3}, [4], 0.5])
    api.add("GET", "3/account/bob/comments/ids/newest/1", [])
    assert list(user_im.get_user("bob").get_comment_ids()) == [11, 12]
    assert api.count == 2


def test_user_image_ids_skip_what_is_not_an_image_id(user_im: Any, api: Any) -> None:
    api.add("GET", "3/account/bob/images/ids/0", ["i1", None, 7, "", "a/b", ["i2"], "i3"])
    api.add("GET", "3/account/bob/images/ids/1", [])
    assert list(user_im.get_user("bob").get_image_ids()) == ["i1", "i3"]
    assert api.count == 2


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.booleans(), st.none()))
def test_comment_number_is_an_int_in_range_or_none_and_never_raises(value: Any) -> None:
    number = comment_number(value, zero=True)
    if number is not None:
        assert type(number) is int and 0 <= number < 2**63
        assert isinstance(value, int) or (value.isascii() and value.isdecimal())


# -- the answer must be the object asked for -------------------------------------------


def _image(id: str = "abc1234", **fields: Any) -> dict[str, Any]:
    return dict({"id": id, "title": "a title", "views": 1}, **fields)


BAD_IDS = [
    pytest.param({"title": "no id"}, id="missing"),
    pytest.param(_image(None), id="null"),
    pytest.param(_image(""), id="empty"),
    pytest.param(_image(1234), id="number"),
    pytest.param(_image(["abc1234"]), id="list"),
    pytest.param(_image("other99"), id="another"),
    pytest.param(_image("ABC1234"), id="other-case"),
]


@pytest.mark.parametrize("answer", BAD_IDS)
def test_a_lazy_load_refuses_an_answer_for_another_image(im: Any, api: Any, answer: Any) -> None:
    api.add("GET", "3/image/abc1234", answer)
    image = im.get_image("abc1234")
    before = hash(image)
    with pytest.raises(pyimgur.InvalidResponse, match="abc1234"):
        image.title
    assert image.id == "abc1234" and hash(image) == before
    assert image == im.get_image("abc1234")
    with pytest.raises(pyimgur.InvalidResponse):  # nothing was kept: it asks again
        image.title
    assert api.count == 2


@pytest.mark.parametrize("answer", BAD_IDS)
def test_refresh_refuses_an_answer_for_another_image(im: Any, api: Any, answer: Any) -> None:
    api.add("GET", "3/image/abc1234", response_list=[
        {"json": {"data": _image(title="first"), "success": True, "status": 200}},
        {"json": {"data": answer, "success": True, "status": 200}},
    ])
    image = im.get_image("abc1234")
    assert image.title == "first"
    before = hash(image)
    with pytest.raises(pyimgur.InvalidResponse):
        image.refresh()
    assert image.title == "first" and image.id == "abc1234" and hash(image) == before
    assert api.count == 2


@pytest.mark.parametrize("answer_id", [None, 7, "", "7", 5.0, True, "٥"])
def test_a_comment_refuses_an_answer_for_another_comment(
    im: Any, api: Any, answer_id: Any
) -> None:
    api.add("GET", "3/comment/5", {"id": answer_id, "comment": "hi"})
    comment = im.get_comment(5)
    with pytest.raises(pyimgur.InvalidResponse, match="Comment 5"):
        comment.text
    assert comment.id == 5 and api.count == 1


def test_a_comment_id_sent_as_a_digit_string_is_the_same_comment(im: Any, api: Any) -> None:
    api.add("GET", "3/comment/5", {"id": "5", "comment": "hi"})
    comment = im.get_comment("5")
    assert comment.text == "hi" and comment.id == 5 and api.count == 1


def test_a_user_answer_may_differ_only_in_case(im: Any, api: Any) -> None:
    api.add("GET", "3/account/bob", {"url": "Bob", "id": 1, "reputation": 5})
    api.add("GET", "3/account/carol", {"url": "mallory", "id": 2, "reputation": 5})
    bob = im.get_user("bob")
    before = hash(bob)
    assert bob.reputation == 5 and hash(bob) == before
    carol = im.get_user("carol")
    with pytest.raises(pyimgur.InvalidResponse, match="carol"):
        carol.reputation
    assert api.count == 2


def test_a_refused_answer_is_not_shared_with_other_objects(im: Any, api: Any) -> None:
    api.add("GET", "3/image/abc1234", response_list=[
        {"json": {"data": _image("zzz9999"), "success": True, "status": 200}},
        {"json": {"data": _image(title="right"), "success": True, "status": 200}},
    ])
    with pytest.raises(pyimgur.InvalidResponse):
        im.get_image("abc1234").title
    assert im.get_image("abc1234").title == "right"
    assert api.count == 2


_json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12)),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)
#: (how to make the object, its identity, the key Imgur names it by, values meaning "the same")
_TARGETS = {
    "image": (lambda im: im.get_image("abc1234"), "id", ["abc1234"]),
    "comment": (lambda im: im.get_comment(5), "id", [5, "5"]),
    "user": (lambda im: im.get_user("bob"), "url", ["bob", "BOB", "Bob"]),
    "gallery_album": (lambda im: im.get_gallery_album("Alb1234"), "id", ["Alb1234"]),
}


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    target=st.sampled_from(sorted(_TARGETS)),
    answer=st.dictionaries(st.sampled_from(["id", "url", "title", "comment", "x"]), _json_values),
    same=st.booleans(),
)
def test_any_answer_loads_the_object_asked_for_or_is_invalid_response(
    target: str, answer: dict[str, Any], same: bool
) -> None:
    make, key, good = _TARGETS[target]
    if same:
        answer[key] = good[len(answer) % len(good)]
    im = pyimgur.Imgur("fuzz-client-id")
    calls = []

    def request(endpoint: Any, **kwargs: Any) -> Any:
        calls.append(endpoint)
        return answer

    im.transport.request = request  # type: ignore[method-assign]
    obj = make(im)
    identity, before, twin = obj._identity, hash(obj), make(im)
    try:
        obj.refresh()
    except pyimgur.InvalidResponse:
        assert not same
    else:
        assert str(answer.get(key)).lower() == str(good[0]).lower()
    assert obj._identity == identity and hash(obj) == before and obj == twin
    assert len(calls) == 1


def test_a_tag_answer_may_spell_the_name_in_another_case(im: Any, api: Any) -> None:
    api.add("GET", "3/gallery/tag_info/Funny", {"name": "funny", "followers": 3})
    api.add("GET", "3/gallery/tag_info/cats", {"name": "dogs", "followers": 3})
    assert im.get_tag("Funny").followers == 3
    with pytest.raises(pyimgur.InvalidResponse, match="cats"):
        im.get_tag("cats").followers
    assert api.count == 2
