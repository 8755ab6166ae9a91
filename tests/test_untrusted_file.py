"""Reading files from a folder someone else made: regular files only, bounded, inside it."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from pathways.core.load import load_pack
from pathways.core.untrusted_file import Refused, read_untrusted
from tests.hostile_packs import BASE_PACK


def _refusal(path: Path, limit: int = 100, folder: Path | None = None) -> str:
    with pytest.raises(Refused) as refused:
        read_untrusted(path, limit, folder=folder)
    return refused.value.code


def _within(seconds: float, action: object) -> None:
    """Run ``action`` in a thread and fail (rather than hang) if it takes longer."""
    assert callable(action)
    done = threading.Event()
    errors: list[BaseException] = []

    def run() -> None:
        try:
            action()
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            done.set()

    threading.Thread(target=run, daemon=True).start()
    assert done.wait(seconds), f"still reading after {seconds} s"
    if errors:
        raise errors[0]


def test_a_fifo_is_refused_at_once_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    _within(2, lambda: _refusal(tmp_path / "pipe.yaml", folder=tmp_path))
    assert _refusal(tmp_path / "pipe.yaml", folder=tmp_path) == "not-a-regular-file"


def test_a_device_is_refused_without_reading_it() -> None:
    _within(2, lambda: _refusal(Path("/dev/zero")))
    assert _refusal(Path("/dev/zero")) == "not-a-regular-file"
    assert _refusal(Path("/dev/zero"), folder=Path("/dev")) == "not-a-regular-file"


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    assert _refusal(tmp_path) == "not-a-regular-file"


def test_never_more_than_the_limit_is_read(tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_bytes(b"x" * 101)
    (tmp_path / "fits.yaml").write_bytes(b"x" * 100)
    assert _refusal(tmp_path / "big.yaml") == "file-too-large"
    assert read_untrusted(tmp_path / "fits.yaml", 100) == b"x" * 100


def test_a_file_whose_size_is_not_known_in_advance_is_cut_at_the_limit() -> None:
    """Files under /proc report size 0 and may be any length: the reading stops anyway."""
    with pytest.raises(Refused) as refused:
        read_untrusted(Path("/proc/self/maps"), 10)
    assert refused.value.code == "file-too-large"


def test_a_link_out_of_the_folder_is_refused_and_not_read(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (tmp_path / "secret").write_text("secret: 1\n")
    (pack / "a.yaml").symlink_to(tmp_path / "secret")
    (pack / "b.yaml").symlink_to("../secret")
    assert _refusal(pack / "a.yaml", folder=pack) == "outside-pack"
    assert _refusal(pack / "b.yaml", folder=pack) == "outside-pack"


def test_a_link_to_a_file_inside_the_folder_is_read_as_that_file(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("words")
    (tmp_path / "alias.yaml").symlink_to("real.txt")
    assert read_untrusted(tmp_path / "alias.yaml", 100, folder=tmp_path) == b"words"


def test_a_folder_named_like_the_pack_but_beside_it_is_outside(tmp_path: Path) -> None:
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack-evil").mkdir()
    (tmp_path / "pack-evil" / "x").write_text("x")
    (tmp_path / "pack" / "x.yaml").symlink_to(tmp_path / "pack-evil" / "x")
    assert _refusal(tmp_path / "pack" / "x.yaml", folder=tmp_path / "pack") == "outside-pack"


def test_an_unreadable_folder_is_reported_as_unreadable_not_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(Simulated: the tests may run as root, whom permissions do not stop.)"""
    (tmp_path / "pack.yaml").write_text(BASE_PACK)
    real_scandir = os.scandir

    def refuse(path: object = ".") -> object:
        if Path(str(path)) == tmp_path:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", refuse)
    result = load_pack(tmp_path)
    assert [(p.file, p.code, p.message) for p in result.problems] == [
        (str(tmp_path), "unreadable-folder", "cannot read this folder: Permission denied")
    ]


def test_an_unreadable_sub_folder_is_reported_and_the_rest_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pack.yaml").write_text(BASE_PACK)
    (tmp_path / "more").mkdir()
    real_scandir = os.scandir

    def refuse(path: object = ".") -> object:
        if Path(str(path)) == tmp_path / "more":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", refuse)
    result = load_pack(tmp_path)
    assert result.graph is not None
    assert [(p.file, p.code) for p in result.problems] == [
        (str(tmp_path / "more"), "unreadable-folder")
    ]


def test_a_socket_is_refused(tmp_path: Path) -> None:
    import socket

    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "sock.yaml"))
        assert _refusal(tmp_path / "sock.yaml", folder=tmp_path) == "not-a-regular-file"


def test_a_loop_of_links_is_named_as_one_with_its_fix(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    with pytest.raises(Refused) as refused:
        read_untrusted(tmp_path / "a.yaml", 100, folder=tmp_path)
    assert "loop of symbolic links" in refused.value.message
    assert "replace the link" in refused.value.hint
