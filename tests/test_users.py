"""User: laziness, the logged-in user, settings, account listings, tags, blocking."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

import pyimgur

USER_JSON = {
    "id": 384077,
    "url": "Bob",
    "bio": "I like cats",
    "avatar": "https://i.imgur.com/av.png",
    "avatar_name": "default/B",
    "cover": "https://i.imgur.com/cv.png",
    "cover_name": "default/1",
    "reputation": 1234,
    "reputation_name": "Glorious",
    "created": 1349812521,
    "pro_expiration": False,
    "user_follow": {"status": False},
    "is_blocked": False,
    "new_field": "kept",
}


def form(call):
    return {key: values[0] for key, values in parse_qs(call.text or "").items()}


def path(call):
    """The exact path (requests-mock's ``.path`` is lower-cased)."""
    return urlsplit(call.url).path


def query(call):
    return {key: values[0] for key, values in parse_qs(urlsplit(call.url).query).items()}


# -- laziness and identity ----------------------------------------------------------------
def test_get_user_makes_no_request_and_one_field_read_makes_one(im, api):
    api.add("GET", "3/account/Bob", USER_JSON)
    user = im.get_user("Bob")
    assert api.count == 0
    assert isinstance(user, pyimgur.User)
    assert user.name == "Bob"
    assert api.count == 0
    assert user.reputation == 1234
    assert api.count == 1
    assert api.calls[0].method == "GET"
    assert path(api.calls[0]) == "/3/account/Bob"
    assert (user.id, user.bio, user.reputation_name, user.created) == (
        384077, "I like cats", "Glorious", 1349812521,
    )
    assert (user.avatar_name, user.cover_name) == ("default/B", "default/1")
    assert user.user_follow == {"status": False}
    assert user.is_blocked is False
    assert user.new_field == "kept"
    assert user.pro_expiration is None  # false means not pro
    assert api.count == 1


def test_get_user_fetch_true_loads_now_and_raises_not_found(im, api):
    api.add("GET", "3/account/Bob", USER_JSON)
    user = im.get_user("Bob", fetch=True)
    assert api.count == 1
    assert user.reputation == 1234
    assert api.count == 1
    api.add("GET", "3/account/ghost",
            {"error": "Unable to find account", "request": "/3/account/ghost", "method": "GET"},
            status=404)
    with pytest.raises(pyimgur.NotFound, match="Unable to find account"):
        im.get_user("ghost", fetch=True)


def test_pro_expiration_epoch_is_kept(im, api):
    api.add("GET", "3/account/Bob", dict(USER_JSON, pro_expiration=1700000000))
    assert im.get_user("Bob").pro_expiration == 1700000000


@pytest.mark.parametrize("bad, error", [("", ValueError), ("  ", ValueError), (5, TypeError),
                                        (None, TypeError)])
def test_get_user_rejects_bad_names_before_any_request(im, api, bad, error):
    with pytest.raises(error):
        im.get_user(bad)
    assert api.count == 0


def test_users_compare_by_name_case_insensitively(im):
    assert im.get_user("Bob") == im.get_user("bob")
    assert hash(im.get_user("Bob")) == hash(im.get_user("BOB"))
    assert im.get_user("Bob") != im.get_user("Alice")
    assert len({im.get_user("Bob"), im.get_user("bob"), im.get_user("alice")}) == 2


def test_get_current_user_needs_a_logged_in_user(im, api):
    with pytest.raises(pyimgur.AuthenticationError):
        im.get_current_user()
    with pytest.raises(pyimgur.AuthenticationError):
        im.get_user("me")
    assert api.count == 0


def test_current_user_is_me_until_loaded_then_takes_its_real_name(user_im, api):
    api.add("GET", "3/account/me", USER_JSON)
    api.add("GET", "3/account/me/settings", {"email": "bob@example.com"})
    me = user_im.get_current_user()
    assert api.count == 0
    assert me.name == "me"
    assert me == user_im.get_user("me")
    hash_before = hash(me)
    assert me.reputation == 1234
    assert path(api.calls[0]) == "/3/account/me"
    assert api.calls[0].headers["Authorization"] == "Bearer access-token-1"
    assert me.name == "Bob"
    # identity is fixed at creation: still the logged-in user, same hash
    assert hash(me) == hash_before
    assert me == user_im.get_current_user()
    assert me != user_im.get_user("bob")
    # its requests keep using "me"
    assert me.get_settings() == {"email": "bob@example.com"}
    assert path(api.calls[1]) == "/3/account/me/settings"
    me.refresh()
    assert path(api.calls[2]) == "/3/account/me"
    assert api.count == 3


def test_current_user_stays_findable_in_a_set_and_a_dict_after_loading(user_im, api):
    api.add("GET", "3/account/me", USER_JSON)
    me = user_im.get_current_user()
    seen = {me}
    by_user = {me: "mine"}
    me.refresh()
    assert me.name == "Bob" and api.count == 1
    assert me in seen and by_user[me] == "mine"


def test_current_user_equals_the_named_user_when_the_name_is_known(user_im, api):
    user_im.credentials.username = "Bob"  # as a token answer with account_username sets it
    me = user_im.get_current_user()
    assert me.name == "Bob"
    assert me == user_im.get_user("bob") and hash(me) == hash(user_im.get_user("BOB"))
    api.add("GET", "3/account/me", dict(USER_JSON, url="bob"))
    me.refresh()
    assert path(api.calls[0]) == "/3/account/me"
    assert me == user_im.get_user("Bob") and hash(me) == hash(user_im.get_user("bob"))


def test_a_user_keeps_its_hash_when_imgur_spells_the_name_otherwise(user_im, api):
    api.add("GET", "3/account/bob", USER_JSON)  # Imgur answers "Bob"
    user = user_im.get_user("bob")
    before = hash(user)
    assert user.reputation == 1234 and user.name == "Bob"
    assert hash(user) == before and user == user_im.get_user("BOB")
    assert api.count == 1


def test_get_current_user_fetch_true(user_im, api):
    api.add("GET", "3/account/me", USER_JSON)
    me = user_im.get_current_user(fetch=True)
    assert api.count == 1
    assert me.name == "Bob"


# -- settings ----------------------------------------------------------------------------------
def test_change_settings_sends_only_given_settings_as_lowercase_booleans(user_im, api):
    api.add("PUT", "3/account/me/settings", True)
    me = user_im.get_current_user()
    me.change_settings(bio="new bio", public_images=False, messaging_enabled=True,
                       album_privacy="hidden", accepted_gallery_terms=True, show_mature=False)
    assert api.count == 1
    call = api.calls[0]
    assert (call.method, path(call)) == ("PUT", "/3/account/me/settings")
    assert form(call) == {
        "bio": "new bio",
        "public_images": "false",
        "messaging_enabled": "true",
        "album_privacy": "hidden",
        "accepted_gallery_terms": "true",
        "show_mature": "false",
    }
    assert me.bio == "new bio"  # updated locally, no request
    assert api.count == 1


def test_change_settings_one_setting(user_im, api):
    api.add("PUT", "3/account/Bob/settings", True)
    user_im.get_user("Bob").change_settings(messaging_enabled=False)
    assert form(api.calls[0]) == {"messaging_enabled": "false"}


def test_change_settings_username_renames_the_object(user_im, api):
    api.add("PUT", "3/account/Bob/settings", True)
    api.add("GET", "3/account/Bobby/images/count", 3)
    user = user_im.get_user("Bob")
    user.change_settings(username="Bobby")
    assert form(api.calls[0]) == {"username": "Bobby"}
    assert user.name == "Bobby"
    assert user.get_image_count() == 3
    assert path(api.calls[1]) == "/3/account/Bobby/images/count"


@pytest.mark.parametrize("kwargs, error", [
    ({}, ValueError),
    ({"public_images": "yes"}, TypeError),
    ({"show_mature": 1}, TypeError),
    ({"album_privacy": "friends"}, ValueError),
    ({"username": "ab"}, ValueError),
    ({"username": "no spaces"}, ValueError),
    ({"bio": 5}, TypeError),
])
def test_change_settings_rejects_bad_input_before_any_request(user_im, api, kwargs, error):
    with pytest.raises(error):
        user_im.get_current_user().change_settings(**kwargs)
    assert api.count == 0


@pytest.mark.parametrize("call", [
    lambda u: u.change_settings(bio="x"),
    lambda u: u.get_settings(),
    lambda u: u.delete(),
    lambda u: u.has_verified_email(),
    lambda u: u.send_verification_email(),
    lambda u: list(u.get_favorites()),
    lambda u: list(u.get_replies()),
    lambda u: list(u.get_messages()),
    lambda u: list(u.get_notifications()),
    lambda u: u.send_message("hi"),
    lambda u: u.block(),
    lambda u: u.unblock(),
    lambda u: u.is_blocked_by_me(),
])
def test_user_calls_need_a_logged_in_user(im, api, call):
    with pytest.raises(pyimgur.AuthenticationError):
        call(im.get_user("Bob"))
    assert api.count == 0


def test_get_blocked_users_needs_a_logged_in_user(im, api):
    with pytest.raises(pyimgur.AuthenticationError):
        list(im.get_blocked_users())
    assert api.count == 0


def test_account_reads(user_im, api):
    api.add("GET", "3/account/me/settings", {"email": "a@b.c", "public_images": True})
    api.add("GET", "3/account/Bob/gallery_profile",
            {"total_gallery_comments": 4, "trophies": []})
    api.add("GET", "3/account/Bob/stats", {"total_images": 9})
    api.add("GET", "3/account/me/verifyemail", True)
    api.add("POST", "3/account/me/verifyemail", True)
    me = user_im.get_current_user()
    bob = user_im.get_user("Bob")
    assert me.get_settings() == {"email": "a@b.c", "public_images": True}
    assert bob.get_gallery_profile() == {"total_gallery_comments": 4, "trophies": []}
    assert bob.get_statistics() == {"total_images": 9}
    assert me.has_verified_email() is True
    me.send_verification_email()
    assert [(c.method, path(c)) for c in api.calls] == [
        ("GET", "/3/account/me/settings"),
        ("GET", "/3/account/Bob/gallery_profile"),
        ("GET", "/3/account/Bob/stats"),
        ("GET", "/3/account/me/verifyemail"),
        ("POST", "/3/account/me/verifyemail"),
    ]


def test_delete_account(user_im, api):
    api.add("DELETE", "3/account/me", True)
    user_im.get_current_user().delete()
    assert (api.calls[0].method, path(api.calls[0])) == ("DELETE", "/3/account/me")


# -- account listings ----------------------------------------------------------------------------
def test_get_albums_pages_until_empty_and_makes_albums(im, api):
    api.add("GET", "3/account/Bob/albums/0", [{"id": "a1"}, {"id": "a2"}])
    api.add("GET", "3/account/Bob/albums/1", [{"id": "a3"}])
    api.add("GET", "3/account/Bob/albums/2", [])
    albums = im.get_user("Bob").get_albums()
    assert api.count == 0
    assert [a.id for a in albums] == ["a1", "a2", "a3"]
    assert all(isinstance(a, pyimgur.Album) for a in albums)
    assert api.count == 3


def test_get_albums_limit_stops_early(im, api):
    api.add("GET", "3/account/Bob/albums/0", [{"id": "a1"}, {"id": "a2"}])
    assert [a.id for a in im.get_user("Bob").get_albums(limit=1)] == ["a1"]
    assert api.count == 1


def test_get_images_makes_images(im, api):
    api.add("GET", "3/account/Bob/images/0", [{"id": "i1"}])
    api.add("GET", "3/account/Bob/images/1", [])
    images = list(im.get_user("Bob").get_images())
    assert len(images) == 1 and isinstance(images[0], pyimgur.Image)
    assert images[0].id == "i1"


def test_get_comments_sort_in_path(im, api):
    api.add("GET", "3/account/Bob/comments/oldest/0", [{"id": 11, "comment": "hi"}])
    api.add("GET", "3/account/Bob/comments/oldest/1", [])
    comments = list(im.get_user("Bob").get_comments(sort="oldest"))
    assert isinstance(comments[0], pyimgur.Comment) and comments[0].id == 11
    assert path(api.calls[0]) == "/3/account/Bob/comments/oldest/0"


def test_get_comments_default_sort_is_newest(im, api):
    api.add("GET", "3/account/Bob/comments/newest/0", [])
    assert list(im.get_user("Bob").get_comments()) == []
    assert path(api.calls[0]) == "/3/account/Bob/comments/newest/0"


def test_bad_sort_raises_before_any_request(im, api):
    with pytest.raises(ValueError):
        im.get_user("Bob").get_comments(sort="hot")
    with pytest.raises(ValueError):
        im.get_user("Bob").get_gallery_favorites(sort="best")
    with pytest.raises(ValueError):
        im.get_user("Bob").get_albums(limit=-1)
    assert api.count == 0


def test_favorites_and_submissions_are_gallery_items(user_im, api):
    items = [{"id": "g1", "is_album": False}, {"id": "g2", "is_album": True}]
    api.add("GET", "3/account/me/favorites/0/newest", items)
    api.add("GET", "3/account/me/favorites/1/newest", [])
    api.add("GET", "3/account/Bob/gallery_favorites/0/oldest", items)
    api.add("GET", "3/account/Bob/gallery_favorites/1/oldest", [])
    api.add("GET", "3/account/Bob/submissions/0", items)
    api.add("GET", "3/account/Bob/submissions/1", [])
    bob = user_im.get_user("Bob")
    for listing in (
        user_im.get_current_user().get_favorites(),
        bob.get_gallery_favorites(sort="oldest"),
        bob.get_submissions(),
    ):
        first, second = list(listing)
        assert isinstance(first, pyimgur.Gallery_image)
        assert isinstance(second, pyimgur.Gallery_album)
    assert api.count == 6


def test_ids_and_counts(im, api):
    api.add("GET", "3/account/Bob/albums/ids/0", ["a1", "a2"])
    api.add("GET", "3/account/Bob/albums/ids/1", [])
    api.add("GET", "3/account/Bob/albums/count", 2)
    api.add("GET", "3/account/Bob/comments/ids/newest/0", [11, 12])
    api.add("GET", "3/account/Bob/comments/ids/newest/1", [])
    api.add("GET", "3/account/Bob/comments/count", 2)
    api.add("GET", "3/account/Bob/images/ids/0", ["i1"])
    api.add("GET", "3/account/Bob/images/ids/1", [])
    api.add("GET", "3/account/Bob/images/count", 1)
    bob = im.get_user("Bob")
    assert list(bob.get_album_ids()) == ["a1", "a2"]
    assert bob.get_album_count() == 2
    assert list(bob.get_comment_ids()) == [11, 12]
    assert bob.get_comment_count() == 2
    assert list(bob.get_image_ids()) == ["i1"]
    assert bob.get_image_count() == 1
    assert api.count == 9


def test_count_that_is_not_a_number_is_invalid_response(im, api):
    api.add("GET", "3/account/Bob/albums/count", "lots")
    with pytest.raises(pyimgur.InvalidResponse):
        im.get_user("Bob").get_album_count()


# -- tags ------------------------------------------------------------------------------------------
def test_follow_and_unfollow_tag(user_im, api):
    api.add("POST", "3/account/me/follow/tag/funny cats", True)
    api.add("DELETE", "3/account/me/follow/tag/funny cats", True)
    me = user_im.get_current_user()
    me.follow_tag("funny cats")
    me.unfollow_tag(pyimgur.Tag({"name": "funny cats"}, user_im))
    assert [(c.method, path(c)) for c in api.calls] == [
        ("POST", "/3/account/me/follow/tag/funny%20cats"),
        ("DELETE", "/3/account/me/follow/tag/funny%20cats"),
    ]


def test_unfollow_tag_not_followed_is_conflict(user_im, api):
    api.add("DELETE", "3/account/me/follow/tag/cats",
            {"error": "Not following tag", "request": "/3/account/me/follow/tag/cats",
             "method": "DELETE"}, status=409)
    with pytest.raises(pyimgur.Conflict, match="Not following tag"):
        user_im.get_current_user().unfollow_tag("cats")


def test_follow_tag_only_on_current_user_and_valid_tag(user_im, api):
    with pytest.raises(ValueError):
        user_im.get_user("Bob").follow_tag("cats")
    with pytest.raises(ValueError):
        user_im.get_current_user().follow_tag("")
    with pytest.raises(TypeError):
        user_im.get_current_user().follow_tag(3)
    assert api.count == 0


def test_follow_tag_needs_a_logged_in_user(im, api):
    user = im._make(pyimgur.User, {"url": "me"})
    with pytest.raises(pyimgur.AuthenticationError):
        user.follow_tag("cats")
    assert api.count == 0


# -- blocking --------------------------------------------------------------------------------------
def test_block_unblock_and_status_use_account_v1_with_jsonapi_accept(user_im, api):
    api.add("POST", "account/v1/Bob/block", json={"data": {"blocked": True}})
    api.add("DELETE", "account/v1/Bob/block", json={"data": {"blocked": False}})
    api.add("GET", "account/v1/Bob/block", json={"data": {"blocked": False}})
    bob = user_im.get_user("Bob")
    assert bob.block() is True
    assert bob.is_blocked is True
    assert bob.unblock() is False
    assert bob.is_blocked is False
    assert bob.is_blocked_by_me() is False
    assert [(c.method, path(c)) for c in api.calls] == [
        ("POST", "/account/v1/Bob/block"),
        ("DELETE", "/account/v1/Bob/block"),
        ("GET", "/account/v1/Bob/block"),
    ]
    assert all(c.headers["Accept"] == "application/vnd.api+json" for c in api.calls)


def test_block_accepts_classic_envelope_too(user_im, api):
    api.add("POST", "account/v1/Bob/block", {"blocked": True})
    assert user_im.get_user("Bob").block() is True


def test_block_answer_without_blocked_is_invalid(user_im, api):
    api.add("GET", "account/v1/Bob/block", json={"data": {"other": 1}})
    with pytest.raises(pyimgur.InvalidResponse):
        user_im.get_user("Bob").is_blocked_by_me()


def test_cannot_block_yourself(user_im, api):
    with pytest.raises(ValueError):
        user_im.get_current_user().block()
    assert api.count == 0


def test_get_blocked_users(user_im, api):
    api.add("GET", "3/account/me/block", {"items": [{"url": "troll"}, {"url": "spammer"}],
                                          "next": None})
    blocked = user_im.get_blocked_users()
    assert api.count == 0
    assert [u.name for u in blocked] == ["troll", "spammer"]
    assert all(isinstance(u, pyimgur.User) for u in blocked)
    assert api.count == 1
    assert query(api.calls[0]) == {}


def test_change_settings_drops_the_shared_fetch_copy(user_im, api):
    api.add("GET", "3/account/Bob", USER_JSON)
    api.add("PUT", "3/account/Bob/settings", True)
    assert user_im.get_user("Bob").bio == "I like cats"
    assert user_im.get_user("Bob").bio == "I like cats"  # shared fetch: no request
    assert api.count == 1
    user_im.get_user("Bob").change_settings(bio="dogs now")
    api.add("GET", "3/account/Bob", dict(USER_JSON, bio="dogs now"))
    assert user_im.get_user("Bob").bio == "dogs now"
    assert [c.method for c in api.calls] == ["GET", "PUT", "GET"]


def test_block_drops_the_shared_fetch_copy(user_im, api):
    api.add("GET", "3/account/Bob", USER_JSON)
    api.add("POST", "account/v1/Bob/block", json={"data": {"blocked": True}})
    assert user_im.get_user("Bob").is_blocked is False
    user_im.get_user("Bob").block()
    api.add("GET", "3/account/Bob", dict(USER_JSON, is_blocked=True))
    assert user_im.get_user("Bob").is_blocked is True
    assert api.count == 3


def test_current_user_is_named_by_the_token_answer_without_a_request(api):
    im = pyimgur.Imgur("cid", "secret")
    api.mocker.post("https://api.imgur.com/oauth2/token",
                    json={"access_token": "a", "refresh_token": "r", "expires_in": 3600,
                          "account_username": "tester", "account_id": 7})
    im.exchange_pin("1234")
    me = im.get_current_user()
    assert me.name == "tester"
    assert me == im.get_user("tester")
    assert api.count == 1  # the exchange only
    api.add("GET", "3/account/me", {"id": 7, "url": "tester", "reputation": 5})
    assert me.reputation == 5
    assert api.calls[-1].path == "/3/account/me"
