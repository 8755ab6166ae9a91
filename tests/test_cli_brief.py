"""``walk --brief PATH``: a path that cannot be written is refused before any question is
asked, in the words writing there would give, whatever part of the path is wrong (not
only the folder that would hold the brief: its parent, or any folder above)."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pathways.brief_file import brief_targets, problem_with
from pathways.private_file import write_private_files
from tests.fixture_packs import VALID

LONG = "n" * 300  # longer than a name may be (255 bytes on the file systems tests run on)

# (PATH as typed, what --brief says, what writing there raises) for each way a part of
# the path above the brief can be wrong; {t} is the folder the test runs in.
CASES = [
    ("gone/deeper/case", "there is no folder {t}/gone/deeper: {t}/gone is not there",
     errno.ENOENT),
    ("gone/case", "there is no folder {t}/gone", errno.ENOENT),
    ("afile/sub/case", "there is no folder {t}/afile/sub: {t}/afile is a file, not a folder",
     errno.ENOTDIR),
    ("afile/sub/deeper/", "there is no folder {t}/afile/sub/deeper: {t}/afile is a file, "
     "not a folder", errno.ENOTDIR),
    ("afile/case", "{t}/afile is not a folder: it is a file", errno.ENOTDIR),
    ("loop/sub/case", "the folder {t}/loop/sub cannot be reached: {t}/loop is a loop of "
     "symbolic links (a link that leads back to itself)", errno.ELOOP),
    ("dangling/sub/case", "there is no folder {t}/dangling/sub: {t}/dangling is a symbolic "
     "link to nothing (its target is not there)", errno.ENOENT),
    ("dangling/case", "{t}/dangling is a symbolic link to nothing (its target is not there)",
     errno.ENOENT),
    (f"{LONG}/sub/case", f"there is no folder {{t}}/{LONG}/sub: the name {LONG} is too long "
     "(300 bytes; at most 255)", errno.ENAMETOOLONG),
]
IDS = [typed.replace(LONG, "LONG") for typed, _, _ in CASES]


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    """A folder holding a file, a link to itself, a link to nothing and a folder with
    a folder in it that nobody may open (mode 000; put back afterwards)."""
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "dangling").symlink_to("nowhere")
    (tmp_path / "locked" / "sub").mkdir(parents=True)
    (tmp_path / "locked").chmod(0)
    try:
        yield tmp_path
    finally:
        (tmp_path / "locked").chmod(0o700)


def _tree(folder: Path) -> list[str]:
    return sorted(str((Path(top) / name).relative_to(folder))
                  for top, dirs, files in os.walk(folder) for name in dirs + files)


def _as_an_ordinary_user() -> list[str]:
    """What runs a command without root's right to open any folder: nothing for an
    ordinary user; for root, setpriv dropping that right (skips where it cannot)."""
    if os.geteuid() != 0:
        return []
    drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    if shutil.which("setpriv") is None or subprocess.run(
        [*drop, "true"], capture_output=True, check=False
    ).returncode != 0:
        pytest.skip("root opens any folder, and setpriv cannot drop that here")
    return drop


def _walk_with_brief(folder: Path, typed: str, *prefix: str) -> subprocess.CompletedProcess[str]:
    """An interactive walk (answers typed on standard input) asked to save its brief at
    ``typed``: a question asked would be printed on standard output."""
    return subprocess.run(
        [*prefix, sys.executable, "-m", "pathways", "--rules", str(VALID), "walk",
         "--interactive", "--brief", typed, "--yes"],
        capture_output=True, text=True, timeout=30, input="1\n" * 8, cwd=folder, check=False,
    )


@pytest.mark.parametrize(("typed", "says", "raised"), CASES, ids=IDS)
def test_brief_where_a_folder_above_is_wrong_is_refused_before_any_question(
    folder: Path, typed: str, says: str, raised: int
) -> None:
    before = _tree(folder)
    result = _walk_with_brief(folder, typed)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""  # no question was asked
    assert result.stderr == f"pathways: error: --brief: {says.format(t=folder)}\n"
    assert _tree(folder) == before


def test_brief_below_a_folder_nobody_may_open_is_refused_before_any_question(
    folder: Path,
) -> None:
    result = _walk_with_brief(folder, "locked/sub/case", *_as_an_ordinary_user())
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr == (f"pathways: error: --brief: the folder {folder}/locked/sub cannot "
                             f"be reached: {folder}/locked cannot be opened (permission "
                             "denied)\n")


def test_a_brief_that_can_be_written_is_saved_after_the_questions(tmp_path: Path) -> None:
    """The other side: a path whose folders are all there asks the questions and saves."""
    (tmp_path / "cases" / "2017").mkdir(parents=True)
    result = _walk_with_brief(tmp_path, "cases/2017/case")
    assert result.returncode == 0, result.stderr
    assert result.stdout != ""
    assert sorted(p.name for p in (tmp_path / "cases" / "2017").iterdir()) == [
        "case.json", "case.md"]


@pytest.mark.parametrize(("typed", "says", "raised"), CASES, ids=IDS)
def test_the_check_before_the_walk_is_what_writing_there_finds(
    folder: Path, monkeypatch: pytest.MonkeyPatch, typed: str, says: str, raised: int
) -> None:
    """The up-front check and the write agree: each path it refuses, writing there
    fails with the reason it gives (and leaves nothing), as the final save would."""
    monkeypatch.chdir(folder)
    targets = brief_targets(typed)
    assert problem_with(targets) == says.format(t=folder)
    before = _tree(folder)
    with pytest.raises(OSError) as failed:
        write_private_files(dict.fromkeys(targets, "brief"))
    assert failed.value.errno == raised
    assert _tree(folder) == before


def test_a_path_longer_than_the_system_takes_is_refused_as_writing_it_would_be(
    tmp_path: Path,
) -> None:
    """Each name fits, but the whole path with the temporary file's part does not: the
    check says so exactly where writing starts to fail."""
    if os.pathconf("/", "PC_PATH_MAX") != 4096:
        pytest.skip("the lengths below are Linux's (a path of at most 4095 bytes)")
    deep = tmp_path
    while len(os.fsencode(deep)) < 3800:
        deep /= "d" * 200
    deep /= "e" * (4020 - len(os.fsencode(deep)) - 1)  # 4020 bytes: 55 left for the name
    deep.mkdir(parents=True)
    assert len(os.fsencode(deep)) == 4020
    verdicts = []
    for length in range(45, 65):
        targets = brief_targets(str(deep / ("n" * length)))
        why = problem_with(targets)
        try:
            write_private_files(dict.fromkeys(targets, "brief"))
        except OSError as error:
            assert error.errno == errno.ENAMETOOLONG
            written = False
        else:
            written = True
            for target in targets:
                target.unlink()
        assert (why is None) == written, (length, why)
        assert why is None or why.startswith("the path is too long for this system (")
        verdicts.append(written)
    assert True in verdicts and False in verdicts  # the limit is inside the range tried


SHOWN_ALIKE = [(case, name) for case, name in zip(CASES, IDS, strict=True)
               if not name.startswith("dangling")]


@pytest.mark.parametrize(("typed", "says", "raised"), [c for c, _ in SHOWN_ALIKE],
                         ids=[name for _, name in SHOWN_ALIKE])
def test_the_export_dialog_refuses_the_same_paths_in_the_same_words(
    folder: Path, typed: str, says: str, raised: int
) -> None:
    """The app's export dialog checks a typed path with the same function (it shows the
    path with its links resolved, so a link to nothing is said as the folder it names)."""
    from pathways.tui.brief_export import Refusal, resolve

    said = says.format(t=folder)
    assert resolve(typed, folder) == Refusal(f"{said[0].upper()}{said[1:]}.")
