"""``NamedCaseInsensitive``: things Imgur names case-insensitively (users, tags)."""

from __future__ import annotations

from typing import Any

from ..base import Basic_object, keep, peek

__all__ = ["NamedCaseInsensitive"]


class NamedCaseInsensitive(Basic_object):
    """Identity by ``name``, lower-cased and fixed when the object is made.

    ``get_tag("Cats") == get_tag("cats")``, and neither ``==`` nor ``hash``
    changes when loading brings Imgur's own spelling of the name.  An answer
    whose name differs only in case is the same object (see ``_check_answer``).
    """

    def __init__(self, json_dict: dict[str, Any], imgur: Any, has_fetched: bool = True) -> None:
        super().__init__(json_dict, imgur, has_fetched)
        name = peek(self, "name")
        if isinstance(name, str):
            keep(self, _key=name.lower())  # the identity, fixed from now on

    @property
    def _identity(self) -> Any:
        key = peek(self, "_key")
        if key is not None:
            return key
        name = peek(self, "name")
        return name.lower() if isinstance(name, str) else name
