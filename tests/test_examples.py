"""Every example in README.md, docs/*.md and every command's --help runs as written.

An example is a line of a ```sh block in the Markdown (a heredoc or a line ending in
``\\`` continues it), or a line under "example:" at the end of a ``--help``. Each runs
in a shell, against the shipped rule pack, in a fresh folder that holds what the docs
take for granted of a checkout (a copy of ``docs/``, and the seeds at ``../shared/seeds``
when this checkout has them), with an empty HOME. Each
example runs alone, as a reader who copies one line would run it (nothing an earlier
line wrote is there), and passes only when it exits 0.

Examples that wait for a person (INTERACTIVE: the app, the tour, the walk that asks)
run with no terminal, to where they would wait: the reading of their arguments and
folders is checked, and they must stop with the exit code and words listed. ``pathways
serve`` examples have their arguments read. Only the examples in SKIPPED are not run:
the test suite itself, benchmarks, and installs from the package index, each saying
why. Both lists are checked both ways: an entry that no longer matches an example
fails, so it cannot hide a new one.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from pathways.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

# The reviewed list of examples not run, with why: the command as written, without its comment.
SKIPPED = {
    "./scripts/run.sh": "opens the terminal app and waits for keys",
    "./scripts/test.sh": "runs this whole test suite",
    ".venv/bin/python tests/benchmarks/run_all.py": "the benchmarks: 10-15 minutes",
    ".venv/bin/python tests/benchmarks/run_all.py --ratios": "a benchmark: a minute of CPU",
    ".venv/bin/python tests/benchmarks/bench_validate.py": "a benchmark: minutes",
    ".venv/bin/python tests/benchmarks/bench_tui.py": "a benchmark: minutes",
    ".venv/bin/python tests/benchmarks/bench_quotes.py": "a benchmark: validates a 1 MB "
    "source three times",
    ".venv/bin/python tests/benchmarks/bench_serve.py": "a benchmark: starts a server and "
    "30 app processes",
    ".venv/bin/python tests/benchmarks/run_all.py --part quotes 3": "a benchmark part: "
    "validates a 1 MB source three times",
    ".venv/bin/python tests/benchmarks/run_all.py --part serve 30": "a benchmark part: "
    "starts a server and 30 app processes",
    "pip install asylum-pathways": "downloads from the package index and changes the "
    "environment (tests/test_packaging.py installs the built package offline)",
    "pip install 'asylum-pathways[serve]'": "downloads from the package index and changes "
    "the environment",
}
# Examples that wait for a person (keys, answers): run with no terminal (standard input
# empty, not a terminal), which shows they get past the reading of their arguments and
# folders to where they would wait, and stop there: (why, exit code, words said).
NO_TERMINAL = "the full-screen app needs a terminal"
INTERACTIVE = {
    "pathways": ("opens the terminal app", 1, NO_TERMINAL),
    "pathways tui": ("opens the terminal app", 1, NO_TERMINAL),
    "pathways tui --high-contrast": ("opens the terminal app", 1, NO_TERMINAL),
    "pathways tui --export-dir .": ("opens the terminal app (tests/tui/test_export_dialog.py "
                                    "drives --export-dir)", 1, NO_TERMINAL),
    "pathways tour catch-22": ("presents the tour full screen", 1, NO_TERMINAL),
    "pathways tour catch-22 --presenter": ("presents the tour full screen "
                                           "(tests/test_tour_cli.py runs it in a "
                                           "pseudo-terminal)", 1, NO_TERMINAL),
    "pathways walk": ("asks questions", 3, "stopped: question 'location' has no answer"),
    "pathways walk --full": ("asks questions", 3, "stopped: question 'location' has no answer"),
    # past the folder check (a missing folder would say so): it asks before saving
    "pathways walk --brief ~/": ("asks questions, then whether to save", 2,
                                 "--brief without a terminal to confirm on"),
}
# `pathways serve ...` serves until stopped: its arguments are read (argparse), not run.
SERVES = "pathways serve"
NEEDS_SEEDS = "../shared/seeds"  # the source texts: not shipped, present in this project only

_FENCE = re.compile(r"^```(\S*)\s*$")
_COMMAND = re.compile(r"^(pathways|\./scripts/|\.venv/bin/)(\s|$)")
_HEREDOC = re.compile(r"<<-?\s*'?\"?(\w+)'?\"?")


@dataclass(frozen=True)
class Example:
    where: str  # "README.md:57" or "pathways walk --help"
    command: str  # as written, comment included

    @property
    def bare(self) -> str:
        """The command without its trailing comment, for the skip list."""
        return re.sub(r"\s+#[^'\"]*$", "", self.command.splitlines()[0]).strip()

    def __str__(self) -> str:
        return f"{self.where}: {self.bare}"


def _commands(lines: list[str]) -> list[tuple[int, str]]:
    """Shell lines joined into commands (continuations, heredocs), with their line offsets."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        start, text = i, lines[i]
        while text.endswith("\\") and i + 1 < len(lines):
            i += 1
            text += "\n" + lines[i]
        heredoc = _HEREDOC.search(text)
        if heredoc:
            while i + 1 < len(lines):
                i += 1
                text += "\n" + lines[i]
                if lines[i].strip() == heredoc.group(1):
                    break
        i += 1
        if text.strip() and not text.lstrip().startswith("#"):
            out.append((start, text))
    return out


def markdown_examples(path: Path) -> list[Example]:
    examples: list[Example] = []
    block: list[str] | None = None
    first = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        fence = _FENCE.match(line)
        if fence and block is None:
            block = [] if fence.group(1) in ("sh", "shell", "bash", "console") else None
            first = number + 1
            if block is None:  # another kind of block: skip to its end
                block = ["<not shell>"]
            continue
        if fence and block is not None:
            if block[:1] != ["<not shell>"]:
                for offset, command in _commands(block):
                    name = f"{path.relative_to(ROOT)}:{first + offset}"
                    examples.append(Example(name, command))
            block = None
            continue
        if block is not None:
            block.append(line)
    return examples


def unlabelled_commands(path: Path) -> list[str]:
    """Lines that look like commands inside fenced blocks not marked ``sh``."""
    found, label = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        fence = _FENCE.match(line)
        if fence:
            label = fence.group(1) if label is None else None
            continue
        shell = label in ("sh", "shell", "bash", "console")
        if label is not None and not shell and _COMMAND.match(line):
            found.append(f"{path.relative_to(ROOT)}: {line}")
    return found


def help_examples() -> list[Example]:
    parser = build_parser()
    commands: list[list[str]] = [[]]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            commands += [[name] for name in action.choices]
    examples = []
    for argv in commands:
        text = (parser if not argv else _subparser(parser, argv[0])).format_help()
        lines = text.splitlines()
        if "example:" in lines:
            start = lines.index("example:") + 1
            for line in lines[start:]:
                if line.startswith("  ") and line.strip():
                    examples.append(Example(f"pathways {' '.join(argv)} --help".replace("  ", " "),
                                            line.strip()))
    return examples


def _subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found: argparse.ArgumentParser = action.choices[name]
            return found
    raise AssertionError(name)


ALL = [e for doc in DOCS for e in markdown_examples(doc)] + help_examples()
RUN = [e for e in ALL if e.bare not in SKIPPED and e.bare not in INTERACTIVE
       and not e.bare.startswith(SERVES)]
WAITING = [e for e in ALL if e.bare in INTERACTIVE]
SERVING = [e for e in ALL if e.bare.startswith(SERVES)]


@pytest.fixture
def checkout(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A fresh folder laid out as the docs assume, and an environment with an empty HOME."""
    cwd = tmp_path / "work" / "asylum-pathways"
    cwd.mkdir(parents=True)
    shutil.copytree(ROOT / "docs", cwd / "docs")
    if SEEDS.is_dir():
        (tmp_path / "work" / "shared").mkdir()
        (tmp_path / "work" / "shared" / "seeds").symlink_to(SEEDS)
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "HOME": str(home),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}/usr/bin{os.pathsep}/bin",
        "LANG": "C.UTF-8",
        "TMPDIR": str(tmp_path),
        "PIP_NO_INDEX": "1",  # an example that would download fails here instead
        "PIP_NO_INPUT": "1",
    }
    return cwd, env


def test_every_doc_and_help_has_examples_and_every_skip_names_one() -> None:
    assert len(RUN) >= 12, [str(e) for e in ALL]
    assert {e.where.split(":")[0] for e in ALL} >= {"README.md", "pathways walk --help"}
    unused = (set(SKIPPED) | set(INTERACTIVE)) - {e.bare for e in ALL}
    assert not unused, f"skip list entries that match no example any more: {sorted(unused)}"


def test_no_command_hides_in_a_block_not_marked_sh() -> None:
    found = [line for doc in DOCS for line in unlabelled_commands(doc)]
    assert not found, "mark these blocks ```sh so their examples are run:\n" + "\n".join(found)


@pytest.mark.parametrize("example", RUN, ids=str)
def test_example_runs_as_written(example: Example, checkout: tuple[Path, dict[str, str]]) -> None:
    cwd, env = checkout
    if NEEDS_SEEDS in example.command and not SEEDS.is_dir():
        pytest.skip("no ../shared/seeds beside this checkout (the source texts are not shipped)")
    result = subprocess.run(
        ["bash", "-c", example.command],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, (
        f"{example.where}\n$ {example.command}\nexit {result.returncode}, expected 0\n"
        f"{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    )
    assert "Traceback" not in result.stderr


def _run_example(command: str, checkout: tuple[Path, dict[str, str]]
                 ) -> subprocess.CompletedProcess[str]:
    cwd, env = checkout
    return subprocess.run(
        ["bash", "-c", command], cwd=cwd, env={**env, "TERM": "xterm-256color"},
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, check=False,
    )


@pytest.mark.parametrize("example", WAITING, ids=str)
def test_example_that_waits_for_a_person_gets_as_far_as_waiting(
    example: Example, checkout: tuple[Path, dict[str, str]]
) -> None:
    _, code, says = INTERACTIVE[example.bare]
    result = _run_example(example.command, checkout)
    assert "Traceback" not in result.stderr
    assert (result.returncode, says in result.stderr) == (code, True), (
        f"{example.where}\n$ {example.command}\nexit {result.returncode}\n{result.stderr}"
    )
    assert list((checkout[0].parent.parent / "home").iterdir()) == []  # nothing written


@pytest.mark.parametrize("example", SERVING, ids=str)
def test_serve_example_arguments_are_read(example: Example) -> None:
    argv = shlex.split(example.bare)[1:]
    args = build_parser().parse_args(argv)
    assert args.command == "serve" and args.host.strip()
    from pathways.serve import host_problem

    assert host_problem(args.host) is None  # no wildcard: a browser could not open it


# ---- the command tables (README.md, docs/package-index.md) ------------------------------

_SPAN = re.compile(r"`([^`]+)`")
TABLES = [ROOT / "README.md", ROOT / "docs" / "package-index.md"]


@dataclass(frozen=True)
class Synopsis:
    where: str
    words: list[str]  # `pathways CMD ...` of the first cell, then the row's `--option ...` spans

    def __str__(self) -> str:
        return f"{self.where}: {' '.join(self.words)}"


def table_synopses(path: Path) -> list[Synopsis]:
    """Each row of a command table: its command, and the options the row names."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.startswith("| `pathways"):
            continue
        spans = [s.replace("\\|", "|") for s in _SPAN.findall(line.replace("\\|", "|"))]
        words = spans[0].split()
        for span in spans[1:]:
            if span.startswith("--"):
                words += span.split()
        found.append(Synopsis(f"{path.relative_to(ROOT)}:{number}", words))
    return found


SYNOPSES = [s for path in TABLES for s in table_synopses(path)]


def test_both_command_tables_are_read() -> None:
    where = {s.where.split(":")[0] for s in SYNOPSES}
    assert where == {"README.md", "docs/package-index.md"}
    assert len(SYNOPSES) >= 16


@pytest.mark.parametrize("synopsis", SYNOPSES, ids=str)
def test_every_option_a_command_table_names_is_the_commands_with_its_placeholder(
    synopsis: Synopsis,
) -> None:
    parser = build_parser()
    words = [w.strip("[]") for w in synopsis.words[1:] if w.strip("[]") not in ("", "...")]
    target = parser
    if words and not words[0].startswith("-"):
        target = _subparser(parser, words.pop(0))  # the sub-command: it must exist
    options = {**parser._option_string_actions, **target._option_string_actions}
    while words:
        word = words.pop(0)
        if not word.startswith("--"):
            continue  # a positional placeholder (DIR, NAME)
        assert word in options, f"{synopsis}: no option {word}"
        action = options[word]
        if action.nargs == 0 or not words or words[0].startswith("-"):
            continue
        value = words.pop(0)
        if value.isupper() or "=" in value:  # a placeholder: the one --help shows
            assert value == (action.metavar or action.dest.upper()), (
                f"{synopsis}: {word} {value}, but --help says {word} "
                f"{action.metavar or action.dest.upper()}"
            )
        else:
            assert action.choices is not None and set(value.split("|")) <= set(action.choices)
