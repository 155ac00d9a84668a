"""Every public name of PyImgur 0.8.1 works in pyimgur, or migration.rst says why not.

The names are data (``pyimgur_081_names.json``, made by ``introspect_081.py``
from an installed pyimgur==0.8.1).  The removals are the marked table of
docs/migration.rst, read here, so the list, the docs and the code cannot drift:
a name listed as removed that works again, or a row naming no 0.8.1 name,
fails too.  No request is made (resolving names is pure).
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
from pathlib import Path
from typing import Any, Optional

import pytest

import pyimgur
from pyimgur._aliases import aliases_of

HERE = Path(__file__).parent
NAMES = json.loads((HERE / "pyimgur_081_names.json").read_text(encoding="utf-8"))["entries"]
MIGRATION = HERE.parent.parent / "docs" / "migration.rst"
_MISSING = object()
_POSITIONAL = ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD")


def removed_table() -> dict[str, str]:
    """``{key: reason}`` from the rows between the two markers of migration.rst."""
    text = MIGRATION.read_text(encoding="utf-8")
    start = text.index(".. compat-081-removed-start")
    end = text.index(".. compat-081-removed-end")
    rows = re.findall(r"\* - ``([^`]+)``\n\s+- (.+)", text[start:end])
    assert rows, "the marked table of migration.rst has no rows"
    return {key: reason.strip() for key, reason in rows}


REMOVED = removed_table()


def resolve(name: str) -> Any:
    """The object ``name`` (``pyimgur.X.y``) means in our package, or ``_MISSING``."""
    parts = name.split(".")
    obj: Any = _MISSING
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        rest = parts[cut:]
        break
    else:  # pragma: no cover - "pyimgur" itself always imports
        return _MISSING
    for part in rest:
        if inspect.isclass(obj):
            found = inspect.getattr_static(obj, part, _MISSING)
            if found is _MISSING and part in getattr(obj, "_field_names", ()):
                found = f"<field {part}>"
            if found is _MISSING and obj is pyimgur.Imgur:
                found = getattr(pyimgur.Imgur("client-id"), part, _MISSING)
        else:
            found = getattr(obj, part, _MISSING)
        if found is _MISSING:
            return _MISSING
        obj = found
    return obj


def removed_reason(name: str) -> Optional[str]:
    """The reason the table gives for ``name`` or for a module or class holding it."""
    parts = name.split(".")
    for cut in range(len(parts), 1, -1):
        reason = REMOVED.get(".".join(parts[:cut]))
        if reason:
            return reason
    return None


def param_key(entry: dict[str, Any], param: dict[str, Any], with_default: bool) -> str:
    if with_default:
        return f"{entry['name']}({param['name']}={param['default']!r})"
    return f"{entry['name']}({param['name']})"


def check_signature(entry: dict[str, Any], func: Any) -> list[str]:
    """What in ``func``'s signature breaks a call written for 0.8.1."""
    if isinstance(func, (staticmethod, classmethod)):
        func = func.__func__
    ours = [p for name, p in inspect.signature(func).parameters.items() if name != "self"]
    by_name = {p.name: p for p in ours}
    aliases = aliases_of(func)
    problems = []
    for index, param in enumerate(entry["params"]):
        if param["kind"] in ("VAR_KEYWORD", "VAR_POSITIONAL"):
            continue
        if REMOVED.get(param_key(entry, param, False)):
            continue
        target = aliases.get(param["name"], param["name"])
        mine = by_name.get(target)
        if mine is None or mine.kind.name not in (*_POSITIONAL, "KEYWORD_ONLY"):
            problems.append(f"no keyword {param['name']!r}")
            continue
        at_index = ours[index] if index < len(ours) else None
        if param["kind"] in _POSITIONAL and (
            at_index is None or at_index.name != target or at_index.kind.name not in _POSITIONAL
        ):
            problems.append(f"{param['name']!r} is not positional argument {index + 1}")
        if "default" in param or "default_repr" in param:
            if mine.default is inspect.Parameter.empty:
                problems.append(f"{param['name']!r} has no default")
            elif "default" in param and mine.default != param["default"]:
                if not REMOVED.get(param_key(entry, param, True)):
                    problems.append(
                        f"default of {param['name']!r}: {mine.default!r},"
                        f" 0.8.1 {param['default']!r}"
                    )
    known = {aliases.get(p["name"], p["name"]) for p in entry["params"]}
    for param in ours:
        required = param.default is inspect.Parameter.empty and param.kind.name in (
            *_POSITIONAL, "KEYWORD_ONLY")
        if required and param.name not in known:
            problems.append(f"new required argument {param.name!r}")
    return problems


@pytest.mark.parametrize("entry", NAMES, ids=[e["name"] for e in NAMES])
def test_081_name_works_or_is_documented_as_removed(entry: dict[str, Any]) -> None:
    name = entry["name"]
    reason = removed_reason(name)
    found = resolve(name)
    if reason is not None:
        if name in REMOVED:
            assert found is _MISSING, f"{name} works: take it out of migration.rst's table"
        return
    assert found is not _MISSING, f"{name} is missing and not listed in migration.rst"
    if entry["kind"] == "exception":
        assert inspect.isclass(found) and issubclass(found, BaseException)
    if entry["kind"] in ("class",):
        assert inspect.isclass(found)
    if entry["kind"] == "module":
        assert inspect.ismodule(found)
    if entry["kind"] in ("method", "function"):
        assert callable(found) or isinstance(found, (staticmethod, classmethod)), name
        problems = check_signature(entry, found)
        assert not problems, f"{name}: {'; '.join(problems)}"


def test_every_row_of_the_removed_table_names_a_081_name() -> None:
    keys = set()
    for entry in NAMES:
        keys.add(entry["name"])
        for param in entry.get("params", ()):
            keys.add(param_key(entry, param, False))
            if "default" in param:
                keys.add(param_key(entry, param, True))
    stale = sorted(set(REMOVED) - keys)
    assert not stale, f"rows of migration.rst's table that are no 0.8.1 name: {stale}"


def test_every_row_gives_a_reason() -> None:
    assert all(len(reason) > 10 for reason in REMOVED.values())


@pytest.mark.parametrize(
    "key", sorted(k for k in REMOVED if "=" in k), ids=lambda k: k
)
def test_a_default_listed_as_changed_did_change(key: str) -> None:
    name, rest = key.split("(", 1)
    param, default = rest.rstrip(")").split("=", 1)
    func = resolve(name)
    target = aliases_of(func).get(param, param)
    assert repr(inspect.signature(func).parameters[target].default) != default
