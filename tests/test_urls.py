"""Tests for :mod:`pyimgur.urls` (pure string parsing, no network)."""

from __future__ import annotations

from typing import Optional
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pyimgur.urls import (
    IMAGE_EXTENSIONS,
    KIND_ALBUM,
    KIND_COMMENT,
    KIND_GALLERY,
    KIND_GALLERY_TAG,
    KIND_IMAGE,
    KIND_SUBREDDIT_GALLERY,
    KIND_SUBREDDIT_IMAGE,
    KIND_TOPIC,
    KIND_USER,
    KIND_USER_FAVORITES,
    KINDS,
    LISTING_WORDS,
    REMOVED_ID,
    RESERVED_PATHS,
    SERVICE_SUBDOMAINS,
    ParsedURL,
    is_imgur_url,
    parse_url,
)

P = ParsedURL

# (input, expected result) -- None means "refused".
ACCEPTED: list[tuple[str, ParsedURL]] = [
    # --- plain image pages on every web host, scheme variants -------------
    ("https://imgur.com/Xy3kQ9p", P(KIND_IMAGE, "Xy3kQ9p")),
    ("http://imgur.com/Xy3kQ", P(KIND_IMAGE, "Xy3kQ")),
    ("imgur.com/q8Rt2", P(KIND_IMAGE, "q8Rt2")),
    ("//imgur.com/q8Rt2", P(KIND_IMAGE, "q8Rt2")),
    ("https://www.imgur.com/Zz00aZ1", P(KIND_IMAGE, "Zz00aZ1")),
    ("https://m.imgur.com/Zz00aZ1", P(KIND_IMAGE, "Zz00aZ1")),
    ("https://imgur.io/Zz00aZ1", P(KIND_IMAGE, "Zz00aZ1")),
    ("https://www.imgur.io/Zz00aZ1", P(KIND_IMAGE, "Zz00aZ1")),
    ("m.imgur.io/Zz00aZ1", P(KIND_IMAGE, "Zz00aZ1")),
    ("HTTPS://WWW.IMGUR.COM/Zz00aZ1", P(KIND_IMAGE, "Zz00aZ1")),
    ("https://ImGuR.CoM/aBcDe", P(KIND_IMAGE, "aBcDe")),
    ("  https://imgur.com/aBcDe \n", P(KIND_IMAGE, "aBcDe")),
    ("\thttps://imgur.com/aBcDe\r\n", P(KIND_IMAGE, "aBcDe")),
    ("https://imgur.com:443/aBcDe", P(KIND_IMAGE, "aBcDe")),
    ("http://imgur.com:80/aBcDe", P(KIND_IMAGE, "aBcDe")),
    ("imgur.com:443/aBcDe", P(KIND_IMAGE, "aBcDe")),
    # trailing parts, queries and fragments do not change the id
    ("https://imgur.com/aBcDe/", P(KIND_IMAGE, "aBcDe")),
    ("https://imgur.com/aBcDe?tags=1&x=y", P(KIND_IMAGE, "aBcDe")),
    ("https://imgur.com/aBcDe#somewhere", P(KIND_IMAGE, "aBcDe")),
    ("https://imgur.com/aBcDe/embed", P(KIND_IMAGE, "aBcDe")),
    ("https://imgur.com/aBcDe?q=\u00fcnicode", P(KIND_IMAGE, "aBcDe")),
    ("https://imgur.com/12345", P(KIND_IMAGE, "12345")),
    # --- direct media files -----------------------------------------------
    ("https://i.imgur.com/S1jmapR.jpg", P(KIND_IMAGE, "S1jmapR", extension="jpg")),
    (
        "https://i.imgur.com/S1jmapRs.jpg",
        P(KIND_IMAGE, "S1jmapR", extension="jpg", size_suffix="s"),
    ),
    (
        "https://i.imgur.com/abcdeh.png",
        P(KIND_IMAGE, "abcde", extension="png", size_suffix="h"),
    ),
    (
        "https://i.imgur.com/S1jmapR_d.webp",
        P(KIND_IMAGE, "S1jmapR", extension="webp", size_suffix="_d"),
    ),
    (
        "https://i.imgur.com/abcde_d.png?maxwidth=520&fidelity=high",
        P(KIND_IMAGE, "abcde", extension="png", size_suffix="_d"),
    ),
    (
        "https://i.imgur.com/S1jmapRb.gif",
        P(KIND_IMAGE, "S1jmapR", extension="gif", size_suffix="b"),
    ),
    (
        "https://i.imgur.com/S1jmapRt.JPEG",
        P(KIND_IMAGE, "S1jmapR", extension="jpeg", size_suffix="t"),
    ),
    (
        "https://i.imgur.com/S1jmapRm.png",
        P(KIND_IMAGE, "S1jmapR", extension="png", size_suffix="m"),
    ),
    (
        "https://i.imgur.com/S1jmapRl.png",
        P(KIND_IMAGE, "S1jmapR", extension="png", size_suffix="l"),
    ),
    (
        "https://i.imgur.com/S1jmapRg.png",
        P(KIND_IMAGE, "S1jmapR", extension="png", size_suffix="g"),
    ),
    (
        "https://i.imgur.com/S1jmapRr.png",
        P(KIND_IMAGE, "S1jmapR", extension="png", size_suffix="r"),
    ),
    # a 7-char id ending in a suffix letter is still a whole id
    ("https://i.imgur.com/abcdefs.png", P(KIND_IMAGE, "abcdefs", extension="png")),
    ("https://i.imgur.com/Qw3rTy7.GIFV", P(KIND_IMAGE, "Qw3rTy7", extension="gifv")),
    ("http://i.imgur.com/Qw3rTy7.mp4", P(KIND_IMAGE, "Qw3rTy7", extension="mp4")),
    ("//i.imgur.com/Qw3rTy7.webm", P(KIND_IMAGE, "Qw3rTy7", extension="webm")),
    ("i.imgur.com/Qw3rTy7.apng", P(KIND_IMAGE, "Qw3rTy7", extension="apng")),
    ("https://I.IMGUR.COM/Qw3rTy7.TIFF", P(KIND_IMAGE, "Qw3rTy7", extension="tiff")),
    ("https://i.imgur.io/Qw3rTy7.png", P(KIND_IMAGE, "Qw3rTy7", extension="png")),
    ("https://i.imgur.com/Qw3rTy7", P(KIND_IMAGE, "Qw3rTy7")),
    ("https://i.imgur.com/Qw3rTy7.jpg/", P(KIND_IMAGE, "Qw3rTy7", extension="jpg")),
    ("https://imgur.com/Qw3rTy7.png", P(KIND_IMAGE, "Qw3rTy7", extension="png")),
    (
        "https://imgur.com/Qw3rTy7h.png",
        P(KIND_IMAGE, "Qw3rTy7", extension="png", size_suffix="h"),
    ),
    # --- albums -----------------------------------------------------------
    ("https://imgur.com/a/AbC12dE", P(KIND_ALBUM, "AbC12dE")),
    ("imgur.com/a/AbC12", P(KIND_ALBUM, "AbC12")),
    ("https://m.imgur.com/a/AbC12dE/", P(KIND_ALBUM, "AbC12dE")),
    ("https://imgur.com/a/AbC12dE/all", P(KIND_ALBUM, "AbC12dE")),
    ("https://imgur.com/a/AbC12dE/layout/grid", P(KIND_ALBUM, "AbC12dE")),
    ("https://imgur.com/a/AbC12dE/zip", P(KIND_ALBUM, "AbC12dE")),
    ("https://imgur.com/a/AbC12dE/embed?pub=true", P(KIND_ALBUM, "AbC12dE")),
    ("https://imgur.com/A/AbC12dE", P(KIND_ALBUM, "AbC12dE")),
    (
        "https://imgur.com/a/AbC12dE#Zy98xW7",
        P(KIND_ALBUM, "AbC12dE", fragment_image_id="Zy98xW7"),
    ),
    (
        "https://imgur.com/a/AbC12dE?x=1#Zy98x",
        P(KIND_ALBUM, "AbC12dE", fragment_image_id="Zy98x"),
    ),
    ("https://imgur.com/a/AbC12dE#0", P(KIND_ALBUM, "AbC12dE")),
    ("https://imgur.com/a/AbC12dE#", P(KIND_ALBUM, "AbC12dE")),
    ("https://imgur.com/a/cute-kitten-pictures-AbC12dE", P(KIND_ALBUM, "AbC12dE")),
    # --- gallery posts and comments ---------------------------------------
    ("https://imgur.com/gallery/AbC12dE", P(KIND_GALLERY, "AbC12dE")),
    ("https://imgur.com/gallery/AbC12", P(KIND_GALLERY, "AbC12")),
    ("https://imgur.com/gallery/AbC12dE/new", P(KIND_GALLERY, "AbC12dE")),
    ("https://imgur.io/gallery/AbC12dE", P(KIND_GALLERY, "AbC12dE")),
    (
        "https://imgur.com/gallery/some-title-words-AbC12dE",
        P(KIND_GALLERY, "AbC12dE"),
    ),
    ("https://imgur.com/gallery/2-cats-Ab1C2", P(KIND_GALLERY, "Ab1C2")),
    (
        "https://imgur.com/gallery/AbC12dE/comment/1987654321",
        P(KIND_COMMENT, "1987654321", post_id="AbC12dE"),
    ),
    (
        "https://imgur.com/gallery/a-title-AbC12dE/comment/42/",
        P(KIND_COMMENT, "42", post_id="AbC12dE"),
    ),
    # "comment" without a numeric id leaves a plain gallery post
    ("https://imgur.com/gallery/AbC12dE/comment/xyz", P(KIND_GALLERY, "AbC12dE")),
    ("https://imgur.com/g/memes/AbC12dE", P(KIND_GALLERY, "AbC12dE")),
    # --- tags ---------------------------------------------------------------
    ("https://imgur.com/t/funny", P(KIND_GALLERY_TAG, "funny")),
    ("https://imgur.com/t/star_wars/", P(KIND_GALLERY_TAG, "star_wars")),
    ("https://imgur.com/t/funny/top/week", P(KIND_GALLERY_TAG, "funny")),
    ("https://imgur.com/t/funny/viral", P(KIND_GALLERY_TAG, "funny")),
    ("https://imgur.com/t/funny/AbC12dE", P(KIND_GALLERY, "AbC12dE", tag="funny")),
    (
        "https://imgur.com/t/aww/sleepy-dog-AbC12dE",
        P(KIND_GALLERY, "AbC12dE", tag="aww"),
    ),
    # --- topics -------------------------------------------------------------
    ("https://imgur.com/topic/Funny", P(KIND_TOPIC, "Funny")),
    ("https://imgur.com/topic/Current_Events/new", P(KIND_TOPIC, "Current_Events")),
    (
        "https://imgur.com/topic/Funny/AbC12dE",
        P(KIND_GALLERY, "AbC12dE", topic="Funny"),
    ),
    # --- subreddits ---------------------------------------------------------
    ("https://imgur.com/r/pics", P(KIND_SUBREDDIT_GALLERY, "pics")),
    ("https://imgur.com/r/EarthPorn/top/all", P(KIND_SUBREDDIT_GALLERY, "EarthPorn")),
    (
        "https://imgur.com/r/pics/AbC12dE",
        P(KIND_SUBREDDIT_IMAGE, "AbC12dE", subreddit="pics"),
    ),
    (
        "imgur.com/r/aww/AbC12",
        P(KIND_SUBREDDIT_IMAGE, "AbC12", subreddit="aww"),
    ),
    # --- users --------------------------------------------------------------
    ("https://imgur.com/user/SomeBody", P(KIND_USER, "SomeBody")),
    ("https://imgur.com/user/SomeBody/", P(KIND_USER, "SomeBody")),
    ("https://imgur.com/user/SomeBody/posts", P(KIND_USER, "SomeBody")),
    ("https://imgur.com/user/SomeBody/comments", P(KIND_USER, "SomeBody")),
    ("https://imgur.com/user/SomeBody/about", P(KIND_USER, "SomeBody")),
    ("https://imgur.com/user/x", P(KIND_USER, "x")),
    ("https://imgur.com/user/name_with-dash9", P(KIND_USER, "name_with-dash9")),
    ("https://imgur.com/user/SomeBody/favorites", P(KIND_USER_FAVORITES, "SomeBody")),
    (
        "https://m.imgur.com/user/SomeBody/favorites/folder/123",
        P(KIND_USER_FAVORITES, "SomeBody"),
    ),
    ("https://imgur.com/user/about", P(KIND_USER, "about")),
    # --- issue 15: top-level title slugs name the image ---------------------
    ("https://imgur.com/funny-cat-pictures-AbC12dE", P(KIND_IMAGE, "AbC12dE")),
    ("imgur.com/2-dogs-Ab1C2", P(KIND_IMAGE, "Ab1C2")),
    ("https://m.imgur.io/a-title-AbC12dE/embed?x=1", P(KIND_IMAGE, "AbC12dE")),
    ("https://imgur.com/upload-AbC12", P(KIND_IMAGE, "AbC12")),
    # --- the download button's links ------------------------------------------
    ("https://imgur.com/download/AbC12dE", P(KIND_IMAGE, "AbC12dE")),
    ("https://imgur.com/download/AbC12dE/", P(KIND_IMAGE, "AbC12dE")),
    ("https://imgur.com/download/AbC12dE/Some%20title%20here", P(KIND_IMAGE, "AbC12dE")),
    ("https://www.imgur.com/DOWNLOAD/AbC12/any/thing/else", P(KIND_IMAGE, "AbC12")),
    ("https://imgur.com/download/AbC12dE.png", P(KIND_IMAGE, "AbC12dE", extension="png")),
    # --- /image/ and /album/ name the item, not an id "image"/"album" --------
    ("https://imgur.com/image/AbC12dE", P(KIND_IMAGE, "AbC12dE")),
    ("https://imgur.com/Image/AbC12", P(KIND_IMAGE, "AbC12")),
    ("https://imgur.com/album/AbC12dE", P(KIND_ALBUM, "AbC12dE")),
    (
        "https://imgur.com/album/AbC12dE#Zy98xW7",
        P(KIND_ALBUM, "AbC12dE", fragment_image_id="Zy98xW7"),
    ),
    # --- subdomains: legacy profiles, their albums, files on any subdomain -----
    ("https://somebody.imgur.com", P(KIND_USER, "somebody")),
    ("http://SomeBody.imgur.com/", P(KIND_USER, "somebody")),
    ("some-body9.imgur.com?ref=x", P(KIND_USER, "some-body9")),
    ("https://ab.imgur.io/", P(KIND_USER, "ab")),
    ("https://somebody.imgur.com/a/AbC12dE", P(KIND_ALBUM, "AbC12dE")),
    (
        "https://somebody.imgur.com/a/AbC12dE#Zy98x",
        P(KIND_ALBUM, "AbC12dE", fragment_image_id="Zy98x"),
    ),
    ("https://somebody.imgur.com/AbC12dE.jpg", P(KIND_IMAGE, "AbC12dE", extension="jpg")),
    ("https://www.i.imgur.com/AbC12dE.png", P(KIND_IMAGE, "AbC12dE", extension="png")),
    ("https://i.stack.imgur.com/AbC12.png", P(KIND_IMAGE, "AbC12", extension="png")),
    (
        "https://s.imgur.com/AbC12dEh.jpg",
        P(KIND_IMAGE, "AbC12dE", extension="jpg", size_suffix="h"),
    ),
    ("https://p.imgur.io/AbC12dE.mp4", P(KIND_IMAGE, "AbC12dE", extension="mp4")),
    ("https://api.imgur.com/AbC12dE.gif", P(KIND_IMAGE, "AbC12dE", extension="gif")),
    # --- unusual and mangled extensions ------------------------------------------
    ("https://i.imgur.com/AbC12dE.m3u8", P(KIND_IMAGE, "AbC12dE", extension="m3u8")),
    ("https://i.imgur.com/AbC12dE.giff", P(KIND_IMAGE, "AbC12dE", extension="gif")),
    ("https://i.imgur.com/AbC12dE.gift", P(KIND_IMAGE, "AbC12dE", extension="gif")),
    ("https://i.imgur.com/AbC12dE.gifnot", P(KIND_IMAGE, "AbC12dE", extension="gif")),
    ("https://i.imgur.com/AbC12dE.GIFF", P(KIND_IMAGE, "AbC12dE", extension="gif")),
    ("https://i.imgur.com/AbC12dE.gifvx", P(KIND_IMAGE, "AbC12dE", extension="gifv")),
    ("https://i.imgur.com/AbC12dE.jpegs", P(KIND_IMAGE, "AbC12dE", extension="jpeg")),
    ("https://i.imgur.com/AbC12dE.jpg)", P(KIND_IMAGE, "AbC12dE", extension="jpg")),
    ("https://i.imgur.com/AbC12dE.png%22", P(KIND_IMAGE, "AbC12dE", extension="png")),
    (
        "https://i.imgur.com/AbC12dEh.pngx",
        P(KIND_IMAGE, "AbC12dE", extension="png", size_suffix="h"),
    ),
    ("https://imgur.com/AbC12dE.gifnot", P(KIND_IMAGE, "AbC12dE", extension="gif")),
    # --- /a/ on the CDN host (and an album with an extension) is the album -------
    ("https://i.imgur.com/a/AbC12dE", P(KIND_ALBUM, "AbC12dE")),
    ("https://i.imgur.com/a/AbC12dE.jpg", P(KIND_ALBUM, "AbC12dE")),
    ("i.imgur.io/A/AbC12.gifv/", P(KIND_ALBUM, "AbC12")),
    (
        "https://i.imgur.com/a/AbC12dE#Zy98x",
        P(KIND_ALBUM, "AbC12dE", fragment_image_id="Zy98x"),
    ),
    ("https://imgur.com/a/AbC12dE.png", P(KIND_ALBUM, "AbC12dE")),
    # --- tag and topic names with punctuation -------------------------------------
    (
        "https://imgur.com/t/The_Oscars_&_Movies/AbC12dE",
        P(KIND_GALLERY, "AbC12dE", tag="The_Oscars_&_Movies"),
    ),
    (
        "https://imgur.com/topic/The_Oscars_&_Movies/AbC12dE",
        P(KIND_GALLERY, "AbC12dE", topic="The_Oscars_&_Movies"),
    ),
    (
        "https://imgur.com/t/The_Oscars_%26_Movies/AbC12dE",
        P(KIND_GALLERY, "AbC12dE", tag="The_Oscars_&_Movies"),
    ),
    ("https://imgur.com/t/i'm_fine/AbC12", P(KIND_GALLERY, "AbC12", tag="i'm_fine")),
    ("https://imgur.com/t/i%27m_fine", P(KIND_GALLERY_TAG, "i'm_fine")),
    ("https://imgur.com/topic/Science_&_Tech/new", P(KIND_TOPIC, "Science_&_Tech")),
    ("https://imgur.com/t/mr.robot", P(KIND_GALLERY_TAG, "mr.robot")),
    ("https://imgur.com/t/bad-tag!", P(KIND_GALLERY_TAG, "bad-tag!")),
    ("https://imgur.com/g/what's_new/AbC12dE", P(KIND_GALLERY, "AbC12dE")),
    # --- a post link with an extension names the post, not the listing ------------
    (
        "https://imgur.com/r/pics/AbC12dE.jpg",
        P(KIND_SUBREDDIT_IMAGE, "AbC12dE", subreddit="pics", extension="jpg"),
    ),
    (
        "https://imgur.com/r/pics/AbC12dEh.jpg",
        P(KIND_SUBREDDIT_IMAGE, "AbC12dE", subreddit="pics", extension="jpg", size_suffix="h"),
    ),
    (
        "https://imgur.com/t/funny/AbC12dE.gifv",
        P(KIND_GALLERY, "AbC12dE", tag="funny", extension="gifv"),
    ),
    (
        "https://imgur.com/topic/Funny/AbC12dE.MP4",
        P(KIND_GALLERY, "AbC12dE", topic="Funny", extension="mp4"),
    ),
    ("https://imgur.com/gallery/abc12.jpg", P(KIND_GALLERY, "abc12", extension="jpg")),
    ("https://imgur.com/g/memes/AbC12dE.png", P(KIND_GALLERY, "AbC12dE", extension="png")),
    # --- comments under a tag, a topic or a subreddit name the comment ---------------
    (
        "https://imgur.com/t/funny/AbC12dE/comment/123456",
        P(KIND_COMMENT, "123456", post_id="AbC12dE", tag="funny"),
    ),
    (
        "https://imgur.com/topic/Funny/some-title-AbC12dE/comment/42/",
        P(KIND_COMMENT, "42", post_id="AbC12dE", topic="Funny"),
    ),
    (
        "https://imgur.com/t/The_Oscars_&_Movies/AbC12/comment/7",
        P(KIND_COMMENT, "7", post_id="AbC12", tag="The_Oscars_&_Movies"),
    ),
    (
        "https://imgur.com/r/pics/AbC12dE/comment/7",
        P(KIND_COMMENT, "7", post_id="AbC12dE", subreddit="pics"),
    ),
    # --- site words keep their meaning only where the site uses them ----------------
    ("https://imgur.com/a/AbC12dE#removed", P(KIND_ALBUM, "AbC12dE")),
    ("https://i.imgur.com/popular.png", P(KIND_IMAGE, "popular", extension="png")),
    ("https://imgur.com/a/image", P(KIND_ALBUM, "image")),
    ("https://imgur.com/gallery/emerald", P(KIND_GALLERY, "emerald")),
]

REFUSED: list[str] = [
    # not a string that names anything
    "",
    "   ",
    "abcde",
    "https://",
    "https:///imgur.com/abcde",
    "http:/imgur.com/abcde",
    "https:imgur.com/abcde",
    # look-alike and foreign hosts
    "https://imgur.com.example.net/abcde12",
    "https://fake-imgur.com/abcde12",
    "https://notimgur.com/abcde12",
    "https://imgur.org/abcde12",
    "https://example.com/imgur.com/abcde12",
    "https://example.com/?u=https://imgur.com/abcde12",
    "https://imgur.com./abcde12",
    "https://i.imgur.com.evil.com/abcde12.jpg",
    "https://evil.imgur.com/abcde12",
    "https://xn--imgr-0ra.com/abcde12",
    "https://imgür.com/abcde12",
    "https://[::1]/abcde12",
    # schemes, credentials, ports
    "ftp://imgur.com/abcde12",
    "javascript:alert(1)//imgur.com/abcde12",
    "javascript://imgur.com/abcde12",
    "data:text/html,imgur.com/abcde12",
    "http://imgur.com@evil.com/abc12",
    "http://user:pw@imgur.com/abc12",
    "http://evil.com\\@imgur.com/abc12",
    "https://imgur.com\\abc12",
    "https://imgur.com/abc12\\x",
    "https://imgur.com:8080/abcde12",
    "https://imgur.com:/abcde12",
    "https://imgur.com:443:443/abcde12",
    # characters that no real address contains
    "https://imgur.com/ab cd",
    "https://imgur.com/abcde\x00",
    "https://img\nur.com/abcde",
    "https://imgur.com/abcde?q=a b",
    "https://imgur.com/abcde/\x00",
    "https://imgur.com/abcde#\x7f",
    "https:\\\\imgur.com/abcde",
    "https://imgur.com/abcde/..\\..\\upload",
    # the site's own pages
    "https://imgur.com",
    "https://imgur.com/",
    "https://i.imgur.com/",
    "https://imgur.com/upload",
    "https://imgur.com/about",
    "https://imgur.com/ABOUT",
    "https://imgur.com/emoji",
    "https://imgur.com/rules",
    "https://imgur.com/login",
    "https://imgur.com/stats",
    "https://imgur.com/apps",
    "https://imgur.com/blog",
    "https://imgur.com/jobs",
    "https://imgur.com/help",
    "https://imgur.com/signin",
    "https://imgur.com/register",
    "https://imgur.com/privacy",
    "https://imgur.com/memegen",
    "https://imgur.com/tos",
    "https://imgur.com/removalrequest",
    "https://imgur.com/vidgif",
    "https://imgur.com/search?q=cats",
    "https://imgur.com/hot",
    "https://imgur.com/new",
    "https://imgur.com/top",
    "https://imgur.com/random",
    "https://imgur.com/account/settings",
    "https://imgur.com/notifications",
    "https://imgur.com/messages",
    "https://imgur.com/settings",
    "https://imgur.com/logout",
    "https://imgur.com/user",
    "https://imgur.com/user/",
    "https://imgur.com/gallery",
    "https://imgur.com/gallery/",
    "https://imgur.com/a",
    "https://imgur.com/a/",
    "https://imgur.com/t",
    "https://imgur.com/r",
    "https://imgur.com/topic",
    "https://imgur.com/g/memes",
    "https://i.imgur.com/about",
    "https://i.imgur.com/gallery",
    "https://imgur.com/GALLERY",
    # malformed ids and names
    "https://imgur.com/abcd",
    "https://imgur.com/abcdef",
    "https://imgur.com/abcdefgh",
    "https://imgur.com/abc_d",
    "https://imgur.com/abc12,def34",
    "https://imgur.com/%61bc12",
    "https://imgur.com/ab\u00e7de",
    "https://imgur.com/a/abcdef",
    "https://imgur.com/a/title-only",
    "https://imgur.com/a/abc12-",
    "https://imgur.com/a/-abc12",
    "https://imgur.com/r/a",
    "https://imgur.com/r/waytoolongsubredditname1",
    "https://imgur.com/r/bad-name",
    "https://imgur.com/t/bad\"tag",
    "https://imgur.com/user/" + "u" * 64,
    "https://imgur.com/user/bad.name",
    "https://imgur.com/abc12/../upload",
    # direct media files
    "https://i.imgur.com/abcdefgx.jpg",
    "https://i.imgur.com/abcdex.jpg",
    "https://i.imgur.com/S1jmapRS.jpg",
    "https://i.imgur.com/abcd.jpg",
    "https://i.imgur.com/abcde.exe",
    "https://i.imgur.com/abcde.",
    "https://i.imgur.com/.jpg",
    "https://i.imgur.com/abcde.jpg.png",
    "https://i.imgur.com/abcde_x.jpg",
    "https://i.imgur.com/abcdef_d.jpg",
    "https://i.imgur.com/a/abcdef",
    "https://i.imgur.com/abcde/abcde.jpg",
    "https://imgur.com/favicon.ico",
    # --- issue 15 -------------------------------------------------------------------
    # Imgur's placeholder for a deleted item names nothing, in every position
    "https://i.imgur.com/removed.png",
    "https://i.imgur.com/removedh.jpg",
    "https://imgur.com/removed",
    "https://imgur.com/removed.png",
    "https://imgur.com/gallery/removed",
    "https://imgur.com/gallery/title-words-removed",
    "https://imgur.com/gallery/removed/comment/123",
    "https://imgur.com/a/removed",
    "https://imgur.com/image/removed",
    "https://imgur.com/download/removed",
    "https://imgur.com/t/funny/removed",
    "https://imgur.com/r/pics/removed.jpg",
    "https://i.imgur.com/a/removed",
    "https://somebody.imgur.com/removed.gif",
    # site words of id length are pages, not ids
    "https://imgur.com/popular",
    "https://imgur.com/Popular",
    "https://imgur.com/emerald",
    "https://imgur.com/rising",
    "https://imgur.com/trending",
    "https://imgur.com/image",
    "https://imgur.com/album",
    "https://imgur.com/album/",
    "https://imgur.com/download",
    "https://imgur.com/download/",
    "https://imgur.com/memes",
    "https://imgur.com/posts",
    "https://imgur.com/terms",
    "https://imgur.com/users",
    "https://imgur.com/image/title-only",
    "https://imgur.com/download/abcdef",
    "https://imgur.com/-AbC12dE",
    # subdomains: service hosts are no profiles; a profile has no other page we read
    "https://www.imgur.com",
    "https://api.imgur.com",
    "https://api.imgur.com/3/image/AbC12dE",
    "https://i.imgur.com",
    "https://x.imgur.com",
    "https://stack.imgur.com/",
    "https://help.imgur.com/hc/en-us",
    "https://somebody.imgur.com/all",
    "https://somebody.imgur.com/AbC12dE",
    "https://somebody.imgur.com/a",
    "https://somebody.imgur.com/gallery/AbC12dE",
    "https://a.b.imgur.com",
    "https://a.b.imgur.com/a/AbC12dE",
    "https://www.i.imgur.com/AbC12dE",
    "https://i.stack.imgur.com/abc/AbC12.png",
    "https://s.imgur.com/images/logo.png",
    "https://xn--80ak6aa92e.imgur.com",
    "https://xn--80ak6aa92e.imgur.com/AbC12dE.png",
    "https://-bad.imgur.com",
    "https://bad-.imgur.com/AbC12dE.png",
    "https://under_score.imgur.com",
    "https://a..imgur.com/AbC12dE.png",
    "https://.imgur.com/AbC12dE.png",
    "https://" + "x" * 64 + ".imgur.com",
    # look-alike hosts stay refused, whatever the path
    "https://imgur.com.evil.com/a/AbC12dE",
    "https://somebody.imgur.com.evil.com",
    "https://evilimgur.com/AbC12dE.png",
    "https://i-imgur.com/AbC12dE.png",
    "https://i.imgur.co/AbC12dE.png",
    "https://imgur.co",
    "https://i.imgur.com.evil.com/a/AbC12dE",
    "https://imgur.community/AbC12dE.png",
    # extensions: a known one must start the text after the single dot
    "https://i.imgur.com/AbC12dE.jp",
    "https://i.imgur.com/AbC12dE.gi",
    "https://i.imgur.com/AbC12dE.mpeg",
    "https://i.imgur.com/AbC12dE.xgif",
    "https://i.imgur.com/AbC12dE.gif.exe",
    "https://i.imgur.com/AbC12dE.g%69f",
    "https://i.imgur.com/AbC12dE.gif\u00e9",
    # albums carry no thumbnail marker; the CDN has no other sub-pages
    "https://i.imgur.com/a/AbC12dEh.jpg",
    "https://i.imgur.com/a/",
    "https://i.imgur.com/a/title-only.png",
    "https://i.imgur.com/gallery/AbC12dE",
    # tag and topic names: ASCII, no space or slash, at most 64 characters
    "https://imgur.com/t/bad%2Ftag",
    "https://imgur.com/t/caf%C3%A9",
    "https://imgur.com/t/caf\u00e9/AbC12dE",
    "https://imgur.com/t/star%20wars",
    "https://imgur.com/t/%zz",
    "https://imgur.com/topic/a<b>",
    "https://imgur.com/t/" + "x" * 65,
    "https://imgur.com/topic/%00/AbC12dE",
    "https://imgur.com/g/memes/new",
    "https://imgur.com/t/%2E%2E%2E",
    "https://imgur.com/topic/.%2E/AbC12dE",
    "https://imgur.com/g/bad%2Fname/AbC12dE",
]


@pytest.mark.parametrize(("url", "expected"), ACCEPTED)
def test_accepted_forms(url: str, expected: ParsedURL) -> None:
    assert parse_url(url) == expected
    assert is_imgur_url(url) is True


@pytest.mark.parametrize("url", REFUSED)
def test_refused_forms(url: str) -> None:
    assert parse_url(url) is None
    assert is_imgur_url(url) is False


def test_table_is_large_and_covers_every_kind() -> None:
    assert len(ACCEPTED) + len(REFUSED) >= 60
    assert {expected.kind for _, expected in ACCEPTED} == KINDS


def test_case_of_ids_is_preserved() -> None:
    upper = parse_url("https://imgur.com/ABCDE")
    lower = parse_url("https://imgur.com/abcde")
    assert upper is not None and upper.id == "ABCDE"
    assert lower is not None and lower.id == "abcde"


@pytest.mark.parametrize("word", sorted(RESERVED_PATHS))
def test_every_reserved_word_is_refused_in_any_case(word: str) -> None:
    for variant in (word, word.upper(), word.title()):
        assert parse_url(f"https://imgur.com/{variant}") is None
        assert parse_url(f"https://imgur.com/{variant}/") is None


def test_reserved_words_do_not_block_ids_elsewhere() -> None:
    assert parse_url("https://imgur.com/a/about") == P(KIND_ALBUM, "about")
    assert parse_url("https://imgur.com/gallery/rules") == P(KIND_GALLERY, "rules")


def test_result_is_frozen() -> None:
    result = parse_url("https://imgur.com/abcde")
    assert result is not None
    with pytest.raises(AttributeError):
        result.id = "other"  # type: ignore[misc]


@pytest.mark.parametrize("bad", [None, b"https://imgur.com/abcde", 12345, 1.5, ["x"]])
def test_non_string_input_raises_type_error(bad: object) -> None:
    with pytest.raises(TypeError):
        parse_url(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        is_imgur_url(bad)  # type: ignore[arg-type]


def test_string_subclass_is_accepted() -> None:
    class Text(str):
        pass

    assert parse_url(Text("imgur.com/abcde")) == P(KIND_IMAGE, "abcde")


# --- large inputs -------------------------------------------------------------

TEN_KB = 10 * 1024


def test_ten_kilobyte_garbage_is_refused() -> None:
    for text in ("a" * TEN_KB, "/" * TEN_KB, "\u00e9\x00:#@" * (TEN_KB // 5)):
        assert parse_url(text) is None


def test_ten_kilobyte_urls_still_parse() -> None:
    long_query = "https://imgur.com/abcde?" + "x" * TEN_KB
    assert parse_url(long_query) == P(KIND_IMAGE, "abcde")
    long_slug = "https://imgur.com/gallery/" + "word-" * (TEN_KB // 5) + "AbC12dE"
    assert parse_url(long_slug) == P(KIND_GALLERY, "AbC12dE")
    long_tail = "https://imgur.com/a/AbC12dE/" + "x/" * (TEN_KB // 2)
    assert parse_url(long_tail) == P(KIND_ALBUM, "AbC12dE")
    long_path = "https://imgur.com/" + "a" * TEN_KB
    assert parse_url(long_path) is None


# --- property-based tests -------------------------------------------------------

ID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
image_ids = st.text(ID_CHARS, min_size=5, max_size=5) | st.text(ID_CHARS, min_size=7, max_size=7)

URL_PREFIXES = [
    "",
    "https://imgur.com/",
    "http://imgur.com/",
    "https://i.imgur.com/",
    "//i.imgur.com/",
    "imgur.com/",
    "https://imgur.com/a/",
    "https://imgur.com/gallery/",
    "https://imgur.com/t/",
    "https://imgur.com/r/",
    "https://imgur.com/topic/",
    "https://imgur.com/user/",
    "https://imgur.com/g/",
    "https://imgur.com/download/",
    "https://imgur.com/image/",
    "https://imgur.com/album/",
    "https://i.imgur.com/a/",
    "https://somebody.imgur.com/",
    "https://somebody.imgur.com/a/",
    "https://www.i.imgur.com/",
    "https://x.y.imgur.io/",
    "https://imgur.com/t/The_Oscars_&_Movies/",
    "https://imgur.com/r/pics/",
    "https://",
    "http://imgur.com:",
    "imgur.com:",
]
URL_ALPHABET = ID_CHARS[:8] + ID_CHARS[26:30] + "019_-./?#:@%\\ \t\n\x00\u00e9\u212a"
url_like = st.builds(
    lambda prefix, body: prefix + body,
    st.sampled_from(URL_PREFIXES),
    st.text(URL_ALPHABET, max_size=40),
)
any_text = st.text() | url_like


def check_result(text: str) -> None:
    """Parse ``text`` and assert the invariants every outcome must satisfy."""
    result = parse_url(text)
    assert result is None or isinstance(result, ParsedURL)
    assert is_imgur_url(text) is (result is not None)
    if result is None:
        return
    assert result.kind in KINDS
    assert result.id
    assert result.id.isascii()
    if result.kind in (KIND_IMAGE, KIND_ALBUM, KIND_GALLERY, KIND_SUBREDDIT_IMAGE):
        assert len(result.id) in (5, 7) and result.id.isalnum()
    if result.extension is not None:
        assert result.extension == result.extension.lower()
    # Surrounding whitespace never changes the outcome.
    assert parse_url(f" \t{text}\n ") == result


@settings(max_examples=500, deadline=None)
@given(any_text)
def test_arbitrary_text_never_raises(text: str) -> None:
    check_result(text)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_arbitrary_text_never_raises_thoroughly(text: str) -> None:
    check_result(text)


HOSTS = [
    "imgur.com",
    "www.imgur.com",
    "m.imgur.com",
    "imgur.io",
    "www.imgur.io",
    "m.imgur.io",
]


def _mixed_case(text: str, mask: int) -> str:
    return "".join(c.upper() if mask >> (i % 30) & 1 else c for i, c in enumerate(text))


@settings(max_examples=300, deadline=None)
@given(
    image_id=image_ids,
    host=st.sampled_from(HOSTS),
    scheme=st.sampled_from(["https://", "http://", "//", ""]),
    mask=st.integers(0, 2**30 - 1),
)
def test_any_image_id_round_trips(image_id: str, host: str, scheme: str, mask: int) -> None:
    assume(image_id.lower() not in RESERVED_PATHS and image_id != REMOVED_ID)
    base = scheme + _mixed_case(host, mask)
    assert parse_url(f"{base}/{image_id}") == P(KIND_IMAGE, image_id)
    assert parse_url(f"{base}/a/{image_id}") == P(KIND_ALBUM, image_id)
    assert parse_url(f"{base}/gallery/title-{image_id}") == P(KIND_GALLERY, image_id)


@settings(max_examples=300, deadline=None)
@given(
    image_id=image_ids,
    extension=st.sampled_from(["jpg", "jpeg", "png", "gif", "gifv", "mp4", "webm", "webp"]),
    suffix=st.sampled_from(["", "s", "b", "t", "m", "l", "h", "g", "r", "_d"]),
    host=st.sampled_from(["i.imgur.com", "i.imgur.io"]),
)
def test_any_media_file_round_trips(image_id: str, extension: str, suffix: str, host: str) -> None:
    assume(image_id != REMOVED_ID)
    expected: Optional[str] = suffix or None
    result = parse_url(f"https://{host}/{image_id}{suffix}.{extension.upper()}")
    assert result == P(KIND_IMAGE, image_id, extension=extension, size_suffix=expected)


# --- issue 15: each new form as a class ----------------------------------------------

WEB_HOSTS = st.sampled_from(HOSTS)
item_ids = image_ids.filter(lambda text: text != REMOVED_ID and text.lower() not in LISTING_WORDS)
slug_words = st.lists(st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8),
                      min_size=1, max_size=6)
extensions = st.sampled_from(sorted(IMAGE_EXTENSIONS))
# what a scraper leaves after an extension: anything but a dot, a path or query
# separator, a backslash, whitespace or a control character
junk = st.text(
    st.characters(min_codepoint=0x21, max_codepoint=0x7E, blacklist_characters="./?#\\"),
    max_size=6,
)
label_chars = "abcdefghijklmnopqrstuvwxyz0123456789"
labels = st.builds(
    lambda first, middle, last: first + middle + last,
    st.sampled_from(label_chars),
    st.text(label_chars + "-", max_size=20),
    st.sampled_from(label_chars),
).filter(lambda label: not label.startswith("xn--"))
# tag and topic names: ASCII letters, digits and the punctuation Imgur keeps
name_text = st.text(
    "abcXYZ019_&'!.,:;+()~*$@=-", min_size=1, max_size=64
).filter(lambda name: name.strip(".") != "")  # dot-only names are refused


@settings(max_examples=200, deadline=None)
@given(item_ids, slug_words, WEB_HOSTS)
def test_top_level_slug_names_the_image(item_id: str, words: list[str], host: str) -> None:
    slug = "-".join(words)
    assert parse_url(f"https://{host}/{slug}-{item_id}") == P(KIND_IMAGE, item_id)
    assert parse_url(f"{host}/{slug}-{item_id}/") == P(KIND_IMAGE, item_id)


@settings(max_examples=200, deadline=None)
@given(item_ids, st.lists(st.text(ID_CHARS + "-_%~", min_size=1, max_size=10), max_size=3),
       WEB_HOSTS)
def test_download_links_name_the_image(item_id: str, tail: list[str], host: str) -> None:
    path = "/".join([item_id, *tail])
    assert parse_url(f"https://{host}/download/{path}") == P(KIND_IMAGE, item_id)
    assert parse_url(f"https://{host}/image/{path}") == P(KIND_IMAGE, item_id)
    assert parse_url(f"https://{host}/album/{path}") == P(KIND_ALBUM, item_id)


@settings(max_examples=200, deadline=None)
@given(labels, item_ids, st.sampled_from(["imgur.com", "imgur.io"]), st.integers(0, 2**30 - 1))
def test_legacy_profile_hosts(name: str, item_id: str, domain: str, mask: int) -> None:
    host = _mixed_case(f"{name}.{domain}", mask)
    if len(name) == 1 or name in SERVICE_SUBDOMAINS or f"{name}.{domain}" in HOSTS:
        assert parse_url(f"https://{host}/") is None
    else:
        assert parse_url(f"https://{host}") == P(KIND_USER, name)
        assert parse_url(f"{host}/") == P(KIND_USER, name)
        assert parse_url(f"https://{host}/a/{item_id}") == P(KIND_ALBUM, item_id)


@settings(max_examples=200, deadline=None)
@given(st.lists(labels, min_size=1, max_size=3), item_ids, extensions,
       st.sampled_from(["", "s", "h", "_d"]), st.sampled_from(["imgur.com", "imgur.io"]))
def test_a_file_on_any_subdomain_is_the_image(
    names: list[str], item_id: str, extension: str, suffix: str, domain: str
) -> None:
    host = ".".join([*names, domain])
    expected = P(KIND_IMAGE, item_id, extension=extension, size_suffix=suffix or None)
    assert parse_url(f"https://{host}/{item_id}{suffix}.{extension}") == expected


@settings(max_examples=200, deadline=None)
@given(labels, st.sampled_from(["imgur.com", "i.imgur.com", "imgur.io", "www.imgur.com"]),
       st.sampled_from(["", "/", "/AbC12dE", "/AbC12dE.png", "/a/AbC12dE", "/gallery/AbC12"]))
def test_look_alike_hosts_stay_refused(other: str, imgur_host: str, path: str) -> None:
    domain = imgur_host.split(".", imgur_host.count(".") - 1)[-1]  # imgur.com or imgur.io
    glued = imgur_host[: -len(domain)] + other + domain  # i.aaimgur.com, aaimgur.io
    for host in (glued, f"{imgur_host}.{other}", f"{imgur_host}.{other}.com",
                 f"{other}-{domain}", f"{imgur_host}-{other}.com"):
        assert parse_url(f"https://{host}{path}") is None


@settings(max_examples=300, deadline=None)
@given(item_ids, extensions, junk, st.booleans())
def test_junk_after_a_known_extension_is_ignored(
    item_id: str, extension: str, tail: str, upper: bool
) -> None:
    written = extension + tail
    result = parse_url(f"https://i.imgur.com/{item_id}.{written.upper() if upper else written}")
    assert result is not None and result.kind == KIND_IMAGE and result.id == item_id
    assert result.extension in IMAGE_EXTENSIONS
    # the longest known extension the text starts with
    assert written.lower().startswith(result.extension)
    assert len(result.extension) >= len(extension)


@settings(max_examples=200, deadline=None)
@given(item_ids, st.sampled_from(["", ".jpg", ".png", ".gifv", ".mp4"]),
       st.sampled_from(["i.imgur.com", "i.imgur.io", "imgur.com", "m.imgur.com"]),
       item_ids | st.just(""))
def test_album_on_any_host_with_or_without_extension(
    item_id: str, extension: str, host: str, fragment: str
) -> None:
    expected = P(KIND_ALBUM, item_id, fragment_image_id=fragment or None)
    assert parse_url(f"https://{host}/a/{item_id}{extension}#{fragment}") == expected


@settings(max_examples=300, deadline=None)
@given(name_text, item_ids, st.booleans())
def test_tag_and_topic_names_with_punctuation(name: str, item_id: str, encode: bool) -> None:
    written = quote(name, safe="") if encode else name
    for route, key, listing in (("t", "tag", KIND_GALLERY_TAG), ("topic", "topic", KIND_TOPIC)):
        base = f"https://imgur.com/{route}/{written}"
        assert parse_url(base) == P(listing, name)
        assert parse_url(f"{base}/{item_id}") == P(KIND_GALLERY, item_id, **{key: name})
        assert parse_url(f"{base}/{item_id}/comment/99") == P(
            KIND_COMMENT, "99", post_id=item_id, **{key: name}
        )


ROUTES_OF_POSTS = [
    ("r/pics", KIND_SUBREDDIT_IMAGE, {"subreddit": "pics"}),
    ("t/funny", KIND_GALLERY, {"tag": "funny"}),
    ("topic/Funny", KIND_GALLERY, {"topic": "Funny"}),
    ("gallery", KIND_GALLERY, {}),
    ("g/memes", KIND_GALLERY, {}),
]


@settings(max_examples=200, deadline=None)
@given(item_ids, extensions, st.sampled_from(ROUTES_OF_POSTS), WEB_HOSTS)
def test_post_links_with_an_extension_name_the_post(
    item_id: str, extension: str, route: tuple[str, str, dict[str, str]], host: str
) -> None:
    prefix, kind, where = route
    result = parse_url(f"https://{host}/{prefix}/{item_id}.{extension}")
    assert result == P(kind, item_id, extension=extension, **where)


@settings(max_examples=200, deadline=None)
@given(item_ids, st.integers(0, 10**19), st.sampled_from(ROUTES_OF_POSTS), slug_words)
def test_comment_links_name_the_comment_under_every_route(
    item_id: str, number: int, route: tuple[str, str, dict[str, str]], words: list[str]
) -> None:
    prefix, _kind, where = route
    slug = "-".join(words)
    result = parse_url(f"https://imgur.com/{prefix}/{slug}-{item_id}/comment/{number}")
    assert result == P(KIND_COMMENT, str(number), post_id=item_id, **where)


REMOVED_FORMS = [
    "https://i.imgur.com/{}.png",
    "https://i.imgur.com/{}h.jpg",
    "https://i.imgur.com/{}",
    "https://i.imgur.com/a/{}",
    "https://imgur.com/{}",
    "https://imgur.com/{}.gif",
    "https://imgur.com/title-{}",
    "https://imgur.com/a/{}",
    "https://imgur.com/album/{}",
    "https://imgur.com/image/{}",
    "https://imgur.com/download/{}/x",
    "https://imgur.com/gallery/{}",
    "https://imgur.com/gallery/{}/comment/1",
    "https://imgur.com/t/funny/{}",
    "https://imgur.com/topic/Funny/{}.mp4",
    "https://imgur.com/r/pics/{}",
    "https://imgur.com/g/memes/{}",
    "https://somebody.imgur.com/a/{}",
    "https://www.i.imgur.com/{}.png",
]


@pytest.mark.parametrize("form", REMOVED_FORMS)
def test_removed_is_deleted_in_every_form(form: str) -> None:
    assert parse_url(form.format(REMOVED_ID)) is None
    assert is_imgur_url(form.format(REMOVED_ID)) is False
    # the same form with a real id is accepted: the refusal is about the word
    assert parse_url(form.format("AbC12dE")) is not None


@pytest.mark.parametrize("word", sorted(RESERVED_PATHS - {"a", "g", "r", "t"}))
def test_reserved_words_are_ids_under_a_route(word: str) -> None:
    if len(word) not in (5, 7) or word == REMOVED_ID:
        return
    assert parse_url(f"https://imgur.com/a/{word}") == P(KIND_ALBUM, word)
    assert parse_url(f"https://imgur.com/gallery/{word}") == P(KIND_GALLERY, word)
    assert parse_url(f"https://i.imgur.com/{word}.png") == P(KIND_IMAGE, word, extension="png")


def test_listing_words_never_become_post_ids() -> None:
    for word in LISTING_WORDS:
        assert parse_url(f"https://imgur.com/t/funny/{word}") == P(KIND_GALLERY_TAG, "funny")
        assert parse_url(f"https://imgur.com/r/pics/{word}") == P(KIND_SUBREDDIT_GALLERY, "pics")
