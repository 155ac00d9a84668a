"""Creating records the way Imgur does, shared by the routes and the seeded world."""

from __future__ import annotations

from typing import Optional

from . import media, state


def add_account(world: state.World, name: str, now: int, **settings: object) -> state.Account:
    number = max((a.id for a in world.accounts.values()), default=10_000) + 7
    account = state.Account(id=number, url=name, created=now)
    account.email = f"{name}@example.com"
    for key, value in settings.items():
        setattr(account, key, value)
    world.accounts[name] = account
    return account


def sample_bytes(kind: str, width: int = 64, height: int = 48, color: int = 0) -> bytes:
    """Small valid bytes of ``kind`` (``png``, ``gif``, ``mp4``)."""
    if kind == "gif":
        return media.gif(width, height, frames=3)
    if kind == "mp4":
        return media.mp4()
    shade = (color * 37 % 256, color * 91 % 256, color * 53 % 256)
    return media.png(width, height, shade)


def add_image(
    world: state.World,
    data: bytes,
    now: int,
    owner: Optional[str] = None,
    title: Optional[str] = None,
    description: Optional[str] = None,
    name: str = "",
    image_id: Optional[str] = None,
    deletehash: Optional[str] = None,
    processing_polls: int = 0,
    has_sound: Optional[bool] = None,
) -> state.Image:
    """Store uploaded bytes as an image (the caller checked :func:`media.sniff`)."""
    info = media.sniff(data)
    if info is None:
        raise ValueError("not an image or video Imgur accepts")
    image = state.Image(
        id=image_id or world.new_media_id(),
        deletehash=deletehash or world.new_deletehash(),
        data=data,
        mime=info.mime,
        width=info.width,
        height=info.height,
        datetime=now,
        owner=owner,
        title=title,
        description=description,
        name=name,
        animated=info.animated,
        is_video=info.is_video,
        has_sound=info.is_video if has_sound is None else has_sound,
        processing_left=processing_polls if info.is_video else 0,
    )
    world.images[image.id] = image
    return image


def add_album(
    world: state.World,
    now: int,
    owner: Optional[str] = None,
    images: Optional[list[str]] = None,
    album_id: Optional[str] = None,
    deletehash: Optional[str] = None,
    **fields: object,
) -> state.Album:
    album = state.Album(
        id=album_id or world.new_media_id(),
        deletehash=deletehash or world.new_deletehash(),
        datetime=now,
        owner=owner,
        images=list(images or []),
    )
    for key, value in fields.items():
        setattr(album, key, value)
    world.albums[album.id] = album
    return album


def add_post(
    world: state.World, item_id: str, now: int, title: str, **fields: object
) -> state.Post:
    post = state.Post(id=item_id, is_album=item_id in world.albums, datetime=now, title=title)
    for key, value in fields.items():
        setattr(post, key, value)
    world.posts[item_id] = post
    for tag in post.tags:
        if tag not in world.tags:
            add_tag(world, tag)
    return post


def add_tag(world: state.World, name: str, **fields: object) -> state.Tag:
    tag = state.Tag(name=name, display_name=name, tag_id=str(30_000 + len(world.tags)))
    for key, value in fields.items():
        setattr(tag, key, value)
    world.tags[name] = tag
    return tag


def add_comment(
    world: state.World,
    post_id: str,
    author: str,
    text: str,
    now: int,
    parent_id: int = 0,
    comment_id: Optional[int] = None,
    **fields: object,
) -> state.Comment:
    """A comment (a reply when ``parent_id``); notifies the parent's author of the reply."""
    number = comment_id or 1_800_000_000 + world.new_number()
    comment = state.Comment(
        id=number, image_id=post_id, author=author, comment=text, datetime=now,
        parent_id=parent_id,
    )
    for key, value in fields.items():
        setattr(comment, key, value)
    world.comments[number] = comment
    parent = world.comments.get(parent_id)
    if parent is not None:
        parent.children.append(number)
        if parent.author != author and parent.author in world.accounts:
            notify(world, parent.author, "reply", number, now)
    return comment


def notify(world: state.World, account: str, kind: str, ref: int, now: int) -> state.Notification:
    note = state.Notification(
        id=5_000 + world.new_number(), account=account, kind=kind, ref=ref, datetime=now
    )
    world.notifications[note.id] = note
    return note


def send_message(
    world: state.World, sender: str, recipient: str, body: str, now: int
) -> state.Message:
    """Append a message to the conversation of the two users (made if needed)."""
    conversation = None
    for candidate in world.conversations.values():
        if set(candidate.members) == {sender, recipient}:
            conversation = candidate
            break
    if conversation is None:
        number = 700 + world.new_number()
        conversation = state.Conversation(id=number, members=(sender, recipient))
        world.conversations[number] = conversation
    conversation.deleted_for.clear()
    message = state.Message(
        id=90_000 + world.new_number(),
        conversation_id=conversation.id,
        sender=sender,
        body=body,
        datetime=now,
    )
    conversation.messages.append(message)
    notify(world, recipient, "message", message.id, now)
    return message
