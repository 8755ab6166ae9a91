"""Bad command-line input: a one-line error and exit 2 (or 1 for bad rules), never a traceback.

The named cases are the ones an outside probe found; the hypothesis test throws
arbitrary mixes of every sub-command's options and hostile values at ``main()``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.cli import build_parser, main
from tests.fixture_packs import SOURCES, VALID


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pathways", *args],
        capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
    )


def _usage_error(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert words in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) <= 3, result.stderr


@pytest.mark.parametrize("port", ["70000", "-1", "0", "99999999999999999999999", "http"])
def test_serve_refuses_a_port_out_of_range(port: str) -> None:
    _usage_error(run("serve", "--port", port), "a port is a number from 1 to 65535")


def test_serve_refuses_an_empty_host_name_rather_than_listening_everywhere() -> None:
    _usage_error(run("serve", "--host", ""), "the --host name is empty")


def test_docs_out_a_path_that_cannot_be_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    _usage_error(run("docs", "--out", "/proc/nope"), "cannot write the documents in /proc/nope:")
    _usage_error(run("docs", "--out", "/dev/null"), "--out /dev/null is not a folder")
    _usage_error(run("docs", "--out", ""), "the --out folder name is empty")


def test_an_empty_rules_folder_name_is_not_the_shipped_pack() -> None:
    _usage_error(run("validate", ""), "the rules folder name is empty")
    _usage_error(run("--rules", "", "walk"), "the rules folder name is empty")
    _usage_error(run("validate", "--sources", ""), "the sources folder name is empty")
    _usage_error(run("tui", "--export-dir", ""), "the --export-dir folder name is empty")


def test_an_empty_route_and_an_unknown_route_are_the_same_usage_error() -> None:
    empty = run("walk", "--route", "", "--no-interactive")
    unknown = run("walk", "--route", "nosuch", "--no-interactive")
    _usage_error(empty, "no route ''")
    _usage_error(unknown, "no route 'nosuch'")


# -- hypothesis: every sub-command, any mix of its options and hostile values ---------

VALUES = [
    "", " ", "-1", "0", "70000", "99999999999999999999", "nosuch", "/proc/nope", "/dev/null",
    ".", "ask=yes", "=", "a=", "location=elsewhere-in-russia", "\x1b[31mred", "a\u202eb",
    "x\ny", "\udcff", "json", "mermaid", "dot", str(VALID), str(SOURCES), "catch-22",
]


def _options() -> dict[str, list[str]]:
    """Each sub-command's option strings, read from the parser itself."""
    parser = build_parser()
    found: dict[str, list[str]] = {"": [o for a in parser._actions for o in a.option_strings]}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found[name] = [o for a in sub._actions for o in a.option_strings]
    return found


OPTIONS = _options()


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    command = draw(st.sampled_from(sorted(OPTIONS)))
    words = st.one_of(st.sampled_from(OPTIONS[command] or ["--help"]), st.sampled_from(VALUES),
                      st.text(max_size=12))
    rest = draw(st.lists(words, max_size=5))
    return ([command] if command else []) + rest


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argv=command_lines())
def test_any_arguments_end_in_exit_0_1_2_or_3_without_a_traceback(argv: list[str]) -> None:
    """``serve``, ``tui`` and a full-screen ``tour`` are replaced by stand-ins that return
    0: the test is about reading the arguments, not running a server or the app."""
    out, err = io.StringIO(), io.StringIO()
    with (
        pytest.MonkeyPatch.context() as patch,
        tempfile.TemporaryDirectory() as cwd,
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        patch.chdir(cwd)
        patch.setattr("pathways.tui.launch.run_tui", lambda *a, **k: 0)
        patch.setattr("pathways.serve.serve", lambda *a, **k: 0)
        patch.setattr(sys, "stdin", io.StringIO(""))
        try:
            code = main(argv)
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 2)
        written = [p for p in Path(cwd).rglob("*") if not p.is_dir()]
    # 3: `walk` given answers that stop short of the end (documented in README)
    assert code in (0, 1, 2, 3), (argv, code, err.getvalue()[-500:])
    assert code != 3 or argv[:1] == ["walk"]
    assert "Traceback" not in out.getvalue() + err.getvalue()
    # Only `docs` writes, and only its documents into the folder it was given; and
    # `walk --brief FILE --yes`, the brief the person asked for (FILE.md and FILE.json).
    briefs = "--brief" in argv and "--yes" in argv
    assert all(
        p.name in ("routes.md", "sources.md", "verdicts.md")
        or (briefs and p.suffix in (".md", ".json"))
        for p in written
    ), written


def test_a_path_with_undecodable_bytes_reaches_main_as_an_escape() -> None:
    name = os.fsdecode(b"/nonexistent\xff")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
            pytest.raises(SystemExit) as stop:
        main(["validate", name])
    assert stop.value.code == 2
    assert err.getvalue() == "pathways: error: rules folder not found: /nonexistent\\xff\n"


@pytest.mark.parametrize("args", [["validate", "FILE"], ["--rules", "FILE", "walk"],
                                  ["graph", "--rules", "FILE"]])
def test_a_rule_file_given_for_the_rules_folder_names_the_folder_that_holds_it(
    args: list[str], tmp_path: Path
) -> None:
    rule_file = tmp_path / "pack.yaml"
    rule_file.write_text("pack: {}\n", encoding="utf-8")
    argv = [str(rule_file) if a == "FILE" else a for a in args]
    _usage_error(run(*argv), f"rules folder {rule_file} is not a folder: it is a file; give "
                             f"the folder that holds it ({tmp_path})")


def test_tour_follow_with_an_empty_path_is_an_error_not_the_list() -> None:
    result = run("tour", "--follow", "")
    _usage_error(result, "path name is empty")
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--markdown", "--html"], "argument --html: not allowed with argument --markdown"),
        (["--list", "--presenter"], "argument --presenter: not allowed with argument --list"),
        (["--html", "--list"], "argument --list: not allowed with argument --html"),
        (["--follow", "x", "--markdown"], "not allowed with argument --follow"),
    ],
)
def test_tour_ways_of_showing_it_exclude_each_other(args: list[str], says: str) -> None:
    result = run("tour", "catch-22", *args)
    assert result.returncode == 2 and says in result.stderr, result.stderr
    assert result.stdout == ""


def test_a_path_that_is_there_but_is_not_a_folder_is_called_not_a_folder(tmp_path: Path) -> None:
    rule_file = tmp_path / "pack.yaml"
    rule_file.write_text("pack: {}\n", encoding="utf-8")
    device, file = "is not a folder: it is a device", "is not a folder: it is a file"
    for argv, words in [
        (["--rules", "/dev/zero", "validate"], f"rules folder /dev/zero {device}"),
        (["validate", "--sources", "/dev/null"], f"sources folder /dev/null {device}"),
        (["validate", "--sources", str(rule_file)], f"sources folder {rule_file} {file}"),
        (["test", "/dev/zero"], f"scenario folder /dev/zero {device}"),
        (["docs", "--out", str(rule_file)], f"--out {rule_file} {file}"),
        (["tui", "--export-dir", "/etc/passwd"], f"--export-dir /etc/passwd {file}"),
        (["serve", "--rules", "/dev/zero", "--port", "1"], f"rules folder /dev/zero {device}"),
        (["--rules", str(tmp_path / "nothing"), "graph"], "rules folder not found"),
    ]:
        _usage_error(run(*argv), words)


def test_a_loop_of_links_is_named_as_a_loop_on_the_command_line_and_in_a_pack(
    tmp_path: Path,
) -> None:
    (tmp_path / "loop").symlink_to("loop")
    for argv in (["--rules", "LOOP", "validate"], ["validate", "--sources", "LOOP"],
                 ["test", "LOOP"], ["tui", "--export-dir", "LOOP"], ["docs", "--out", "LOOP"]):
        argv = [str(tmp_path / "loop") if a == "LOOP" else a for a in argv]
        _usage_error(run(*argv), "is a loop of symbolic links")
    pack = tmp_path / "pack"
    shutil.copytree(VALID, pack)
    (pack / "a.yaml").symlink_to("b.yaml")
    (pack / "b.yaml").symlink_to("a.yaml")
    result = run("validate", str(pack))
    assert result.returncode == 1
    assert f"{pack / 'a.yaml'}:1: unreadable: a loop of symbolic links" in result.stdout
    assert "fix: replace the link with the file it should lead to" in result.stdout
    assert "check that the file exists" not in result.stdout


def test_docs_out_names_the_document_it_cannot_write_and_writes_none(tmp_path: Path) -> None:
    (tmp_path / "verdicts.md").mkdir()
    os.mkfifo(tmp_path / "routes.md")
    result = run("docs", "--out", str(tmp_path))
    _usage_error(result, f"cannot write {tmp_path / 'routes.md'}: it is a named pipe (FIFO), "
                         "not a file; none was changed")
    (tmp_path / "routes.md").unlink()
    _usage_error(run("docs", "--out", str(tmp_path)),
                 f"cannot write {tmp_path / 'verdicts.md'}: it is a folder, not a file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["verdicts.md"]


@pytest.mark.parametrize(
    ("argv", "code", "words"),
    [
        (["--answer", "location=mars"], 1, "'mars' is not a choice of question 'location'"),
        (["--answer", "wehre=abroad"], 1, "no fact named 'wehre'"),
        (["--answer", "location=abroad", "--answer", "location=home"], 1, "is given twice"),
        (["--answer", "location"], 2, "--answer takes FACT=CHOICE"),
        (["--answers-file", "a.yaml", "--answers-file", "b.yaml"], 2,
         "argument --answers-file: is given twice (a.yaml, then b.yaml); give it once"),
        (["--brief", "a", "--brief", "b"], 2, "argument --brief: is given twice (a, then b)"),
        (["--route", "visa", "--route", "asylum"], 2, "argument --route: is given twice"),
        (["--interactive", "--no-interactive"], 2, "not allowed with"),
    ],
)
def test_every_walk_error_is_one_pathways_error_line_with_the_documented_exit_code(
    argv: list[str], code: int, words: str
) -> None:
    """A wrong answer for a real fact is bad input (1); a malformed or repeated option
    is a usage error (2), as README's exit codes say; each is a ``pathways: error:`` line."""
    quiet = [] if "--interactive" in argv else ["--no-interactive"]
    result = run("--rules", str(VALID), "walk", *quiet, *argv)
    assert result.returncode == code, result.stderr
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert errors == [f"pathways: error: {errors[0].removeprefix('pathways: error: ')}"]
    assert words in errors[0], result.stderr
    assert result.stdout == ""


def test_no_command_line_error_is_printed_without_the_pathways_prefix() -> None:
    """Every ``error:`` the front modules print is written as ``pathways: error:``."""
    import re

    root = Path(__file__).resolve().parents[1] / "pathways"
    bare = [
        f"{path.name}:{number}"
        for path in [root / "cli.py", root / "serve.py", root / "plain_walk.py"]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"""(?<!pathways: )\berror: """, line) and ("print(" in line or "f\"" in line)
    ]
    assert bare == []


# -- an option of one value given twice: refused, whichever option, whichever command --

REPEATABLE = {"--answer"}  # meant to repeat: one fact a time (a fact given twice exits 1)


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The top level (``""``) and each sub-command's parser, read from the parser itself."""
    found = {"": parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update(action.choices)
    return found


def _value_options() -> list[tuple[str, argparse.Action]]:
    """Every option that takes a value (help, version and flags take none), with the
    command it belongs to."""
    return [
        (command, action)
        for command, parser in _commands(build_parser()).items()
        for action in parser._actions
        if action.option_strings and action.nargs != 0
        and not isinstance(action, argparse._SubParsersAction)
    ]


def _two_values(action: argparse.Action) -> tuple[str, str]:
    """Two different values the option accepts (a choice, or what its type takes)."""
    def accepted(text: str) -> bool:
        try:
            return action.type is None or action.type(text) is not None  # type: ignore[operator]
        except (argparse.ArgumentTypeError, ValueError, TypeError):
            return False

    candidates = [str(c) for c in action.choices] if action.choices else ["a", "b", "1", "2"]
    ok = [text for text in candidates if accepted(text)]
    assert len(ok) >= 2, (action.option_strings, ok)
    return ok[0], ok[1]


def _parse(argv: list[str]) -> tuple[int, str]:
    """Parse only (no command is run): the exit code (0: parsed) and standard error."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            build_parser().parse_args(argv)
        except SystemExit as stop:
            return (stop.code if isinstance(stop.code, int) else 2), err.getvalue()
    return 0, err.getvalue()


VALUE_OPTIONS = _value_options()


def test_every_command_has_options_of_one_value_to_check() -> None:
    """The walk over the parser finds the options this class is about (so the test below
    cannot pass by finding none): the top level's --rules and each command's."""
    found = {(command, action.option_strings[0]) for command, action in VALUE_OPTIONS}
    assert {("", "--rules"), ("walk", "--rules"), ("walk", "--answers-file"),
            ("walk", "--brief"), ("walk", "--route"), ("validate", "--sources"),
            ("graph", "--format"), ("docs", "--out"), ("tour", "--follow"),
            ("serve", "--host"), ("serve", "--port"), ("serve", "--max-sessions"),
            ("tui", "--export-dir")} <= found
    assert len(found) >= 17


@pytest.mark.parametrize(
    ("command", "action"), VALUE_OPTIONS,
    ids=[f"{c or 'pathways'} {a.option_strings[0]}" for c, a in VALUE_OPTIONS],
)
def test_every_option_of_one_value_given_twice_is_refused_naming_both_values(
    command: str, action: argparse.Action
) -> None:
    """Read from the parser, so an option added later is checked too: given twice, each
    is one ``pathways: error:`` naming it and both values, exit 2, as argparse's other
    usage errors; ``--answer``, meant to repeat, is taken both times."""
    first, second = _two_values(action)
    where = [command] if command else []
    for option in action.option_strings:
        code, err = _parse([*where, option, first, option, second])
        if option in REPEATABLE:
            assert (code, err) == (0, ""), err
            continue
        assert code == 2, err
        name = "/".join(action.option_strings)
        assert err.splitlines()[-1] == (f"pathways: error: argument {name}: is given twice "
                                        f"({first}, then {second}); give it once"), err
        assert err.startswith(f"usage: pathways {command}".rstrip()), err


@pytest.mark.parametrize(
    ("command", "action"), [(c, a) for c, a in VALUE_OPTIONS if not c],
    ids=[a.option_strings[0] for c, a in VALUE_OPTIONS if not c],
)
def test_an_option_given_before_the_command_and_again_after_it_is_refused(
    command: str, action: argparse.Action
) -> None:
    """``pathways --rules a walk --rules b``: argparse reads a command's options apart
    and would let the second win; each command that takes the option refuses it."""
    first, second = _two_values(action)
    option = action.option_strings[0]
    commands = [name for name, parser in _commands(build_parser()).items()
                if name and option in parser._option_string_actions]
    assert commands
    for name in commands:
        code, err = _parse([option, first, name, option, second])
        assert code == 2, (name, err)
        assert err.splitlines()[-1] == (f"pathways: error: argument {option}: is given twice "
                                        f"({first}, then {second}); give it once"), err


def test_an_option_added_to_a_command_later_is_refused_twice_without_being_told() -> None:
    """The refusal is argparse's default action in every parser, not a flag each option
    must remember: a new option, added as argparse's documentation shows, is covered."""
    parser = build_parser()
    _commands(parser)["graph"].add_argument("--new-option", metavar="X")
    err = io.StringIO()
    with contextlib.redirect_stderr(err), pytest.raises(SystemExit) as stop:
        parser.parse_args(["graph", "--new-option", "x", "--new-option", "y"])
    assert stop.value.code == 2
    assert "argument --new-option: is given twice (x, then y); give it once" in err.getvalue()
    once = parser.parse_args(["graph", "--new-option", "x", "--format", "dot"])
    assert (once.new_option, once.format) == ("x", "dot")


def test_a_value_is_shown_as_it_must_be_typed_and_abbreviations_count_as_the_option() -> None:
    code, err = _parse(["walk", "--brief", "my case", "--bri", ""])
    assert code == 2
    assert "argument --brief: is given twice ('my case', then ''); give it once" in err


def test_rules_given_twice_walks_nothing_and_asks_nothing(tmp_path: Path) -> None:
    """A legal-aid worker's ``--rules a walk --rules b``: no walk of a pack they did not
    mean, no question asked, nothing written; said before anything is read."""
    result = subprocess.run(
        [sys.executable, "-m", "pathways", "--rules", str(VALID), "walk", "--rules",
         str(tmp_path), "--no-interactive", "--answer", "location=abroad"],
        capture_output=True, text=True, timeout=30, input="1\n1\n", cwd=tmp_path,
    )
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"pathways: error: argument --rules: is given twice ({VALID}, then {tmp_path}); "
        "give it once")
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_graph_format_given_twice_prints_no_graph() -> None:
    result = run("graph", "--format", "json", "--format", "dot")
    _usage_error(result, "pathways: error: argument --format: is given twice (json, then "
                         "dot); give it once")
    assert result.stdout == ""


@pytest.mark.parametrize("before", [True, False], ids=["--rules first", "RULES_DIR first"])
def test_validate_given_a_pack_folder_and_rules_too_checks_neither(
    tmp_path: Path, before: bool
) -> None:
    """``validate PACK --rules OTHER`` names the pack twice (the folder would win, and the
    pack meant by --rules go unchecked): refused as any option given twice is."""
    both = [str(VALID), "--rules", str(tmp_path)]
    result = run("validate", *(both[1:] + both[:1] if before else both))
    _usage_error(result, f"pathways: error: the rules folder is given twice (RULES_DIR "
                         f"{VALID} and --rules {tmp_path}); give it once")
    assert result.stdout == ""
