"""Comment reply trees of any depth (issue 13, section 1): no RecursionError.

A reply chain thousands deep arrives in one answer.  It must build
(``get_comment(id).replies``, ``post.get_comments()``), iterate, ``repr``,
``copy``, ``deepcopy`` and ``pickle``, with exactly one request and none
afterwards.  Python's JSON decoder itself stops at about 1,000 levels of
nesting, so the deepest cases hand the decoded answer to the model through a
counting stand-in for the transport; a chain of 400 replies (deeper than the
old recursive build could go) also goes through requests-mock as real JSON.
"""

from __future__ import annotations

import copy
import pickle
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pyimgur

DEPTH = 5_000


def _chain(depth: int, post: str = "Post123") -> dict[str, Any]:
    """Comment 1, replied to by 2, replied to by 3 ... down to ``depth``."""
    node: dict[str, Any] = {"id": depth, "comment": f"c{depth}", "parent_id": depth - 1,
                            "image_id": post, "children": []}
    for number in range(depth - 1, 0, -1):
        node = {"id": number, "comment": f"c{number}", "parent_id": number - 1,
                "image_id": post, "children": [node]}
    return node


class Counting:
    """Stands in for ``Transport.request``: answers from a table, counts calls."""

    def __init__(self, answers: dict[str, Any]) -> None:
        self.answers = answers
        self.calls: list[str] = []

    def __call__(self, endpoint: Any, **kwargs: Any) -> Any:
        path = endpoint.format(**{k: v for k, v in kwargs.items() if k != "params"})
        self.calls.append(path)
        return self.answers[path]


def _offline(answers: dict[str, Any]) -> tuple[pyimgur.Imgur, Counting]:
    im = pyimgur.Imgur("tree-client-id")
    counting = Counting(answers)
    im.transport.request = counting  # type: ignore[method-assign]
    return im, counting


def _deepest(comment: pyimgur.Comment) -> tuple[pyimgur.Comment, int]:
    depth = 0
    while comment.replies:
        comment = comment.replies[0]
        depth += 1
    return comment, depth


def test_get_comment_replies_builds_a_5000_deep_chain_with_one_request() -> None:
    im, counting = _offline({"3/comment/1": _chain(DEPTH)})
    top = im.get_comment(1)
    leaf, depth = _deepest(top)
    assert depth == DEPTH - 1
    assert leaf.id == DEPTH and leaf.text == f"c{DEPTH}"
    assert leaf.parent.parent.id == DEPTH - 2  # parents are the real objects
    assert leaf.parent.replies[0] is leaf
    assert repr(leaf) == f"<Comment id={DEPTH} text='c{DEPTH}'>"
    assert [comment.id for comment in top.walk()] == list(range(1, DEPTH + 1))
    assert counting.calls == ["3/comment/1"]


def test_post_get_comments_builds_a_5000_deep_chain_and_points_it_at_the_post() -> None:
    im, counting = _offline({"3/gallery/Post123/comments/best": [_chain(DEPTH), _chain(3)]})
    post = im.get_gallery_image("Post123")
    comments = list(post.get_comments())
    assert [c.id for c in comments] == [1, 1]
    leaf, depth = _deepest(comments[0])
    assert depth == DEPTH - 1
    assert leaf.image is post  # every level points at the post object, no request
    assert counting.calls == ["3/gallery/Post123/comments/best"]


def test_get_replies_builds_a_5000_deep_chain_with_one_request() -> None:
    im, counting = _offline({"3/comment/1/replies": _chain(DEPTH)})
    top = im.get_comment(1)
    replies = list(top.get_replies())
    assert [reply.id for reply in replies] == [2]
    assert replies[0].parent is top
    leaf, depth = _deepest(replies[0])
    assert depth == DEPTH - 2 and leaf.id == DEPTH
    assert counting.calls == ["3/comment/1/replies"]


def test_a_deep_tree_copies_deep_copies_and_pickles_without_a_request() -> None:
    im, counting = _offline({"3/comment/1": _chain(DEPTH)})
    top = im.get_comment(1)
    leaf, _ = _deepest(top)
    shallow = copy.copy(leaf)
    assert shallow == leaf and shallow.parent is leaf.parent

    cloned = copy.deepcopy(top)
    cloned_leaf, depth = _deepest(cloned)
    assert depth == DEPTH - 1 and cloned_leaf is not leaf
    assert cloned_leaf.parent.replies[0] is cloned_leaf
    assert cloned_leaf._imgur is im  # deepcopy keeps the client, like any model

    both = copy.deepcopy([leaf, top])  # one memo: the two stay in one tree
    assert _deepest(both[1])[0] is both[0]

    restored = pickle.loads(pickle.dumps(leaf))
    assert restored == leaf and restored.text == f"c{DEPTH}"
    node, steps = restored, 0
    while isinstance(node.__dict__.get("parent"), pyimgur.Comment):
        node, steps = node.parent, steps + 1
    assert steps == DEPTH - 1 and node.id == 1
    assert _deepest(node)[0] is restored
    assert restored._imgur is None  # a pickle carries no client (nor credentials)
    assert counting.calls == ["3/comment/1"]


def test_a_wide_and_deep_tree_keeps_the_order_of_replies() -> None:
    tree = _chain(50)
    tree["children"].append({"id": 900, "comment": "second", "children": [{"id": 901}]})
    tree["children"].insert(0, {"id": 800, "comment": "first", "children": None})
    im, counting = _offline({"3/comment/1": tree})
    replies = im.get_comment(1).replies
    assert [r.id for r in replies] == [800, 2, 900]
    assert replies[0].replies == []
    assert replies[2].replies[0].id == 901 and replies[2].replies[0].parent is replies[2]
    twice = pickle.loads(pickle.dumps(replies[2].parent))
    assert [r.id for r in twice.replies] == [800, 2, 900]
    assert counting.calls == ["3/comment/1"]


def test_a_bad_children_value_deep_in_the_tree_fails_only_that_field() -> None:
    tree = _chain(300)
    node = tree
    while node["children"]:
        node = node["children"][0]
    node["children"] = "not a list"
    im, counting = _offline({"3/comment/1": tree})
    top = im.get_comment(1)
    node_obj = top
    while node_obj.id != 300:
        node_obj = node_obj.replies[0]
    assert node_obj.text == "c300"
    with pytest.raises(pyimgur.InvalidResponse, match="replies"):
        node_obj.replies
    assert counting.calls == ["3/comment/1"]


def test_a_400_deep_chain_comes_through_real_json(im: Any, api: Any) -> None:
    assert sys.getrecursionlimit() <= 1_000  # a raised limit would hide the bug
    api.add("GET", "3/comment/1", _chain(400))
    leaf, depth = _deepest(im.get_comment(1))
    assert depth == 399 and leaf.id == 400
    assert pickle.loads(pickle.dumps(leaf)).parent.id == 399
    assert copy.deepcopy(leaf).parent.replies[0].id == 400
    assert api.count == 1


_junk = st.one_of(st.none(), st.integers(), st.text(max_size=3), st.lists(st.none(), max_size=2))


def _trees(depth: int = 4) -> Any:
    """Comment JSON whose ``children`` mix comments and junk, a few levels deep."""
    leaf = st.fixed_dictionaries({"id": st.integers(1, 10**6)}, optional={"children": _junk})
    return st.recursive(
        leaf,
        lambda inner: st.fixed_dictionaries(
            {"id": st.integers(1, 10**6), "children": st.lists(inner | _junk, max_size=4)}
        ),
        max_leaves=25,
    )


def _shape(comment: Any) -> Any:
    """The tree as nested (id, [replies]) read locally, or 'bad' for a malformed field."""
    out: list[Any] = []
    stack = [(comment, out)]
    while stack:
        node, into = stack.pop()
        state = node.__dict__
        if "replies" not in state:
            into.append((state.get("id"), "bad" if "_malformed" in state else None))
            continue
        kids: list[Any] = []
        into.append((state.get("id"), kids))
        stack.extend((reply, kids) for reply in reversed(state["replies"]))
    return out[0]


def _expected(json: Any) -> Any:
    children = json.get("children")
    if children is None:
        return (json["id"], [] if "children" in json else None)
    if not isinstance(children, list):
        return (json["id"], "bad")
    return (json["id"], [_expected(child) for child in children if isinstance(child, dict)])


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(tree=_trees())
def test_any_tree_builds_as_sent_and_survives_copy_and_pickle(tree: dict[str, Any]) -> None:
    im = pyimgur.Imgur("tree-client-id")
    top = pyimgur.Comment(tree, im, has_fetched=True)
    assert _shape(top) == _expected(tree)
    assert _shape(copy.deepcopy(top)) == _expected(tree)
    assert _shape(pickle.loads(pickle.dumps(top))) == _expected(tree)
    for node in top.walk():
        for reply in node.__dict__.get("replies") or ():
            assert reply.parent is node
    assert [node.id for node in top.walk()] == _preorder(_expected(tree))


def _preorder(shape: Any) -> list[int]:
    ids, stack = [], [shape]
    while stack:
        number, kids = stack.pop()
        ids.append(number)
        stack.extend(reversed(kids if isinstance(kids, list) else []))
    return ids
