"""`pyimgur download` of albums (one bar, --skip-existing, --workers), a single
image's path printed after its bar, and `pyimgur upload` of many files."""

from __future__ import annotations

import io
import json
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from pyimgur.cli import main
from pyimgur.testing import SEED_GALLERY_ALBUM_ID, SEED_IMAGE_ID, media

from .conftest import CLI

ALBUM_URL = f"https://imgur.com/gallery/{SEED_GALLERY_ALBUM_ID}"


class Events:
    """One ordered log shared by the fake bar and the output streams."""

    def __init__(self) -> None:
        self.log: list[str] = []


class Terminal(io.StringIO):
    def __init__(self, events: Events, name: str) -> None:
        super().__init__()
        self.events, self.name = events, name

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if text.strip():
            self.events.log.append(f"{self.name}:{text.strip()}")
        return super().write(text)


def _fake_tqdm(events: Events) -> Any:
    class FakeTqdm:
        made: list[Any] = []

        def __init__(self, **options: Any) -> None:
            self.options, self.total, self.n, self.postfix = options, options["total"], 0, ""
            FakeTqdm.made.append(self)
            events.log.append("bar:open")

        def update(self, step: int) -> None:
            self.n += step

        def set_postfix_str(self, text: str, refresh: bool = True) -> None:
            self.postfix = text

        def close(self) -> None:
            events.log.append("bar:close")

    return FakeTqdm


def _run_in_process(argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                    ) -> tuple[int, Events, Any]:
    events = Events()
    fake_tqdm = _fake_tqdm(events)
    monkeypatch.setitem(sys.modules, "tqdm", types.SimpleNamespace(tqdm=fake_tqdm))
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    code = main(argv, env=env, stdin=io.StringIO(""), stdout=Terminal(events, "out"),
                stderr=Terminal(events, "err"))
    return code, events, fake_tqdm


def test_single_image_path_printed_after_the_bar_closes(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    code, events, _ = _run_in_process(
        ["--sandbox", "download", SEED_IMAGE_ID, "--dest", str(tmp_path)], tmp_path, monkeypatch)
    assert code == 0
    (printed,) = [e for e in events.log if e.startswith("out:")]
    assert events.log.index("bar:close") < events.log.index(printed)
    assert Path(printed[4:]).is_file()


def test_an_album_has_one_bar_for_files_and_bytes(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    code, events, fake_tqdm = _run_in_process(
        ["--sandbox", "download", ALBUM_URL, "--dest", str(tmp_path), "--workers", "2"],
        tmp_path, monkeypatch)
    assert code == 0
    (bar,) = fake_tqdm.made
    paths = [Path(e[4:]) for e in events.log if e.startswith("out:")]
    size = sum(p.stat().st_size for p in paths)
    assert len(paths) == 2 and bar.options["unit"] == "B"
    assert bar.total == size and bar.n == size and bar.postfix == "2/2 files"
    assert events.log.index("bar:close") < events.log.index(f"out:{paths[0]}")


def test_skip_existing_resumes_an_album(cli: CLI, tmp_path: Path) -> None:
    dest = tmp_path / "pictures"
    dest.mkdir()
    first = cli("--sandbox", "download", ALBUM_URL, "--dest", str(dest))
    assert first.code == 0, first.err
    paths = [Path(line) for line in first.out.splitlines()]
    paths[1].unlink()
    stopped = cli("--sandbox", "download", ALBUM_URL, "--dest", str(dest))
    assert stopped.code == 1 and "already exists" in stopped.err
    assert not paths[1].exists()
    resumed = cli("--sandbox", "download", ALBUM_URL, "--dest", str(dest), "--skip-existing",
                  "--workers", "1")
    assert resumed.code == 0, resumed.err
    assert resumed.out == first.out and paths[1].is_file()
    assert media.sniff(paths[1].read_bytes()) is not None
    image = cli("--sandbox", "download", SEED_IMAGE_ID, "--dest", str(dest))
    again = cli("--sandbox", "download", SEED_IMAGE_ID, "--dest", str(dest), "--skip-existing")
    assert again.code == 0 and again.out == image.out
    both = cli("--sandbox", "download", ALBUM_URL, "--skip-existing", "--overwrite")
    assert both.code == 2 and "not allowed with argument" in both.err
    bad = cli("--sandbox", "download", ALBUM_URL, "--workers", "0")
    assert bad.code == 2


def test_upload_many_files_in_order_into_a_new_album(cli: CLI) -> None:
    names = []
    for k in range(5):
        path = cli.cwd / f"pic{k}.png"
        path.write_bytes(media.png(10 + k, 10))
        names.append(str(path))
    done = cli("--sandbox", "upload", *names, "--new-album", "Five", "--workers", "3", "--json")
    assert done.code == 0, done.err
    report = json.loads(done.out)
    assert len(report["images"]) == 5 and report["album"]["id"]
    assert all(i["deletehash"] for i in report["images"])
    text = cli("--sandbox", "upload", *names, "--workers", "2")
    assert text.code == 0 and len(text.out.splitlines()) == 5
