"""One description of every call: each sync action has its async twin, with the same parameters."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

import pyimgur
from pyimgur.aio import AsyncImgur, AsyncListing
from pyimgur.aio.models import ASYNC_MODELS, AsyncObject
from pyimgur.models.base import MODELS
from pyimgur.plan import Action, PagedAction

#: the library's own models (test modules register models of their own in MODELS)
LIBRARY_MODELS = sorted(
    name for name, cls in MODELS.items() if cls.__module__.startswith("pyimgur.")
)

#: public callables of the sync models that make no request (pure helpers)
NO_IO = {
    ("Comment", "walk"),
    ("Gallery_item", "get_album_or_image"),
    ("Gallery_image", "get_album_or_image"),
    ("Gallery_album", "get_album_or_image"),
}
#: written for each flavour on purpose (fan-out with threads vs a task group)
PER_FLAVOUR = {("Album", "download"), ("Gallery_album", "download")}
#: Imgur's methods that the async flavour does not have yet (see the report)
NOT_YET_ASYNC: set[str] = set()
#: named differently in the async flavour
RENAMED = {"close": "aclose"}


def _params(function: Any) -> list[tuple[str, Any, Any]]:
    signature = inspect.signature(inspect.unwrap(function))
    return [(p.name, p.kind, p.default) for p in signature.parameters.values()
            if p.name != "self"]


@pytest.mark.parametrize("name", LIBRARY_MODELS)
def test_every_model_has_an_async_twin(name: str) -> None:
    twin = ASYNC_MODELS[MODELS[name]]
    assert issubclass(twin, MODELS[name]) and issubclass(twin, AsyncObject)


@pytest.mark.parametrize("name", LIBRARY_MODELS)
def test_every_public_call_of_a_model_is_a_plan_or_known_to_make_no_request(name: str) -> None:
    cls = MODELS[name]
    for attr in dir(cls):
        if attr.startswith("_") or attr == "refresh":
            continue
        value = inspect.getattr_static(cls, attr)
        if isinstance(value, (Action, PagedAction, property)) or not callable(value):
            continue
        if isinstance(value, (staticmethod, classmethod)) and (name, attr) in NO_IO:
            continue
        assert (name, attr) in NO_IO | PER_FLAVOUR, (
            f"{name}.{attr} is a plain method: write it as a plan (@action or @paged) so "
            "the async flavour has it too, or list it here if it makes no request"
        )


@pytest.mark.parametrize("name", LIBRARY_MODELS)
def test_async_actions_of_a_model_are_coroutines_with_the_same_parameters(name: str) -> None:
    sync = MODELS[name]
    twin = ASYNC_MODELS[sync]
    for attr in dir(sync):
        value = inspect.getattr_static(sync, attr)
        if attr.startswith("_") or not isinstance(value, (Action, PagedAction)):
            continue
        bound = getattr(twin.__new__(twin), attr)
        if isinstance(value, Action):
            assert inspect.iscoroutinefunction(bound), f"{name}.{attr}"
        assert _params(bound) == _params(getattr(sync.__new__(sync), attr)), f"{name}.{attr}"
    for attr, _ in PER_FLAVOUR:
        if hasattr(sync, attr) and (name, attr) in PER_FLAVOUR and attr != "stream":
            assert inspect.iscoroutinefunction(getattr(twin, attr))
            assert _params(getattr(twin, attr)) == _params(getattr(sync, attr))


def test_async_imgur_has_every_call_of_imgur_with_the_same_parameters() -> None:
    for attr in dir(pyimgur.Imgur):
        if attr.startswith("_") or attr in NOT_YET_ASYNC:
            continue
        value = inspect.getattr_static(pyimgur.Imgur, attr)
        twin_name = RENAMED.get(attr, attr)
        assert hasattr(AsyncImgur, twin_name), f"AsyncImgur.{twin_name} is missing"
        if isinstance(value, property) or attr in RENAMED or not (
                callable(value) or isinstance(value, classmethod)):
            continue
        twin = getattr(AsyncImgur, twin_name)
        sync = value.plan if isinstance(value, Action) else getattr(value, "describe", value)
        if isinstance(sync, classmethod):
            continue
        expected = [(n, k, True if n == "fetch" and d is False else d)
                    for n, k, d in _params(sync)]
        assert _params(twin) == expected, attr
        if isinstance(value, Action):
            assert inspect.iscoroutinefunction(twin), attr
        if isinstance(value, PagedAction):
            assert "AsyncListing" in str(inspect.signature(twin).return_annotation), attr
        if isinstance(value, (Action, PagedAction)):
            assert twin.__doc__ == inspect.unwrap(sync).__doc__, attr


def test_not_yet_async_is_accurate() -> None:
    """The list above shrinks as the async flavour grows: it names only what is missing."""
    for attr in NOT_YET_ASYNC:
        assert hasattr(pyimgur.Imgur, attr) and not hasattr(AsyncImgur, attr), attr
    assert AsyncListing is pyimgur.AsyncListing


def test_import_pyimgur_never_needs_httpx() -> None:
    import subprocess
    import sys

    program = (
        "import sys; sys.modules['httpx'] = None; sys.modules['anyio'] = None\n"
        "import pyimgur\n"
        "pyimgur.Imgur('x')\n"
        "assert 'pyimgur.aio' not in sys.modules\n"
        "try:\n"
        "    pyimgur.AsyncImgur\n"
        "except ImportError as missing:\n"
        "    assert 'pyimgur[async]' in str(missing)\n"
        "else:\n"
        "    raise SystemExit('AsyncImgur without httpx')\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_an_async_session_makes_the_async_twin_of_the_class_it_is_given() -> None:
    im = AsyncImgur("client-id")
    assert len(ASYNC_MODELS) == 13
    for sync, twin in ASYNC_MODELS.items():
        made = im.make(sync, {"id": "x1"})
        assert type(made) is twin and isinstance(made, sync)
    assert type(im.make(ASYNC_MODELS[pyimgur.Image], {"id": "x1"})) is ASYNC_MODELS[pyimgur.Image]
    assert type(pyimgur.Imgur("client-id").make(pyimgur.Image, {"id": "x1"})) is pyimgur.Image


def test_related_objects_of_an_async_object_are_async_twins() -> None:
    im = AsyncImgur("client-id")
    comment = im.make(pyimgur.Comment, {"id": 5, "image_id": "p1", "parent_id": 4,
                                        "author": "someone"})
    assert type(comment.image) is ASYNC_MODELS[pyimgur.Gallery_image]
    assert type(comment.parent) is ASYNC_MODELS[pyimgur.Comment]
    assert type(comment.author) is ASYNC_MODELS[pyimgur.User]
    post = comment.image
    comment._populate({"on_album": True})  # the post is an album after all
    assert type(comment.image) is ASYNC_MODELS[pyimgur.Gallery_album] and comment.image is not post
    kept = comment.image
    comment._populate({"on_album": True})  # already the right class: kept as it is
    assert comment.image is kept
    image = im.make(pyimgur.Image, {"id": "i1"})
    assert image._gallery_class() is pyimgur.Gallery_image
    assert image._flavour_of(image._gallery_class()) is ASYNC_MODELS[pyimgur.Gallery_image]
