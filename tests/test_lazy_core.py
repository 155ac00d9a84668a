"""The lazy object core: every rule, with exact request counts."""

from __future__ import annotations

import copy
import pickle
from typing import ClassVar, Optional

import pytest

import pyimgur
from pyimgur.endpoints import Endpoint
from pyimgur.models.base import Basic_object, field, lazy_ref, list_of, model

WIDGET = Endpoint("GET", "3/widget/{id}")


@model
class Widget(Basic_object):
    """A test model."""

    _endpoint: ClassVar[Optional[Endpoint]] = WIDGET
    _repr_fields: ClassVar[tuple[str, ...]] = ("title",)

    id: Optional[str] = field(doc="The id.")
    title: Optional[str] = field(doc="The title.")
    views: Optional[int] = field(doc="Views.")
    is_nsfw: Optional[bool] = field("nsfw", doc="Renamed from nsfw.")
    owner: Optional[Widget] = field(
        "owner_id", convert=lazy_ref(lambda: Widget), doc="Another widget."
    )
    parts: list[Widget] = field(convert=list_of(lambda: Widget), doc="Parts.")

    def twist(self) -> str:
        return "twisted"


FULL = {"id": "w1", "title": "First", "views": 5, "nsfw": False, "owner_id": "w2",
        "parts": [{"id": "p1", "title": "Part"}], "brand_new_field": [1, 2]}


@pytest.fixture
def widget(im):
    return Widget({"id": "w1"}, im, has_fetched=False)


def test_construction_makes_no_request(widget, api):
    assert widget.id == "w1"
    assert widget._has_fetched is False
    assert api.count == 0


def test_unloaded_field_fetches_once_and_fills_everything(widget, api):
    api.add("GET", "3/widget/w1", FULL)
    assert widget.title == "First"
    assert api.count == 1
    assert widget._has_fetched is True
    assert widget.views == 5 and widget.is_nsfw is False
    assert widget.title == "First"
    assert api.count == 1


def test_field_missing_after_fetch_is_default_without_refetch(widget, api):
    api.add("GET", "3/widget/w1", {"id": "w1"})
    assert widget.title is None
    assert widget.views is None
    assert widget.parts is None
    assert api.count == 1


def test_loaded_partial_field_costs_nothing(im, api):
    partial = Widget({"id": "w1", "title": None}, im, has_fetched=False)
    assert partial.title is None
    assert api.count == 0


def test_refresh_always_fetches_and_sets_has_fetched(widget, api):
    api.add("GET", "3/widget/w1", response_list=[{"json": {"data": FULL, "success": True,
                                                           "status": 200}},
                                                 {"json": {"data": dict(FULL, title="Second"),
                                                           "success": True, "status": 200}}])
    assert widget.refresh() is widget
    assert widget._has_fetched is True
    assert widget.title == "First"
    widget.refresh()
    assert widget.title == "Second"
    assert api.count == 2


@pytest.mark.parametrize("name", ["typo", "_private", "__deepcopy__x", "_has_fetchedd"])
def test_private_and_unknown_names_raise_without_request(widget, api, name):
    assert not hasattr(widget, name)
    with pytest.raises(AttributeError):
        getattr(widget, name)
    assert api.count == 0


def test_hasattr_typo_on_fetched_object_is_free(im, api):
    full = Widget(FULL, im, has_fetched=True)
    assert not hasattr(full, "typo")
    assert api.count == 0


def test_undeclared_fields_are_kept_and_vars_shows_loaded(im):
    obj = Widget(FULL, im)
    assert obj.brand_new_field == [1, 2]
    assert vars(obj)["title"] == "First"
    assert "views" in vars(obj)


def test_json_key_clashing_with_method_gets_underscore(im):
    obj = Widget({"id": "w1", "twist": "a value"}, im)
    assert obj.twist() == "twisted"
    assert obj.twist_ == "a value"


def test_nested_references_are_lazy(widget, api):
    api.add("GET", "3/widget/w1", FULL)
    api.add("GET", "3/widget/w2", {"id": "w2", "title": "Owner"})
    owner = widget.owner
    assert api.count == 1
    assert isinstance(owner, Widget) and owner._has_fetched is False
    assert widget.parts[0].title == "Part"
    assert api.count == 1
    assert owner.title == "Owner"
    assert api.count == 2


def test_repr_str_eq_hash_dir_copy_pickle_make_no_request(widget, im, api):
    other = Widget({"id": "w1", "title": "x"}, im, has_fetched=True)
    assert repr(widget) == "<Widget id='w1'>"
    assert str(widget) == "<Widget id='w1'>"
    assert repr(other) == "<Widget id='w1' title='x'>"
    assert widget == other and hash(widget) == hash(other)
    assert widget != Widget({"id": "w9"}, im)
    assert "title" in dir(widget) and "views" in dir(widget)
    shallow = copy.copy(widget)
    deep = copy.deepcopy(other)
    assert shallow == widget and deep.title == "x"
    assert deep._imgur is im
    restored = pickle.loads(pickle.dumps(other))
    assert restored == other and restored.title == "x"
    assert api.count == 0


def test_pickle_carries_no_credentials(im, user_im):
    obj = Widget({"id": "w1", "title": "x"}, user_im, has_fetched=False)
    blob = pickle.dumps(obj)
    for secret in (b"test-client-secret", b"access-token-1", b"refresh-token-1"):
        assert secret not in blob
    restored = pickle.loads(blob)
    assert restored._imgur is None
    with pytest.raises(AttributeError):
        restored.views  # detached: cannot load, and says so
    user_im.attach(restored)
    assert restored._imgur is user_im


def test_imgur_and_transport_refuse_pickling(user_im):
    with pytest.raises(TypeError):
        pickle.dumps(user_im)


def test_malformed_field_never_breaks_construction_and_names_the_field(im, api):
    obj = Widget({"id": "w1", "views": {"oops": 1}, "parts": "nope", "title": 7}, im)
    assert obj.id == "w1"
    with pytest.raises(pyimgur.InvalidResponse, match="views"):
        obj.views
    with pytest.raises(pyimgur.InvalidResponse, match="parts"):
        obj.parts
    with pytest.raises(pyimgur.InvalidResponse, match="title"):
        obj.title
    assert api.count == 0


def test_numeric_strings_and_01_flags_are_coerced(im):
    obj = Widget({"id": "w1", "views": "620", "nsfw": "1"}, im)
    assert obj.views == 620
    assert obj.is_nsfw is True


def test_help_lists_declared_fields():
    doc = Widget.__doc__ or ""
    assert ":ivar title: The title." in doc
    assert ":ivar is_nsfw:" in doc


def test_shared_fetch_within_ttl(im, api):
    api.add("GET", "3/widget/w1", FULL)
    first = Widget({"id": "w1"}, im, has_fetched=False)
    second = Widget({"id": "w1"}, im, has_fetched=False)
    assert first.title == second.title == "First"
    assert api.count == 1
    second.refresh()
    assert api.count == 2


def test_shared_fetch_off_with_ttl_zero(api):
    im = pyimgur.Imgur("cid", cache_ttl=0)
    api.add("GET", "3/widget/w1", FULL)
    assert Widget({"id": "w1"}, im, has_fetched=False).title == "First"
    assert Widget({"id": "w1"}, im, has_fetched=False).title == "First"
    assert api.count == 2


def test_shared_fetch_expires():
    from pyimgur.cache import FetchCache

    now = [100.0]
    cache = FetchCache(ttl=10, clock=lambda: now[0])
    cache.put("k", {"a": 1})
    assert cache.get("k") == {"a": 1}
    now[0] = 111.0
    assert cache.get("k") is None
    with pytest.raises(ValueError):
        FetchCache(ttl=-1)


def test_empty_id_raises_before_request(im, api):
    with pytest.raises(ValueError):
        Widget({"id": ""}, im, has_fetched=False).title
    assert api.count == 0


@pytest.mark.parametrize("build", [lazy_ref, list_of])
def test_a_related_class_is_passed_never_named(build):
    with pytest.raises(TypeError, match="model class"):
        build("Widget")


def test_a_class_reference_is_resolved_once_at_first_use(im):
    calls = []

    def widget_class():
        calls.append(1)
        return Widget

    convert = lazy_ref(widget_class)
    assert calls == []  # declaring resolves nothing (import cycles between model modules)
    owner = Widget({"id": "w0"}, im, has_fetched=False)
    first, second = convert("a", owner), convert({"id": "b"}, owner)
    assert type(first) is Widget and first.id == "a" and second.id == "b"
    assert calls == [1]


def test_no_model_class_is_named_by_a_string_in_pyimgur():
    import pathlib
    import re

    names = "|".join(sorted(pyimgur.models.base.MODELS))
    call = re.compile(
        r"(\bmake|\b_make|\b_lazy|\bobtain|\blazy_ref|\blist_of|_account_listing)\(\s*"
        r"(ep\.\w+,\s*)?[\"'](" + names + r")[\"']"
    )
    root = pathlib.Path(pyimgur.__file__).parent
    found = [f"{path.relative_to(root)}: {match.group(0)}"
             for path in root.rglob("*.py") for match in call.finditer(path.read_text())]
    assert found == []
