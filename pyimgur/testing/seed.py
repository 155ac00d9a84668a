"""The seeded sample world: a few users, images of every kind, albums, gallery posts
with comment trees, tags, a conversation and notifications.

Every id below is stable (the same in every run and every process), so the
demo, the docs and tests can name them.  Times are relative to the moment the
sandbox is made.  Other records are drawn from a PRNG seeded with the
sandbox's ``seed``, so they are deterministic too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import build, state

if TYPE_CHECKING:
    from .fake import FakeImgur

SEED_CLIENT_ID = "5eedc11e47a1d00"
SEED_CLIENT_SECRET = "5eed5ec7e7a1d00f00d5eed5ec7e7a1d00f00d00"  # noqa: S105 (sandbox only)
#: the logged-in test user, with tokens that never expire unless told to
SEED_USER = "sandboxtester"
SEED_ACCESS_TOKEN = "5eedacce55a1d00f00d5eedacce55a1d00f00d01"  # noqa: S105
SEED_REFRESH_TOKEN = "5eedef7e5ba1d00f00d5eedef7e5ba1d00f00d02"  # noqa: S105
SEED_OTHER_USERS = ("adalovelace", "gracehopper", "linustorvalds")
#: a PNG of the test user (not in the gallery), its deletehash
SEED_IMAGE_ID = "Sb0xImg"
SEED_IMAGE_DELETEHASH = "Sb0xImgDelHash1"
#: an animated GIF of the test user, in the gallery
SEED_GIF_ID = "Sb0xGif"
#: an MP4 video of the test user (processed)
SEED_VIDEO_ID = "Sb0xVid"
#: an anonymous image and its deletehash
SEED_ANON_IMAGE_ID = "Sb0xAnI"
SEED_ANON_IMAGE_DELETEHASH = "Sb0xAnIDelHash1"
#: an album of the test user (3 images: the PNG, the GIF, the video)
SEED_ALBUM_ID = "Sb0xAlb"
SEED_ALBUM_DELETEHASH = "Sb0xAlbDelHash1"
#: an anonymous album (1 image: the anonymous image) and its deletehash
SEED_ANON_ALBUM_ID = "Sb0xAnA"
SEED_ANON_ALBUM_DELETEHASH = "Sb0xAnADelHash1"
#: a gallery image by adalovelace with a comment tree
SEED_GALLERY_IMAGE_ID = "Sb0xGal"
#: a gallery album by gracehopper (2 images)
SEED_GALLERY_ALBUM_ID = "Sb0xGAl"
#: comments on the gallery image: a top-level one, a reply by the test user, a reply to it
SEED_COMMENT_ID = 1700000001
SEED_REPLY_ID = 1700000002
SEED_NESTED_REPLY_ID = 1700000003
SEED_TAG = "cats"
SEED_TAGS = ("cats", "dogs", "science", "funny", "aww")
SEED_SUBREDDIT = "aww"
SEED_SUBREDDIT_IMAGE_ID = "Sb0xRdt"
SEED_MEME_ID = "Sb0xMem"
SEED_TOPIC_ID = 2
SEED_CONVERSATION_ID = 701
SEED_CUSTOM_GALLERY_ID = "Sb0xCGa"

_HOUR = 3600


def seed(fake: FakeImgur) -> None:
    """Fill an empty sandbox with the sample world."""
    world = fake.state
    now = int(fake.now())
    day = 86400
    build.add_account(world, SEED_USER, now - 400 * day, bio="The sandbox's test user.",
                      reputation=1234, accepted_gallery_terms=True)
    for number, name in enumerate(SEED_OTHER_USERS):
        build.add_account(world, name, now - (900 + number) * day, bio=f"I am {name}.",
                          reputation=500 * (number + 1) ** 2,
                          accepted_gallery_terms=number != 2)
    fake._issue(SEED_USER, SEED_CLIENT_ID, access_token=SEED_ACCESS_TOKEN,
                refresh_token=SEED_REFRESH_TOKEN)
    for number, (name, description) in enumerate(
        [("cats", "Meow."), ("dogs", "Woof."), ("science", "Hypotheses."),
         ("funny", "Ha."), ("aww", "So cute.")]
    ):
        build.add_tag(world, name, description=description, base_followers=100 * (5 - number),
                      background_hash=SEED_GALLERY_IMAGE_ID, is_promoted=number == 0)
    world.featured_tag = SEED_TAG
    for topic_id, name in ((1, "Funny"), (2, "Aww"), (3, "Science and Tech")):
        world.topics[topic_id] = state.Topic(topic_id, name, f"The {name} topic.")

    def png(color: int, owner: object, image_id: str, title: str, age: int,
            deletehash: object = None) -> state.Image:
        return build.add_image(world, build.sample_bytes("png", 64 + color, 48, color), now - age,
                               owner=owner if isinstance(owner, str) else None, title=title,
                               image_id=image_id, name=f"{image_id}.png",
                               deletehash=deletehash if isinstance(deletehash, str) else None)

    png(1, SEED_USER, SEED_IMAGE_ID, "A blue square", 30 * _HOUR, SEED_IMAGE_DELETEHASH)
    build.add_image(world, build.sample_bytes("gif", 40, 30), now - 20 * _HOUR, owner=SEED_USER,
                    title="A blinking GIF", image_id=SEED_GIF_ID, name="blink.gif")
    build.add_image(world, build.sample_bytes("mp4"), now - 10 * _HOUR, owner=SEED_USER,
                    title="A short video", image_id=SEED_VIDEO_ID, name="clip.mp4")
    png(2, None, SEED_ANON_IMAGE_ID, "An anonymous upload", 5 * _HOUR, SEED_ANON_IMAGE_DELETEHASH)
    build.add_album(world, now - 9 * _HOUR, owner=SEED_USER, album_id=SEED_ALBUM_ID,
                    deletehash=SEED_ALBUM_DELETEHASH,
                    images=[SEED_IMAGE_ID, SEED_GIF_ID, SEED_VIDEO_ID],
                    title="The tester's album", description="Three kinds of media.",
                    privacy="public")
    build.add_album(world, now - 4 * _HOUR, album_id=SEED_ANON_ALBUM_ID,
                    deletehash=SEED_ANON_ALBUM_DELETEHASH, images=[SEED_ANON_IMAGE_ID],
                    title="An anonymous album")
    png(3, "adalovelace", SEED_GALLERY_IMAGE_ID, "The analytical engine", 3 * _HOUR)
    png(4, "gracehopper", "Sb0xGA1", "A moth", 50 * _HOUR)
    png(5, "gracehopper", "Sb0xGA2", "The first bug", 50 * _HOUR)
    build.add_album(world, now - 49 * _HOUR, owner="gracehopper", album_id=SEED_GALLERY_ALBUM_ID,
                    images=["Sb0xGA1", "Sb0xGA2"], title="Debugging, 1947", privacy="public")
    png(6, "linustorvalds", SEED_SUBREDDIT_IMAGE_ID, "A sleepy penguin", 12 * _HOUR)
    png(7, None, SEED_MEME_ID, "Such sandbox", 300 * _HOUR)

    build.add_post(world, SEED_GALLERY_IMAGE_ID, now - 2 * _HOUR, "The analytical engine",
                   tags=["science", "cats"], topic_id=3, in_most_viral=True, section="hot",
                   base_ups=420, base_downs=12, views=12_000)
    build.add_post(world, SEED_GALLERY_ALBUM_ID, now - 40 * _HOUR, "Debugging, 1947",
                   tags=["science", "funny"], topic_id=1, in_most_viral=True, section="hot",
                   base_ups=1337, base_downs=20, views=40_000)
    build.add_post(world, SEED_GIF_ID, now - 19 * _HOUR, "A blinking GIF", tags=["funny"],
                   topic_id=1, base_ups=15, base_downs=1, views=300)
    build.add_post(world, SEED_SUBREDDIT_IMAGE_ID, now - 12 * _HOUR, "A sleepy penguin",
                   subreddit=SEED_SUBREDDIT, section=SEED_SUBREDDIT, tags=["aww"])
    build.add_post(world, SEED_MEME_ID, now - 300 * _HOUR, "Such sandbox", meme=True,
                   base_ups=9, views=90)
    world.meme_templates.append(SEED_MEME_ID)

    build.add_comment(world, SEED_GALLERY_IMAGE_ID, "gracehopper",
                      "It's not a bug, it's a feature.", now - 100 * 60,
                      comment_id=SEED_COMMENT_ID, base_ups=40, base_downs=2)
    build.add_comment(world, SEED_GALLERY_IMAGE_ID, SEED_USER, "Beautiful machine.",
                      now - 90 * 60, parent_id=SEED_COMMENT_ID, comment_id=SEED_REPLY_ID,
                      base_ups=5, platform="android")
    build.add_comment(world, SEED_GALLERY_IMAGE_ID, "adalovelace", "Thank you!", now - 80 * 60,
                      parent_id=SEED_REPLY_ID, comment_id=SEED_NESTED_REPLY_ID, base_ups=3)
    build.add_comment(world, SEED_GALLERY_IMAGE_ID, "linustorvalds", "Talk is cheap.",
                      now - 70 * 60, comment_id=SEED_COMMENT_ID + 10, base_ups=7, base_downs=3)
    build.add_comment(world, SEED_GALLERY_ALBUM_ID, SEED_USER, "Great find.", now - 60 * 60,
                      comment_id=SEED_COMMENT_ID + 20, base_ups=2)

    world.conversations[SEED_CONVERSATION_ID] = state.Conversation(
        SEED_CONVERSATION_ID, ("adalovelace", SEED_USER)
    )
    for sender, body in (("adalovelace", "Hello from Ada."), (SEED_USER, "Hi Ada!"),
                         ("adalovelace", "Shall we compute Bernoulli numbers?")):
        build.send_message(world, sender, SEED_USER if sender != SEED_USER else "adalovelace",
                           body, now - 30 * 60)
    world.custom_galleries[SEED_CUSTOM_GALLERY_ID] = state.CustomGallery(
        SEED_CUSTOM_GALLERY_ID, SEED_USER, "Pets", ["cats", "dogs"], now - 100 * day
    )
    accounts = world.accounts
    accounts[SEED_USER].favorites[SEED_GALLERY_ALBUM_ID] = now - 3 * _HOUR
    accounts[SEED_USER].followed_tags.add("science")
    accounts["adalovelace"].favorites[SEED_GIF_ID] = now - 2 * _HOUR
    populate_gallery(fake, 12, 3, comments_per_item=2, prefix="seed")


_TITLES = ("A cat", "Another dog", "My lunch", "Sunset", "A graph", "Found this",
           "Old photo", "Tiny robot", "Snow day", "A bridge", "Weekend project", "Moon")


def populate_gallery(
    fake: FakeImgur, n_items: int, n_authors: int, comments_per_item: int = 2,
    prefix: str = "author",
) -> list[str]:
    """Add ``n_items`` gallery images by ``n_authors`` users (made if missing); return the ids.

    Every item gets ``comments_per_item`` top-level comments, each with one reply.
    """
    world = fake.state
    rng = world.rng
    now = int(fake.now())
    authors = [f"{prefix}{number:03d}" for number in range(max(1, n_authors))]
    for number, name in enumerate(authors):
        if world.account(name) is None:
            build.add_account(world, name, now - (100 + number) * 86400)
    tags = list(world.tags) or ["funny"]
    made = []
    for number in range(n_items):
        author = authors[number % len(authors)]
        age = (number + 1) * 1800 + rng.randrange(600)
        image = build.add_image(world, build.sample_bytes("png", 32 + number % 32, 24, number),
                                now - age - 600, owner=author, title=_TITLES[number % 12])
        build.add_post(
            world, image.id, now - age, f"{_TITLES[number % len(_TITLES)]} #{number}",
            tags=rng.sample(tags, min(2, len(tags))), in_most_viral=number % 2 == 0,
            section="hot" if number % 2 == 0 else "user", topic_id=1 + number % 3,
            base_ups=rng.randrange(5, 900), base_downs=rng.randrange(0, 40),
            views=rng.randrange(100, 50_000),
        )
        for index in range(comments_per_item):
            commenter = authors[(number + index + 1) % len(authors)]
            top = build.add_comment(world, image.id, commenter, f"Comment {index} on #{number}",
                                    now - age + 60 * (index + 1), base_ups=rng.randrange(20))
            build.add_comment(world, image.id, author, f"Reply to comment {index}",
                              now - age + 60 * (index + 2), parent_id=top.id)
        made.append(image.id)
    return made
