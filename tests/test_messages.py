"""Messages (old message API) and conversations (legacy endpoints, pages from 1)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

import pyimgur

MESSAGE_JSON = {
    "id": 5,
    "from": "alice",
    "account_id": 384077,
    "sender_id": 1234,
    "body": "hello there",
    "subject": "hi",
    "datetime": 1406935917,
}


def form(call):
    return {key: values[0] for key, values in parse_qs(call.text or "").items()}


def path(call):
    return urlsplit(call.url).path


def query(call):
    return {key: values[0] for key, values in parse_qs(urlsplit(call.url).query).items()}


# -- Message -------------------------------------------------------------------------------
def test_get_message_is_lazy_and_loads_once(user_im, api):
    api.add("GET", "3/message/5", MESSAGE_JSON)
    message = user_im.get_message(5)
    assert api.count == 0
    assert isinstance(message, pyimgur.Message)
    assert message.body == "hello there"
    assert api.count == 1
    assert path(api.calls[0]) == "/3/message/5"
    author = message.author
    assert isinstance(author, pyimgur.User) and author.name == "alice"
    assert (message.subject, message.datetime, message.sender_id, message.account_id) == (
        "hi", 1406935917, 1234, 384077,
    )
    assert message.conversation_id is None
    assert api.count == 1  # the author is a lazy User: no request


def test_get_message_needs_a_logged_in_user_when_loaded(im, api):
    message = im.get_message(5)
    assert api.count == 0
    with pytest.raises(pyimgur.AuthenticationError):
        _ = message.body
    assert api.count == 0


def test_get_message_fetch_true_raises_not_found_with_imgurs_message(user_im, api):
    api.add("GET", "3/message/5", {"error": "Unable to find message", "request": "/3/message/5",
                                   "method": "GET"}, status=404)
    with pytest.raises(pyimgur.NotFound, match="Unable to find message"):
        user_im.get_message(5, fetch=True)
    assert api.count == 1


@pytest.mark.parametrize("bad, error", [("", ValueError), (None, TypeError), (True, TypeError)])
def test_get_message_rejects_bad_ids(user_im, api, bad, error):
    with pytest.raises(error):
        user_im.get_message(bad)
    assert api.count == 0


def test_message_numbers_sent_as_text_are_read_as_numbers(user_im):
    message = user_im._make(pyimgur.Message, {"id": "620", "from": "jasdev", "account_id": "384077",
                                        "with_account": "3698510"}, has_fetched=True)
    assert message.id == 620
    assert message.account_id == 384077
    assert message.with_account == "3698510"  # unknown keys are kept as sent


def test_message_delete(user_im, api):
    api.add("DELETE", "3/message/5", True)
    user_im.get_message(5).delete()
    assert (api.calls[0].method, path(api.calls[0])) == ("DELETE", "/3/message/5")
    assert api.count == 1


def test_get_thread_of_an_old_style_message(user_im, api):
    api.add("GET", "3/message/5/thread", [MESSAGE_JSON, dict(MESSAGE_JSON, id=6, body="re")])
    thread = user_im.get_message(5).get_thread()
    assert api.count == 0
    assert [m.body for m in thread] == ["hello there", "re"]
    assert all(isinstance(m, pyimgur.Message) for m in thread)
    assert api.count == 1
    assert path(api.calls[0]) == "/3/message/5/thread"


def test_get_thread_of_a_conversation_message_reads_the_conversation(user_im, api):
    api.add("GET", "3/conversations/9/1/0",
            {"id": 9, "messages": [{"id": 1, "body": "a"}, {"id": 2, "body": "b"}],
             "done": True, "page": 1})
    message = user_im._make(pyimgur.Message, dict(MESSAGE_JSON, conversation_id=9),
                     has_fetched=True)
    thread = message.get_thread()
    assert api.count == 0
    assert [m.id for m in thread] == [1, 2]
    assert [m.conversation_id for m in thread] == [9, 9]
    assert api.count == 1


def test_reply_to_an_old_style_message_sends_to_the_author_with_parent_id(user_im, api):
    api.add("POST", "3/account/alice/message", True)
    message = user_im._make(pyimgur.Message, MESSAGE_JSON, has_fetched=True)
    message.reply("thanks")
    assert api.count == 1
    call = api.calls[0]
    assert (call.method, path(call)) == ("POST", "/3/account/alice/message")
    assert form(call) == {"body": "thanks", "parent_id": "5"}


def test_reply_in_a_conversation_creates_a_conversation_message(user_im, api):
    api.add("POST", "3/conversations/alice", True)
    message = user_im._make(pyimgur.Message, dict(MESSAGE_JSON, conversation_id=9),
                     has_fetched=True)
    message.reply("thanks")
    call = api.calls[0]
    assert (call.method, path(call)) == ("POST", "/3/conversations/alice")
    assert form(call) == {"body": "thanks"}


def test_reply_loads_the_author_when_not_loaded(user_im, api):
    api.add("GET", "3/message/5", MESSAGE_JSON)
    api.add("POST", "3/account/alice/message", True)
    user_im.get_message(5).reply("thanks")
    assert [(c.method, path(c)) for c in api.calls] == [
        ("GET", "/3/message/5"), ("POST", "/3/account/alice/message"),
    ]


# -- User.send_message ----------------------------------------------------------------------
def test_send_message_new_thread(user_im, api):
    api.add("POST", "3/account/alice/message", True)
    user_im.get_user("alice").send_message("hi!", subject="greetings")
    call = api.calls[0]
    assert (call.method, path(call)) == ("POST", "/3/account/alice/message")
    assert form(call) == {"body": "hi!", "subject": "greetings"}


@pytest.mark.parametrize("reply_to", [7, "7"])
def test_send_message_reply_to_an_id(user_im, api, reply_to):
    api.add("POST", "3/account/alice/message", True)
    user_im.get_user("alice").send_message("hi!", reply_to=reply_to)
    assert form(api.calls[0]) == {"body": "hi!", "parent_id": "7"}


@pytest.mark.parametrize("kwargs, error", [
    ({"body": ""}, ValueError),
    ({"body": None}, TypeError),
    ({"body": "x", "subject": 3}, TypeError),
    ({"body": "x", "reply_to": 2.5}, TypeError),
])
def test_send_message_rejects_bad_input_before_any_request(user_im, api, kwargs, error):
    with pytest.raises(error):
        user_im.get_user("alice").send_message(**kwargs)
    assert api.count == 0


# -- conversations -------------------------------------------------------------------------------
CONVERSATION_LIST = [
    {"id": 9, "last_message_preview": "see you", "datetime": 1406935917,
     "with_account_id": 3698510, "with_account": "alice", "message_count": 3},
    {"id": 10, "last_message_preview": "ok", "datetime": 1406935000,
     "with_account_id": 42, "with_account": "carol", "message_count": 1},
]


def test_get_conversations(user_im, api):
    api.add("GET", "3/conversations", CONVERSATION_LIST)
    conversations = user_im.get_conversations()
    assert api.count == 0
    first, second = conversations
    assert isinstance(first, pyimgur.Conversation)
    assert (first.id, first.last_message_preview, first.message_count) == (9, "see you", 3)
    assert first.with_account == user_im.get_user("alice")
    assert first.with_account_id == 3698510
    assert second.with_account.name == "carol"
    assert api.count == 1
    assert path(api.calls[0]) == "/3/conversations"


def test_get_conversation_is_lazy_and_loads_page_one(user_im, api):
    api.add("GET", "3/conversations/9/1/0",
            {"id": 9, "with_account": "alice", "message_count": 3, "done": False, "page": 1,
             "messages": [{"id": 1, "from": "alice", "body": "a"}]})
    conversation = user_im.get_conversation(9)
    assert api.count == 0
    assert conversation.message_count == 3
    assert api.count == 1
    assert path(api.calls[0]) == "/3/conversations/9/1/0"
    assert [m.body for m in conversation.messages] == ["a"]
    assert conversation.done is False and conversation.page == 1
    assert api.count == 1


def test_conversation_messages_are_paged_from_one_until_done(user_im, api):
    api.add("GET", "3/conversations/9/1/0",
            {"id": 9, "done": False, "page": 1,
             "messages": [{"id": 1, "body": "a"}, {"id": 2, "body": "b"}]})
    api.add("GET", "3/conversations/9/2/0",
            {"id": 9, "done": True, "page": 2, "messages": [{"id": 3, "body": "c"}]})
    messages = user_im.get_conversation(9).get_messages()
    assert api.count == 0
    assert [m.body for m in messages] == ["a", "b", "c"]
    assert all(m.conversation_id == 9 for m in messages)
    assert [path(c) for c in api.calls] == ["/3/conversations/9/1/0", "/3/conversations/9/2/0"]
    assert api.count == 2  # "done" ends it: no request for page 3


def test_conversation_messages_limit(user_im, api):
    api.add("GET", "3/conversations/9/1/0",
            {"id": 9, "done": False, "messages": [{"id": 1}, {"id": 2}]})
    assert [m.id for m in user_im.get_conversation(9).get_messages(limit=1)] == [1]
    assert api.count == 1


def test_conversation_messages_end_on_an_empty_page(user_im, api):
    api.add("GET", "3/conversations/9/1/0", {"id": 9, "messages": [{"id": 1}]})
    api.add("GET", "3/conversations/9/2/0", {"id": 9, "messages": []})
    assert len(user_im.get_conversation(9).get_messages()) == 1
    assert api.count == 2


def test_conversation_actions(user_im, api):
    api.add("DELETE", "3/conversations/9", True)
    api.add("POST", "3/conversations/report/alice", True)
    api.add("POST", "3/conversations/block/alice", True)
    conversation = user_im._make(pyimgur.Conversation, CONVERSATION_LIST[0])
    conversation.report_sender()
    conversation.block_sender()
    conversation.delete()
    assert [(c.method, path(c)) for c in api.calls] == [
        ("POST", "/3/conversations/report/alice"),
        ("POST", "/3/conversations/block/alice"),
        ("DELETE", "/3/conversations/9"),
    ]


def test_block_sender_loads_the_other_user_first_when_needed(user_im, api):
    api.add("GET", "3/conversations/9/1/0", {"id": 9, "with_account": "alice", "messages": []})
    api.add("POST", "3/conversations/block/alice", True)
    user_im.get_conversation(9).block_sender()
    assert [(c.method, path(c)) for c in api.calls] == [
        ("GET", "/3/conversations/9/1/0"), ("POST", "/3/conversations/block/alice"),
    ]


@pytest.mark.parametrize("recipient", ["alice", "user"])
def test_create_message_to_a_username_or_a_user(user_im, api, recipient):
    api.add("POST", "3/conversations/alice", True)
    who = user_im.get_user("alice") if recipient == "user" else "alice"
    assert user_im.create_message(who, "hello") is None
    call = api.calls[0]
    assert (call.method, path(call)) == ("POST", "/3/conversations/alice")
    assert form(call) == {"body": "hello"}
    assert api.count == 1


@pytest.mark.parametrize("recipient, body, error", [
    (5, "hi", TypeError),
    ("", "hi", ValueError),
    ("alice", "", ValueError),
    ("alice", 5, TypeError),
])
def test_create_message_rejects_bad_input(user_im, api, recipient, body, error):
    with pytest.raises(error):
        user_im.create_message(recipient, body)
    assert api.count == 0


def test_legacy_conversation_404_is_not_found_with_imgurs_message(user_im, api):
    api.add("GET", "3/conversations", {"error": "Endpoint removed", "request": "/3/conversations",
                                       "method": "GET"}, status=404)
    with pytest.raises(pyimgur.NotFound, match="Endpoint removed"):
        list(user_im.get_conversations())


@pytest.mark.parametrize("call", [
    lambda im: list(im.get_conversations()),
    lambda im: im.get_conversation(9).message_count,
    lambda im: list(im.get_conversation(9).get_messages()),
    lambda im: im.create_message("alice", "hi"),
    lambda im: im._make(pyimgur.Conversation, CONVERSATION_LIST[0]).delete(),
    lambda im: im._make(pyimgur.Conversation, CONVERSATION_LIST[0]).report_sender(),
    lambda im: im._make(pyimgur.Conversation, CONVERSATION_LIST[0]).block_sender(),
    lambda im: im.get_message(5).delete(),
    lambda im: list(im.get_message(5).get_thread()),
])
def test_messaging_needs_a_logged_in_user(im, api, call):
    with pytest.raises(pyimgur.AuthenticationError):
        call(im)
    assert api.count == 0
