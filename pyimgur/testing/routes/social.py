"""Conversations (4.6), notifications (4.7), blocks and messages of the account (4.1)."""

from __future__ import annotations

from typing import Any

from ... import endpoints as ep
from .. import build, render, state
from ..dispatch import Ctx, Raw, route
from ..protocol import ApiError

MESSAGES_PAGE = 25
_VND = "application/vnd.api+json"


# -- conversations (legacy) ----------------------------------------------------------------
def _conversation(ctx: Ctx) -> state.Conversation:
    me = ctx.me()
    try:
        found = ctx.world.conversations.get(int(ctx.param("id")))
    except ValueError:
        found = None
    if found is None or me.url not in found.members or me.url in found.deleted_for:
        raise ApiError(404, f"Unable to find the conversation {ctx.param('id')}")
    return found


@route(ep.CONVERSATIONS, legacy=True)
def conversations(ctx: Ctx) -> Any:
    me = ctx.me()
    mine = [c for c in ctx.world.conversations.values()
            if me.url in c.members and me.url not in c.deleted_for and c.messages]
    mine.sort(key=lambda c: (-c.messages[-1].datetime, -c.id))
    return [render.conversation(ctx.view, c) for c in mine]


@route(ep.CONVERSATION, legacy=True)
def conversation(ctx: Ctx) -> Any:
    conv = _conversation(ctx)
    page = ctx.page()
    if page < 1:
        raise ApiError(400, "Conversation pages start at 1")
    try:
        offset = max(0, int(ctx.param("offset")))
    except ValueError:
        raise ApiError(400, "Invalid offset") from None
    start = (page - 1) * MESSAGES_PAGE + offset
    chosen = conv.messages[start : start + MESSAGES_PAGE]
    done = start + MESSAGES_PAGE >= len(conv.messages)
    messages = [render.message(ctx.view, m) for m in chosen]
    return render.conversation(ctx.view, conv, messages, page=page, done=done)


def _send(ctx: Ctx, recipient_name: str, body: Any) -> Any:
    me = ctx.me()
    recipient = ctx.account(recipient_name)
    if not body or not str(body).strip():
        raise ApiError(400, "The body parameter is required")
    if recipient.url == me.url:
        raise ApiError(400, "You cannot send a message to yourself")
    if me.url in recipient.blocked or not recipient.messaging_enabled:
        raise ApiError(403, f"{recipient.url} is not accepting messages from you")
    build.send_message(ctx.world, me.url, recipient.url, str(body), ctx.now)
    return True


@route(ep.CONVERSATION_CREATE, legacy=True)
def create_message(ctx: Ctx) -> Any:
    return _send(ctx, ctx.param("username"), ctx.req.value("body"))


@route(ep.CONVERSATION_DELETE, legacy=True)
def delete_conversation(ctx: Ctx) -> Any:
    conv = _conversation(ctx)
    conv.deleted_for.add(ctx.me().url)
    return True


@route(ep.CONVERSATION_REPORT, legacy=True)
def report_sender(ctx: Ctx) -> Any:
    ctx.me()
    ctx.account(ctx.param("username"))
    return True


@route(ep.CONVERSATION_BLOCK, legacy=True)
def block_sender(ctx: Ctx) -> Any:
    me = ctx.me()
    other = ctx.account(ctx.param("username"))
    if other.url not in me.blocked:
        me.blocked.append(other.url)
    return True


@route(ep.ACCOUNT_SEND_MESSAGE, legacy=True)
def send_message(ctx: Ctx) -> Any:
    return _send(ctx, ctx.param("username"), ctx.req.value("body"))


# -- the 2013 message API (legacy) -------------------------------------------------------------
def _message(ctx: Ctx) -> tuple[state.Conversation, state.Message]:
    me = ctx.me()
    key = ctx.param("id")
    for conv in ctx.world.conversations.values():
        if me.url not in conv.members or me.url in conv.deleted_for:
            continue
        for msg in conv.messages:
            if str(msg.id) == key:
                return conv, msg
    raise ApiError(404, f"Unable to find the message {key}")


@route(ep.MESSAGE, legacy=True)
def message(ctx: Ctx) -> Any:
    return render.message(ctx.view, _message(ctx)[1])


@route(ep.MESSAGE_THREAD, legacy=True)
def message_thread(ctx: Ctx) -> Any:
    conv, _ = _message(ctx)
    return [render.message(ctx.view, m) for m in conv.messages]


@route(ep.MESSAGE_DELETE, legacy=True)
def delete_message(ctx: Ctx) -> Any:
    conv, msg = _message(ctx)
    conv.messages.remove(msg)
    return True


# -- notifications ---------------------------------------------------------------------------
def _notes(ctx: Ctx, account: state.Account, kind: str) -> list[Any]:
    new_only = ctx.flag("new", True)
    found = [n for n in ctx.world.notifications.values()
             if n.account == account.url and n.kind == kind and not (new_only and n.viewed)]
    found.sort(key=lambda n: (-n.datetime, -n.id))
    return [render.notification(ctx.view, n) for n in found]


@route(ep.NOTIFICATIONS)
def notifications(ctx: Ctx) -> Any:
    me = ctx.me()
    return {"replies": _notes(ctx, me, "reply"), "messages": _notes(ctx, me, "message")}


@route(ep.ACCOUNT_NOTIFICATIONS, legacy=True)
def account_notifications(ctx: Ctx) -> Any:
    acc = ctx.owner_only(ctx.account())
    return {"replies": _notes(ctx, acc, "reply"), "messages": _notes(ctx, acc, "message")}


@route(ep.ACCOUNT_REPLIES)
def account_replies(ctx: Ctx) -> Any:
    return _notes(ctx, ctx.owner_only(ctx.account()), "reply")


@route(ep.ACCOUNT_MESSAGE_NOTIFICATIONS, legacy=True)
def account_messages(ctx: Ctx) -> Any:
    return _notes(ctx, ctx.owner_only(ctx.account()), "message")


def _note(ctx: Ctx, key: str) -> state.Notification:
    me = ctx.me()
    found = ctx.world.notifications.get(int(key)) if key.isdigit() else None
    if found is None or found.account != me.url:
        raise ApiError(404, f"Unable to find the notification {key}")
    return found


@route(ep.NOTIFICATION)
def notification(ctx: Ctx) -> Any:
    return render.notification(ctx.view, _note(ctx, ctx.param("id")))


@route(ep.NOTIFICATION_MARK_VIEWED)
def mark_viewed(ctx: Ctx) -> Any:
    _note(ctx, ctx.param("id")).viewed = True
    return True


@route(ep.NOTIFICATIONS_MARK_VIEWED)
def mark_many_viewed(ctx: Ctx) -> Any:
    ids = ctx.req.values("ids")
    if not ids:
        raise ApiError(400, "The ids parameter is required")
    notes = [_note(ctx, key) for key in ids]
    for note in notes:
        note.viewed = True
    return True


# -- blocks (account/v1 answers JSON:API-ish bodies with no envelope) ------------------------------
def _block_target(ctx: Ctx) -> tuple[state.Account, state.Account]:
    me = ctx.me()
    other = ctx.world.account(ctx.param("username"))
    if other is None:
        raise ApiError(404, "User not found", shape="jsonapi")
    if other.url == me.url:
        raise ApiError(400, "You cannot block yourself", shape="jsonapi")
    return me, other


@route(ep.BLOCK_STATUS)
def block_status(ctx: Ctx) -> Any:
    me, other = _block_target(ctx)
    return Raw({"data": {"blocked": other.url in me.blocked}}, content_type=_VND)


@route(ep.BLOCK_USER)
def block_user(ctx: Ctx) -> Any:
    me, other = _block_target(ctx)
    if other.url not in me.blocked:
        me.blocked.append(other.url)
    return Raw({"data": {"blocked": True}}, status=201, content_type=_VND)


@route(ep.UNBLOCK_USER)
def unblock_user(ctx: Ctx) -> Any:
    me, other = _block_target(ctx)
    if other.url in me.blocked:
        me.blocked.remove(other.url)
    return Raw({"data": {"blocked": False}}, content_type=_VND)


@route(ep.BLOCKED_USERS)
def blocked_users(ctx: Ctx) -> Any:
    return {"items": [{"url": name} for name in ctx.me().blocked], "next": None}
