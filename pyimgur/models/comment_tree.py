"""Comment reply trees of any depth, with no recursion.

Imgur sends a post's comments (and a comment's replies) as nested JSON:
every comment's ``children`` holds its replies, down to any depth.  Python's
recursion limit would stop a recursive walk after a few hundred levels, so
building a tree, pointing it at its post, ``copy.deepcopy`` and ``pickle``
all walk it with an explicit stack instead.  ``pickle`` stores a tree flat:
the state of every comment, plus its links (``parent``, ``replies``) as
positions in that flat list.  A comment pickled (or deep-copied) on its own
carries its whole tree: every comment linked to it by ``parent`` or
``replies``.
"""

from __future__ import annotations

import copy as _copy
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Optional

from .base import keep, loaded, peek

if TYPE_CHECKING:
    from .comment import Comment

__all__ = ["build_replies", "deepcopy_tree", "rebuild_tree", "reduce_tree", "walk"]

def build_replies(children: Any, owner: Comment) -> list[Comment]:
    """The replies of ``owner`` from Imgur's nested ``children`` JSON (no request).

    Every level is built from the same answer; items that are not JSON
    objects are skipped; a ``children`` that is not a list makes reading that
    comment's ``replies`` raise :class:`~pyimgur.exceptions.InvalidResponse`.
    """
    if children is None:
        return []
    if not isinstance(children, list):
        raise TypeError(f"expected a list, got {type(children).__name__}")
    cls = type(owner)
    imgur = owner._imgur
    top: list[Comment] = []
    stack: list[tuple[Comment, list[Any], list[Comment]]] = [(owner, children, top)]
    while stack:
        parent, items, out = stack.pop()
        for item in items:
            if not isinstance(item, dict):
                continue
            nested = item.get("children")
            flat = {key: value for key, value in item.items() if key != "children"}
            reply = cls(flat, imgur, has_fetched=True)
            keep(reply, parent=parent)
            if isinstance(nested, list):
                replies: list[Comment] = []
                keep(reply, replies=replies)
                stack.append((reply, nested, replies))
            elif "children" in item:  # None, or a bad value _populate records as malformed
                reply._populate({"children": nested})
            out.append(reply)
    return top


def walk(root: Comment) -> Iterator[Comment]:
    """``root``, then each reply followed by its own replies (depth first), at any depth."""
    stack = [root]
    while stack:
        comment = stack.pop()
        yield comment
        stack.extend(reversed(peek(comment, "replies") or ()))


def _component(start: Comment) -> list[Comment]:
    """Every comment linked to ``start`` through ``parent`` or ``replies`` (start first)."""
    cls = type(start)
    nodes = [start]
    seen = {id(start)}
    index = 0
    while index < len(nodes):
        node = nodes[index]
        index += 1
        linked = list(peek(node, "replies") or ())
        linked.append(peek(node, "parent"))
        for other in linked:
            if isinstance(other, cls) and id(other) not in seen:
                seen.add(id(other))
                nodes.append(other)
    return nodes


def _links(nodes: list[Comment]) -> list[tuple[Optional[int], Optional[list[int]]]]:
    """For each node: the position of its parent, and of its replies, in ``nodes``."""
    position = {id(node): number for number, node in enumerate(nodes)}
    links: list[tuple[Optional[int], Optional[list[int]]]] = []
    for node in nodes:
        parent = position.get(id(peek(node, "parent")))
        replies = peek(node, "replies")
        kept = None
        if isinstance(replies, list):
            kept = [position[id(reply)] for reply in replies if id(reply) in position]
        links.append((parent, kept))
    return links


def _unlinked(state: Mapping[str, Any], parent: Optional[int]) -> dict[str, Any]:
    """``state`` without the links that ``rebuild_tree`` restores."""
    out = dict(state)
    if isinstance(out.get("replies"), list):
        del out["replies"]
    if parent is not None:
        del out["parent"]
    return out


def reduce_tree(start: Comment) -> tuple[Any, ...]:
    """``__reduce_ex__`` for a comment: its whole tree, flat."""
    nodes = _component(start)
    links = _links(nodes)
    states = [
        (type(node), _unlinked(node.__getstate__(), parent))
        for node, (parent, _) in zip(nodes, links)
    ]
    return (rebuild_tree, (states, links, 0))


def rebuild_tree(
    states: list[tuple[type[Any], dict[str, Any]]],
    links: list[tuple[Optional[int], Optional[list[int]]]],
    index: int,
) -> Any:
    """Make the comments of a flat tree again, linked as they were; return number ``index``."""
    nodes = []
    for cls, state in states:
        node: Any = object.__new__(cls)
        node.__setstate__(state)
        nodes.append(node)
    _relink(nodes, links)
    return nodes[index]


def _relink(nodes: list[Any], links: list[tuple[Optional[int], Optional[list[int]]]]) -> None:
    for node, (parent, replies) in zip(nodes, links):
        if parent is not None:
            keep(node, parent=nodes[parent])
        if replies is not None:
            keep(node, replies=[nodes[number] for number in replies])


def deepcopy_tree(start: Comment, memo: dict[int, Any]) -> Any:
    """``__deepcopy__`` for a comment: copies its whole tree once, level by level."""
    nodes = _component(start)
    links = _links(nodes)
    clones = []
    for node in nodes:
        clone = memo.get(id(node))
        if clone is None:
            clone = type(node).__new__(type(node))
            memo[id(node)] = clone
        clones.append(clone)
    for node, clone, (parent, _) in zip(nodes, clones, links):
        fields = _unlinked(loaded(node), parent)
        copied = {k: v if k == "_imgur" else _copy.deepcopy(v, memo) for k, v in fields.items()}
        keep(clone, **copied)
    _relink(clones, links)
    return clones[0]
