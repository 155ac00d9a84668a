"""Notifications: content typed by the list Imgur put it in; marking as viewed."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

import pyimgur

REPLY = {
    "id": 4511,
    "account_id": 384077,
    "viewed": False,
    "content": {"id": 1, "image_id": "OUHDm", "comment": "nice!", "author": "carol",
                "author_id": 42, "on_album": False, "parent_id": 0},
}
# Imgur sends the numbers of message metadata as text
MESSAGE_META = {
    "id": 4523,
    "account_id": 384077,
    "viewed": False,
    "content": {"id": "620", "from": "jasdev", "account_id": "384077",
                "with_account": "3698510", "last_message": "hey", "message_num": "103",
                "datetime": 1406935917, "spam": "0"},
}


def form(call):
    return {key: values[0] for key, values in parse_qs(call.text or "").items()}


def path(call):
    return urlsplit(call.url).path


def query(call):
    return {key: values[0] for key, values in parse_qs(urlsplit(call.url).query).items()}


def test_get_notifications_types_content_by_list(user_im, api):
    api.add("GET", "3/notification", {"replies": [REPLY], "messages": [MESSAGE_META]})
    notifications = user_im.get_notifications()
    assert api.count == 0
    reply, message = notifications
    assert api.count == 1
    call = api.calls[0]
    assert (call.method, path(call), query(call)) == ("GET", "/3/notification", {"new": "true"})
    assert isinstance(reply, pyimgur.Notification) and reply.kind == "reply"
    assert (reply.id, reply.account_id, reply.is_viewed) == (4511, 384077, False)
    assert isinstance(reply.content, pyimgur.Comment)
    assert reply.content.id == 1 and reply.content.text == "nice!"
    assert message.kind == "message"
    assert isinstance(message.content, pyimgur.Conversation_summary)
    assert message.content.conversation_id == 620
    assert message.content.account_id == 384077
    assert message.content.author.name == "jasdev"
    assert message.content.message_count == 103
    assert api.count == 1


def test_the_list_decides_not_the_keys(user_im, api):
    # a message whose metadata happens to have a "comment" key stays a Message,
    # and a reply whose comment JSON lacks one stays a Comment
    odd_message = dict(MESSAGE_META, content=dict(MESSAGE_META["content"], comment="x"))
    odd_reply = dict(REPLY, content={"id": 2, "image_id": "OUHDm"})
    api.add("GET", "3/notification", {"replies": [odd_reply], "messages": [odd_message]})
    reply, message = user_im.get_notifications(new=False)
    assert query(api.calls[0]) == {"new": "false"}
    assert isinstance(reply.content, pyimgur.Comment)
    assert isinstance(message.content, pyimgur.Conversation_summary)


def test_get_notifications_with_a_missing_list(user_im, api):
    api.add("GET", "3/notification", {"replies": [REPLY]})
    assert [n.id for n in user_im.get_notifications()] == [4511]


def test_get_notifications_rejects_a_non_bool_new(user_im, api):
    with pytest.raises(TypeError):
        user_im.get_notifications(new="yes")
    assert api.count == 0


def test_get_notification_is_lazy_and_decided_by_comment_key(user_im, api):
    api.add("GET", "3/notification/4511", REPLY)
    api.add("GET", "3/notification/4523", MESSAGE_META)
    reply = user_im.get_notification(4511)
    message = user_im.get_notification(4523)
    assert api.count == 0
    assert reply.kind is None
    assert reply.is_viewed is False
    assert api.count == 1
    assert path(api.calls[0]) == "/3/notification/4511"
    assert isinstance(reply.content, pyimgur.Comment) and reply.kind == "reply"
    assert isinstance(message.content, pyimgur.Conversation_summary) and message.kind == "message"
    assert api.count == 2


def test_refresh_keeps_the_kind_from_the_list(user_im, api):
    odd_message = dict(MESSAGE_META, content=dict(MESSAGE_META["content"], comment="x"))
    api.add("GET", "3/notification", {"messages": [odd_message]})
    api.add("GET", "3/notification/4523", dict(odd_message, viewed=True))
    (message,) = user_im.get_notifications()
    message.refresh()
    assert message.is_viewed is True
    assert isinstance(message.content, pyimgur.Conversation_summary)


def test_notification_with_bad_content_raises_on_read_only(user_im):
    notification = user_im._make(pyimgur.Notification, {"id": 1, "content": "oops"},
                     has_fetched=True)
    assert notification.id == 1
    with pytest.raises(pyimgur.InvalidResponse, match="content"):
        _ = notification.content


def test_mark_as_viewed(user_im, api):
    api.add("POST", "3/notification/4511", True)
    notification = user_im._make(pyimgur.Notification, REPLY, has_fetched=True)
    notification.mark_as_viewed()
    assert (api.calls[0].method, path(api.calls[0])) == ("POST", "/3/notification/4511")
    assert notification.is_viewed is True
    assert api.count == 1


def test_mark_notifications_as_read_sends_ids_as_a_form_field(user_im, api):
    api.add("POST", "3/notification", True)
    notification = user_im._make(pyimgur.Notification, REPLY, has_fetched=True)
    user_im.mark_notifications_as_read([notification, 4523, "77"])
    call = api.calls[0]
    assert (call.method, path(call)) == ("POST", "/3/notification")
    assert call.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert form(call) == {"ids": "4511,4523,77"}
    assert notification.is_viewed is True
    assert api.count == 1


def test_mark_notifications_as_read_accepts_one_object(user_im, api):
    api.add("POST", "3/notification", True)
    user_im.mark_notifications_as_read(user_im.get_notification(8))
    assert form(api.calls[0]) == {"ids": "8"}
    assert api.count == 1


@pytest.mark.parametrize("bad, error", [([], ValueError), ([1.5], TypeError), ([""], ValueError),
                                        ([None], TypeError)])
def test_mark_notifications_as_read_rejects_bad_input(user_im, api, bad, error):
    with pytest.raises(error):
        user_im.mark_notifications_as_read(bad)
    assert api.count == 0


def test_user_replies_messages_and_notifications(user_im, api):
    api.add("GET", "3/account/me/notifications/replies", [REPLY])
    api.add("GET", "3/account/me/notifications/messages", [MESSAGE_META])
    api.add("GET", "3/account/me/notifications", {"replies": [REPLY], "messages": [MESSAGE_META]})
    me = user_im.get_current_user()
    (reply,) = me.get_replies()
    (message,) = me.get_messages(new=False)
    both = list(me.get_notifications())
    assert isinstance(reply.content, pyimgur.Comment)
    assert isinstance(message.content, pyimgur.Conversation_summary)
    assert [type(n.content) for n in both] == [pyimgur.Comment, pyimgur.Conversation_summary]
    assert [(path(c), query(c)) for c in api.calls] == [
        ("/3/account/me/notifications/replies", {"new": "true"}),
        ("/3/account/me/notifications/messages", {"new": "false"}),
        ("/3/account/me/notifications", {"new": "true"}),
    ]


def test_user_replies_list_decides_even_without_comment_key(user_im, api):
    api.add("GET", "3/account/me/notifications/replies", [dict(REPLY, content={"id": 3})])
    (reply,) = user_im.get_current_user().get_replies()
    assert isinstance(reply.content, pyimgur.Comment)


@pytest.mark.parametrize("call", [
    lambda im: list(im.get_notifications()),
    lambda im: im.get_notification(1).is_viewed,
    lambda im: im.get_notification(1).mark_as_viewed(),
    lambda im: im.mark_notifications_as_read([1, 2]),
])
def test_notifications_need_a_logged_in_user(im, api, call):
    with pytest.raises(pyimgur.AuthenticationError):
        call(im)
    assert api.count == 0


def test_marking_viewed_drops_the_shared_fetch_copy(user_im, api):
    api.add("GET", "3/notification/4511", REPLY)
    api.add("POST", "3/notification", True)
    assert user_im.get_notification(4511).is_viewed is False
    user_im.mark_notifications_as_read([4511])
    api.add("GET", "3/notification/4511", dict(REPLY, viewed=True))
    assert user_im.get_notification(4511).is_viewed is True
    assert [c.method for c in api.calls] == ["GET", "POST", "GET"]


def test_message_content_reads_every_field_from_the_summary(user_im, api):
    api.add("GET", "3/notification", {"messages": [MESSAGE_META]})
    (notification,) = user_im.get_notifications()
    summary = notification.content
    assert (summary.conversation_id, summary.body, summary.message_count) == (620, "hey", 103)
    assert (summary.account_id, summary.with_account_id) == (384077, 3698510)
    assert (summary.datetime, summary.is_spam) == (1406935917, False)
    assert summary.author == user_im.get_user("jasdev")
    assert summary.author.name == "jasdev"
    assert api.count == 1  # the notifications only: no /3/message/620


def test_message_content_lacking_a_field_does_not_load(user_im, api):
    api.add("GET", "3/notification", {"messages": [dict(MESSAGE_META, content={"id": "620"})]})
    (notification,) = user_im.get_notifications()
    assert notification.content.body is None
    assert notification.content.is_spam is None
    assert api.count == 1


def test_two_message_notifications_have_different_contents(user_im, api):
    second = dict(MESSAGE_META, id=4524,
                  content=dict(MESSAGE_META["content"], message_num="104", last_message="again",
                               datetime=1406936000))
    # Imgur may send the same message_num and time for two messages (the sandbox does)
    third = dict(MESSAGE_META, id=4525,
                 content=dict(MESSAGE_META["content"], last_message="another one"))
    api.add("GET", "3/notification", {"messages": [MESSAGE_META, second, MESSAGE_META, third]})
    first, other, same, close = user_im.get_notifications()
    assert first.content != close.content
    assert first.content != other.content
    assert len({first.content, other.content}) == 2
    assert first.content == same.content and hash(first.content) == hash(same.content)
    assert api.count == 1


def test_message_content_reply_goes_to_the_sender(user_im, api):
    api.add("GET", "3/notification", {"messages": [MESSAGE_META]})
    api.add("POST", "3/conversations/jasdev", True)
    (notification,) = user_im.get_notifications()
    notification.content.reply("hello back")
    assert api.count == 2
    call = api.calls[1]
    assert (call.method, path(call)) == ("POST", "/3/conversations/jasdev")
    assert form(call) == {"body": "hello back"}


def test_message_content_gives_its_conversation_lazily(user_im, api):
    api.add("GET", "3/notification", {"messages": [MESSAGE_META]})
    api.add("GET", "3/conversations/620/1/0",
            {"id": 620, "message_count": 103, "done": True, "page": 1, "messages": []})
    (notification,) = user_im.get_notifications()
    conversation = notification.content.conversation
    assert isinstance(conversation, pyimgur.Conversation) and conversation.id == 620
    assert api.count == 1
    assert conversation.message_count == 103
    assert api.count == 2
