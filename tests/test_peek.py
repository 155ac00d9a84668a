"""Reading and writing a model's fields without loading it: peek, is_loaded,
loaded, keep and forget (pyimgur.models.base), with exact request counts, and a
scan that keeps raw ``__dict__`` access inside the lazy core."""

from __future__ import annotations

import pathlib
import re

import pytest

import pyimgur
from pyimgur.aio.models import twin_of
from pyimgur.models.base import forget, is_loaded, keep, loaded, peek

IMAGE = {"id": "abc", "title": "Loaded", "description": None, "views": 7}


@pytest.fixture
def stub(im):
    """An image known by id only: reading any other field would load it."""
    return im.get_image("abc", fetch=False)


def test_peek_and_is_loaded_never_load(stub, api):
    api.add("GET", "3/image/abc", IMAGE)
    assert peek(stub, "title") is None
    assert peek(stub, "title", "unknown") == "unknown"
    assert peek(stub, "id") == "abc"
    assert is_loaded(stub, "id") and not is_loaded(stub, "title")
    assert api.count == 0
    assert stub.title == "Loaded"  # a plain read loads, once
    assert api.count == 1
    assert peek(stub, "title", "unknown") == "Loaded"
    # a field loaded as None is loaded: peek cannot tell, is_loaded can
    assert is_loaded(stub, "description") and peek(stub, "description", "x") is None
    assert api.count == 1


def test_loaded_is_a_live_read_only_view(stub, api):
    view = loaded(stub)
    assert "title" not in view and view["id"] == "abc"
    with pytest.raises(TypeError):
        view["title"] = "changed"  # type: ignore[index]
    keep(stub, title="Kept")
    assert view["title"] == "Kept"
    assert api.count == 0


def test_keep_changes_local_state_only(stub, api):
    keep(stub, title="Kept", views=3)
    assert api.count == 0
    assert stub.title == "Kept" and stub.views == 3  # loaded now: plain reads are free
    assert api.count == 0


def test_forget_makes_the_next_read_load(stub, api):
    api.add("GET", "3/image/abc", IMAGE)
    keep(stub, title="Stale")
    assert stub.title == "Stale" and api.count == 0
    forget(stub, "title", "never_loaded")  # a name that is not loaded is fine
    assert api.count == 0 and not is_loaded(stub, "title")
    assert stub.title == "Loaded"
    assert api.count == 1


def test_helpers_make_no_request_on_an_async_object():
    aio = pyimgur.AsyncImgur("test-client-id")
    image = twin_of(pyimgur.Image)({"id": "abc"}, aio, has_fetched=False)
    assert peek(image, "title") is None and not is_loaded(image, "title")
    keep(image, title="Kept")
    assert image.title == "Kept"  # loaded: an async object reads it without I/O
    forget(image, "title")
    with pytest.raises(AttributeError, match="load"):
        image.title  # unloaded again: the async flavour says to load first


# -- no raw model __dict__ outside the core -------------------------------------------------
ROOT = pathlib.Path(pyimgur.__file__).parent
#: the lazy core itself, and the sandbox (it builds JSON, not model objects)
CORE = ("models/base.py", "testing/")
#: uses of __dict__ that are not a model's fields (each one said why)
NOT_MODELS = [
    # a bound plan's function attributes (functools' __wrapped__)
    ("plan.py", 'bound.__dict__["__wrapped__"] = plan.__get__(obj)'),
    ("plan.py", 'listing.__dict__["__wrapped__"] = describe.__get__(obj)'),
    # an async twin's function attribute naming its sync original
    ("aio/client.py", 'method.__dict__["__pyimgur_twin__"] = sync'),
    # a copy of a shared exception for each waiter
    ("cache.py", "clone.__dict__.update(error.__dict__)"),
]
RAW = re.compile(r"__dict__|\bvars\(")


def raw_state_uses() -> list[tuple[str, str]]:
    """Each line (file, text) with a raw ``__dict__`` or ``vars()``, once per use."""
    found = []
    for path in ROOT.rglob("*.py"):
        name = path.relative_to(ROOT).as_posix()
        if name.startswith(CORE):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if RAW.search(line):
                found.append((name, line.strip()))
    return sorted(found)


def test_no_raw_model_state_outside_the_core():
    assert raw_state_uses() == sorted(NOT_MODELS)


def test_the_scan_finds_a_raw_read(tmp_path, monkeypatch):
    fake = tmp_path / "pkg"
    (fake / "models").mkdir(parents=True)
    (fake / "models" / "base.py").write_text("state = obj.__dict__\n")
    (fake / "user.py").write_text('name = getattr(tag, "__dict__", {}).get("name")\n')
    (fake / "cli.py").write_text("fields = vars(post)\n")
    monkeypatch.setattr(__import__(__name__), "ROOT", fake)
    (fake / "cache.py").write_text("clone.__dict__.update(error.__dict__)\n" * 2)
    assert raw_state_uses() == [
        ("cache.py", "clone.__dict__.update(error.__dict__)"),
        ("cache.py", "clone.__dict__.update(error.__dict__)"),  # a second one is not allowed
        ("cli.py", "fields = vars(post)"),
        ("user.py", 'name = getattr(tag, "__dict__", {}).get("name")'),
    ]
