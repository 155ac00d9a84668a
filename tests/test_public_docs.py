"""help() tells what a user needs: every public helper has a docstring, and the
Imgur docstring lists every constructor parameter."""

from __future__ import annotations

import inspect
import pydoc
import re

import pytest

import pyimgur
from pyimgur.testing import FakeImgur
from pyimgur.testing.faults import Faults


def undocumented(cls: type) -> list[str]:
    missing = []
    for name, value in vars(cls).items():
        if name.startswith("_"):
            continue
        target = value.fget if isinstance(value, property) else value
        if isinstance(target, (classmethod, staticmethod)):
            target = target.__func__
        if callable(target) and not inspect.getdoc(target):
            missing.append(name)
    return missing


@pytest.mark.parametrize("cls", [FakeImgur, Faults], ids=lambda c: c.__name__)
def test_every_public_helper_of_the_sandbox_has_a_docstring(cls):
    assert undocumented(cls) == []


def test_help_of_the_sandbox_shows_no_source_comments():
    text = pydoc.render_doc(FakeImgur, renderer=pydoc.plaintext)
    assert "# --" not in text
    for helper in ("add_comment", "reset_log", "expire_all_tokens", "add_user"):
        section = text[text.index(f" {helper}("):]
        body = section.split("\n |  \n", 1)[0]
        assert len(body.splitlines()) > 1, f"{helper} has no help text"


def test_the_imgur_docstring_lists_every_constructor_parameter():
    documented = set(re.findall(r":param (\w+):", pyimgur.Imgur.__doc__ or ""))
    parameters = set(inspect.signature(pyimgur.Imgur.__init__).parameters) - {"self"}
    assert parameters - documented == set()
    assert documented - parameters == set()
