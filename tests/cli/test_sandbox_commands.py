"""Every command, run as ``python -m pyimgur --sandbox ...`` in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

from pyimgur.testing import (
    SEED_ACCESS_TOKEN,
    SEED_ALBUM_ID,
    SEED_ANON_ALBUM_DELETEHASH,
    SEED_CLIENT_SECRET,
    SEED_COMMENT_ID,
    SEED_GALLERY_ALBUM_ID,
    SEED_GALLERY_IMAGE_ID,
    SEED_IMAGE_ID,
    SEED_REFRESH_TOKEN,
    SEED_USER,
    media,
)

from .conftest import CLI, no_secret_in

GALLERY_URL = f"https://imgur.com/gallery/{SEED_GALLERY_IMAGE_ID}"


def one_error_line(err: str, start: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith(f"pyimgur: error: {start}"), err
    assert "Traceback" not in err


# -- show --------------------------------------------------------------------------------------
def test_readme_main_job_shows_a_seeded_gallery_post(cli: CLI) -> None:
    done = cli("--sandbox", "show", GALLERY_URL)
    assert done.code == 0, done.err
    assert done.err == ""
    lines = done.out.splitlines()
    assert lines[0] == f"<Gallery_image id='{SEED_GALLERY_IMAGE_ID}' title='The analytical engine'>"
    assert any(line.split() == ["title", "The", "analytical", "engine"] for line in lines)
    assert any(line.split()[:2] == ["author", "<User"] for line in lines)


def test_show_json_of_a_gallery_album(cli: CLI) -> None:
    done = cli("--sandbox", "show", "--json", f"https://imgur.com/gallery/{SEED_GALLERY_ALBUM_ID}")
    assert done.code == 0, done.err
    data = json.loads(done.out)
    assert data["_type"] == "Gallery_album"
    assert data["id"] == SEED_GALLERY_ALBUM_ID
    assert [image["_type"] for image in data["images"]] == ["Image", "Image"]
    assert all(image["link"].startswith("https://i.imgur.com/") for image in data["images"])


def test_show_by_id_and_type(cli: CLI) -> None:
    image = cli("--sandbox", "show", SEED_IMAGE_ID)
    assert image.code == 0 and image.out.startswith(f"<Image id='{SEED_IMAGE_ID}'")
    album = cli("--sandbox", "show", "--type", "album", "--json", SEED_ALBUM_ID)
    assert album.code == 0 and len(json.loads(album.out)["images"]) == 3
    user = cli("--sandbox", "show", "--type", "user", "--json", "adalovelace")
    assert user.code == 0 and json.loads(user.out)["name"] == "adalovelace"
    comment = cli("--sandbox", "show", "--type", "comment", str(SEED_COMMENT_ID))
    assert comment.code == 0 and comment.out.startswith(f"<Comment id={SEED_COMMENT_ID}")
    tag = cli("--sandbox", "show", "--type", "tag", "--json", "cats")
    assert tag.code == 0 and json.loads(tag.out)["_type"] == "Tag"
    post = cli("--sandbox", "show", "--type", "gallery", SEED_GALLERY_ALBUM_ID)
    assert post.code == 0 and post.out.startswith("<Gallery_album")


def test_show_a_listing_link_prints_its_items(cli: CLI) -> None:
    done = cli("--sandbox", "show", "https://imgur.com/r/aww")
    assert done.code == 0, done.err
    assert done.out.splitlines() and all(
        line.startswith("<Gallery_") for line in done.out.splitlines()
    )


def test_show_not_found_is_one_line_and_exit_1(cli: CLI) -> None:
    done = cli("--sandbox", "show", "https://imgur.com/NoSuchI")
    assert done.code == 1
    assert done.out == ""
    one_error_line(done.err, "not found: 404")
    gallery = cli("--sandbox", "show", "https://imgur.com/gallery/NoSuchG")
    assert gallery.code == 1
    one_error_line(gallery.err, "not found")


def test_show_bad_url_or_id_is_a_usage_error(cli: CLI) -> None:
    for target in ("https://example.com/AbC12dE", "imgur.com.evil.net/AbC12dE", "a/b"):
        done = cli("--sandbox", "show", target)
        assert done.code == 2, target
        one_error_line(done.err, "not an imgur URL")
    comment = cli("--sandbox", "show", "--type", "comment", "abc")
    assert comment.code == 2
    one_error_line(comment.err, "comment ids are numbers")
    short = cli("--sandbox", "show", "abc")
    assert short.code == 2
    one_error_line(short.err, "not an imgur image id")


def test_argument_errors_exit_2_with_usage(cli: CLI) -> None:
    done = cli("--sandbox", "show", "--type", "planet", SEED_IMAGE_ID)
    assert done.code == 2
    assert done.err.startswith("usage: pyimgur show")
    assert "invalid choice: 'planet'" in done.err
    nothing = cli()
    assert nothing.code == 2 and "usage: pyimgur" in nothing.err
    assert cli("--sandbox", "--base-url", "http://127.0.0.1:1/", "credits").code == 2
    assert cli("--sandbox-user", SEED_USER, "credits").code == 2
    unknown = cli("--sandbox", "--sandbox-user", "nobody", "credits")
    assert unknown.code == 2
    one_error_line(unknown.err, "the sandbox has no user 'nobody'")


def test_help_and_version(cli: CLI) -> None:
    helped = cli("--help")
    assert helped.code == 0 and "download" in helped.out and "--sandbox" in helped.out
    version = cli("--version")
    assert version.code == 0 and version.out.startswith("pyimgur ")


def test_no_credentials_says_what_is_missing(cli: CLI) -> None:
    done = cli("show", GALLERY_URL)
    assert done.code == 3
    one_error_line(done.err, "no Imgur client id")
    assert "IMGUR_CLIENT_ID" in done.err
    assert "registration" in done.err and "--sandbox" in done.err


# -- download ------------------------------------------------------------------------------------
def test_download_a_gallery_album_into_its_folder(cli: CLI, tmp_path: Path) -> None:
    dest = tmp_path / "pictures"
    dest.mkdir()
    url = f"https://imgur.com/gallery/{SEED_GALLERY_ALBUM_ID}"
    done = cli("--sandbox", "download", url, "--dest", str(dest))
    assert done.code == 0, done.err
    assert done.err == ""  # stderr is not a terminal: no progress bar
    paths = [Path(line) for line in done.out.splitlines()]
    assert len(paths) == 2
    assert all(p.parent.parent == dest and p.is_file() for p in paths)
    assert all(media.sniff(p.read_bytes()) is not None for p in paths)
    again = cli("--sandbox", "download", url, "--dest", str(dest))
    assert again.code == 1
    one_error_line(again.err, "")
    assert "already exists" in again.err
    forced = cli("--sandbox", "download", url, "--dest", str(dest), "--overwrite")
    assert forced.code == 0 and forced.out == done.out


def test_download_creates_a_missing_dest_as_the_library_does(cli: CLI, tmp_path: Path) -> None:
    dest = tmp_path / "new" / "folder"
    done = cli("--sandbox", "download", SEED_IMAGE_ID, "--dest", str(dest))
    assert done.code == 0, done.err
    saved = Path(done.out.strip())
    assert saved.parent == dest and saved.is_file()


def test_download_an_image_and_a_thumbnail(cli: CLI) -> None:
    full = cli("--sandbox", "download", f"https://i.imgur.com/{SEED_IMAGE_ID}.png")
    assert full.code == 0, full.err
    original = Path(full.out.strip())
    assert original.parent == cli.cwd and original.suffix == ".png"
    thumb = cli("--sandbox", "download", SEED_IMAGE_ID, "--size", "small_square")
    assert thumb.code == 0, thumb.err
    small = Path(thumb.out.strip())
    assert small != original and "small_square" in small.name
    sniffed = media.sniff(small.read_bytes())
    assert sniffed is not None and (sniffed.width, sniffed.height) == (90, 90)


def test_download_errors(cli: CLI, tmp_path: Path) -> None:
    user = cli("--sandbox", "download", "https://imgur.com/user/adalovelace")
    assert user.code == 2
    one_error_line(user.err, "https://imgur.com/user/adalovelace is a User")
    a_file = tmp_path / "a-file"
    a_file.write_bytes(b"not a folder")
    refused = cli("--sandbox", "download", SEED_IMAGE_ID, "--dest", str(a_file))
    assert refused.code == 2
    one_error_line(refused.err, "--dest is not a folder")
    under = cli("--sandbox", "download", SEED_IMAGE_ID, "--dest", str(a_file / "sub"))
    assert under.code == 2
    one_error_line(under.err, f"--dest {a_file / 'sub'} cannot be a folder")
    gone = cli("--sandbox", "download", "https://imgur.com/a/NoSuchA")
    assert gone.code == 1
    one_error_line(gone.err, "not found")
    both = cli("--sandbox", "download", SEED_IMAGE_ID, "--size", "big_square", "--video")
    assert both.code == 2
    assert list(cli.cwd.iterdir()) == []


# -- upload ------------------------------------------------------------------------------------
def _files(folder: Path) -> tuple[Path, Path]:
    png = folder / "cat.png"
    gif = folder / "dog.gif"
    png.write_bytes(media.png(30, 20))
    gif.write_bytes(media.gif(10, 10))
    return png, gif


def test_upload_prints_each_link_and_deletehash(cli: CLI) -> None:
    png, gif = _files(cli.cwd)
    done = cli("--sandbox", "upload", str(png), str(gif), "--title", "Pets")
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("https://i.imgur.com/") and lines[0].endswith(
        lines[0].split("deletehash: ")[1]
    )
    assert lines[0].split()[0].endswith(".png") and lines[1].split()[0].endswith(".gif")
    assert all(len(line.split("deletehash: ")[1]) == 15 for line in lines)


def test_upload_into_a_new_album_as_json(cli: CLI) -> None:
    png, gif = _files(cli.cwd)
    done = cli("--sandbox", "upload", str(png), str(gif), "--new-album", "Pets", "--json")
    assert done.code == 0, done.err
    data = json.loads(done.out)
    assert len(data["images"]) == 2
    assert data["album"]["link"] == f"https://imgur.com/a/{data['album']['id']}"
    assert data["album"]["deletehash"]


def test_upload_into_an_anonymous_album_by_deletehash(cli: CLI) -> None:
    png, _ = _files(cli.cwd)
    done = cli("--sandbox", "upload", str(png), "--album", SEED_ANON_ALBUM_DELETEHASH)
    assert done.code == 0, done.err
    assert len(done.out.splitlines()) == 1


def test_upload_errors(cli: CLI) -> None:
    png, _ = _files(cli.cwd)
    missing = cli("--sandbox", "upload", str(png), "nope.png")
    assert missing.code == 2 and missing.out == ""
    one_error_line(missing.err, "no such file: nope.png")
    text = cli.cwd / "notes.txt"
    text.write_text("not an image")
    refused = cli("--sandbox", "upload", str(text))
    assert refused.code == 1
    one_error_line(refused.err, "Imgur refused: 400")
    both = cli("--sandbox", "upload", str(png), "--album", "x", "--new-album", "y")
    assert both.code == 2 and "not allowed with argument" in both.err


# -- gallery, credits ------------------------------------------------------------------------------
def test_gallery_lists_posts(cli: CLI) -> None:
    done = cli("--sandbox", "gallery", "--limit", "3")
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert len(lines) == 3
    for line in lines:
        fields = line.split()
        assert fields[1] in ("image", "album")
        assert fields[-1].startswith("https://")
    as_json = cli("--sandbox", "gallery", "--section", "top", "--window", "week",
                  "--limit", "2", "--json")
    assert as_json.code == 0, as_json.err
    posts = json.loads(as_json.out)
    assert len(posts) == 2 and all(p["_type"].startswith("Gallery_") for p in posts)
    bad = cli("--sandbox", "gallery", "--limit", "0")
    assert bad.code == 2 and "must be 1 or more" in bad.err


def test_credits(cli: CLI) -> None:
    done = cli("--sandbox", "credits")
    assert done.code == 0, done.err
    keys = [line.split()[0] for line in done.out.splitlines()]
    assert keys[:5] == ["UserLimit", "UserRemaining", "UserReset", "ClientLimit",
                        "ClientRemaining"]
    as_json = json.loads(cli("--sandbox", "credits", "--json").out)
    assert as_json["ClientLimit"] == 12500


# -- repl, auth, logging -------------------------------------------------------------------------
def test_repl_plain_has_im_ready(cli: CLI) -> None:
    code = f"print('title:', im.get_image('{SEED_IMAGE_ID}').title)\nprint(type(sandbox))\n"
    done = cli("--sandbox", "repl", "--plain", input=code)
    assert done.code == 0, done.err
    assert "title: A blue square" in done.out
    assert "FakeImgur" in done.out


def test_repl_as_a_sandbox_user(cli: CLI) -> None:
    code = "print('me:', im.get_current_user(fetch=True).name)\n"
    done = cli("--sandbox", "--sandbox-user", "gracehopper", "repl", "--plain", input=code)
    assert done.code == 0, done.err
    assert "me: gracehopper" in done.out


def test_auth_refuses_the_sandbox(cli: CLI) -> None:
    done = cli("--sandbox", "auth")
    assert done.code == 2
    one_error_line(done.err, "auth stores real tokens")
    assert not cli.config_file.exists()


def test_verbose_logs_requests_but_no_token(cli: CLI) -> None:
    done = cli("--sandbox", "--sandbox-user", SEED_USER, "-v", "show", SEED_IMAGE_ID)
    assert done.code == 0, done.err
    assert f"GET /3/image/{SEED_IMAGE_ID} -> 200" in done.err
    no_secret_in([done.out, done.err], [SEED_ACCESS_TOKEN, SEED_REFRESH_TOKEN,
                                        SEED_CLIENT_SECRET])
