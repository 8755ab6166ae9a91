"""The command line: argparse sub-commands, output and exit codes; no business logic.

Exit codes: 0 ok, 1 the input (rules, answers, scenarios) has problems, 2 usage errors,
3 a walk from given answers stopped at a question they do not answer.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from pathways import __version__
from pathways.core.collector import paused
from pathways.core.problems import LISTED, Problem, listing
from pathways.core.safe_text import json_text, one_line
from pathways.core.shipped_pack import shipped_rules_dir
from pathways.standard_streams import StreamFailed, silence_output

if TYPE_CHECKING:  # the rule model (pydantic-core, PyYAML): each command imports it when needed
    from pathways.core.model import RuleGraph

OK, PROBLEMS, USAGE, INCOMPLETE = 0, 1, 2, 3


class UsageError(Exception):
    pass


def _terminal(stream: TextIO | None) -> bool:
    """A stream that is a terminal (``None``: a descriptor closed before Python started)."""
    return stream is not None and stream.isatty()


def _folder_name(given: str, what: str) -> Path:
    """A folder named on the command line: an empty name is a mistake, not "here"."""
    if not given.strip():
        raise UsageError(f"the {what} name is empty")
    return Path(given)


def _check_folder(path: Path, what: str, *, missing_ok: bool = False,
                  file_ok: bool = False, fix: str = "") -> None:
    """A folder named on the command line is there and is a folder (``missing_ok``: or is
    not there yet; ``file_ok``: or is a regular file); else a :class:`UsageError` that
    says what it is instead: not there, a file, a device, a loop of symbolic links
    (``fix``: what to do instead, said after a folder that is not there or not a folder)."""
    then = f"; {fix}" if fix else ""
    import errno
    import stat

    from pathways.core.untrusted_file import kind_of

    shown = one_line(str(path))
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        if missing_ok and not path.is_symlink():
            return
        if path.is_symlink():
            raise UsageError(f"{what} {shown} is a symbolic link to nothing (its target is "
                             "not there); point it at a folder") from None
        raise UsageError(f"{what} not found: {shown}{then}") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UsageError(f"{what} {shown} is a loop of symbolic links (a link that leads "
                             "back to itself); give the real folder instead") from None
        raise UsageError(f"{what} {shown} cannot be used: {error.strerror or error}") from None
    if stat.S_ISDIR(mode) or (file_ok and stat.S_ISREG(mode)):
        return
    kind = kind_of(mode)
    raise UsageError(f"{what} {shown} is not a folder: it is {kind}"
                     + (f"; give the folder that holds it ({one_line(str(path.parent))})"
                        if kind == "a file" and not file_ok else then))


def _rules_dir(args: argparse.Namespace) -> Path:
    given, option = getattr(args, "rules_dir", None), getattr(args, "rules", None)
    if given is not None and option is not None:  # (validate's RULES_DIR would win)
        raise UsageError(f"the rules folder is given twice (RULES_DIR {shlex.quote(given)} "
                         f"and --rules {shlex.quote(option)}); give it once")
    if given is None:
        given = option
    path = shipped_rules_dir() if given is None else _folder_name(given, "rules folder")
    _check_folder(path, "rules folder")
    return path


def _session_limit(text: str) -> int:
    """argparse type for --max-sessions: 1 to 1000."""
    try:
        limit = int(text)
    except ValueError:
        limit = 0
    if not 1 <= limit <= 1000:
        raise argparse.ArgumentTypeError(f"a number of sessions from 1 to 1000, not {text!r}")
    return limit


def _port(text: str) -> int:
    """argparse type for --port: a TCP port, 1 to 65535."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is a number from 1 to 65535, not {text!r}")
    return port


ALL_PACK_PROBLEMS = "run 'pathways validate --json' for all"


def _print_problems(
    problems: Sequence[Problem], out: TextIO, for_all: str = ALL_PACK_PROBLEMS,
    *, every: bool = False,
) -> None:
    """Problems, one ``file:line: code: message`` each: the first fifty, then how many more
    and ``for_all`` (where to see them all); ``every`` (validate, the full report): all."""
    for line in listing(problems, for_all, None if every else LISTED):
        print(line, file=out)


def load_checked(args: argparse.Namespace) -> RuleGraph:
    """Load and check the rule pack; on problems print them (the first fifty) and exit 1."""
    with paused():  # the rule model's imports build no garbage worth collecting
        from pathways.core.check import checked_graph

    graph, problems = checked_graph(_rules_dir(args))
    if graph is None:
        _print_problems(problems, sys.stderr)
        print(
            f"{len(problems)} problem(s) in the rule pack; run 'pathways validate' for details",
            file=sys.stderr,
        )
        raise SystemExit(PROBLEMS)
    return graph


def cmd_validate(args: argparse.Namespace) -> int:
    if args.codes:
        from pathways.core.problems import CODES, codes_markdown

        if args.json:
            table = [{"code": c.code, "summary": c.summary, "fix": c.fix} for c in CODES.values()]
            print(json.dumps(table, indent=2, ensure_ascii=False))
        else:
            sys.stdout.write(codes_markdown())
        return OK
    rules_dir = _rules_dir(args)
    sources = None if args.sources is None else _folder_name(args.sources, "sources folder")
    if sources is not None:
        _check_folder(sources, "sources folder")
    with paused():
        from pathways.core.check import check
        from pathways.core.load import load_pack

    result = load_pack(rules_dir)
    problems = check(result, sources)
    graph = result.graph
    if args.json:
        report = {
            "ok": not problems,
            "rules": str(rules_dir),
            "files": len(result.files),
            "nodes": len(graph.nodes) if graph else 0,
            "problems": [p.as_dict() for p in problems],
        }
        print(json_text(report))
    else:
        _print_problems(problems, sys.stdout, every=True)  # the full report
        if problems:
            print(f"{len(problems)} problem(s) found", file=sys.stderr)
        else:
            nodes = len(graph.nodes) if graph else 0
            checked = " and every quote against its source" if sources else ""
            print(
                f"ok: {len(result.files)} files, {nodes} nodes, "
                f"{len(graph.sources) if graph else 0} sources{checked}"
            )
    return PROBLEMS if problems else OK


def _parse_answers(pairs: Sequence[str]) -> dict[str, str]:
    """``--answer FACT=CHOICE`` flags; a fact given twice exits 1, as a key given twice in an
    answers file does (the second would silently win)."""
    answers: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise UsageError(f"--answer takes FACT=CHOICE, not '{pair}'")
        key, value = key.strip(), value.strip()
        if key in answers:
            _error(f"--answer {key} is given twice ({answers[key]}, then {value}); give "
                   "each fact once")
            raise SystemExit(PROBLEMS)
        answers[key] = value
    return answers


def _answers_from_file(given: str, graph: RuleGraph) -> dict[str, str]:
    """The answers in ``--answers-file`` (``-``: standard input); problems exit 1."""
    from pathways.core.answers import check_answers, read_answers_bytes, read_answers_file
    from pathways.core.yaml_source import MAX_FILE_BYTES

    if given == "-":
        name = "<stdin>"
        if _terminal(sys.stdin):  # a person at a terminal: say what is awaited
            print("reading answers from standard input (fact: choice, a line each); "
                  "end with ctrl+d", file=sys.stderr, flush=True)
        try:
            raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        except (OSError, ValueError) as error:  # closed, or not readable at all
            raise UsageError(f"--answers-file -: standard input cannot be read ({error})") from None
        data, problems = read_answers_bytes(raw, name)
    else:
        name = given
        data, problems = read_answers_file(Path(given), name)
    answers: dict[str, str] = {}
    if data is not None and not problems:
        answers, problems = check_answers(graph, data, name)
    if problems:
        _print_problems(problems, sys.stderr, "fix these, then run again for the rest")
        print(f"{len(problems)} problem(s) in the answers file; nothing was walked",
              file=sys.stderr)
        raise SystemExit(PROBLEMS)
    return answers


def _ask_on_stderr(prompt: str) -> str:
    """Ask on the terminal without mixing the question into the output (JSON, text)."""
    print(prompt, end="", file=sys.stderr, flush=True)
    return sys.stdin.readline()


def cmd_walk(args: argparse.Namespace) -> int:
    with paused():  # the rule model's imports: no garbage worth collecting
        from pathways.core.model import Question
        from pathways.core.walk import Walk, WalkError

    answers = _parse_answers(args.answer or [])
    if args.answers_file == "-" and args.interactive:
        raise UsageError("--answers-file - reads standard input, so the walk cannot also ask")
    interactive = args.interactive if args.interactive is not None else _terminal(sys.stdin)
    interactive = interactive and not args.json and args.answers_file != "-"
    can_ask = _terminal(sys.stdin) and args.answers_file != "-"
    brief = None
    if args.brief is not None:
        from pathways.brief_file import BriefNotSaved, brief_targets, existing, problem_with
        from pathways.plain_walk import BriefRequest

        try:
            md, js = brief_targets(args.brief)
        except BriefNotSaved as error:
            raise UsageError(f"--brief: {error}") from None
        why = problem_with((md, js))
        if why:
            raise UsageError(f"--brief: {why}")
        if not args.yes and not can_ask:
            raise UsageError("--brief without a terminal to confirm on: add --yes to save it")
        there = existing((md, js))
        if there and not can_ask:  # never replaced without asking, and nobody can be asked
            raise UsageError(f"--brief: {' and '.join(map(str, there))} "
                             f"{'is' if len(there) == 1 else 'are'} already there, and with no "
                             "terminal to ask on it is never replaced; give another name")
        brief = BriefRequest(md, js, yes=args.yes)
    graph = load_checked(args)
    if args.answers_file is not None:
        answers = {**_answers_from_file(args.answers_file, graph), **answers}
    unknown = graph.unknown_answer_keys(answers)
    if unknown:
        _error(f"no fact named {', '.join(repr(k) for k in unknown)}; the facts are: "
               f"{', '.join(sorted(graph.fact_names()))}")
        return PROBLEMS
    if args.route is not None and args.route not in graph.routes:
        raise UsageError(f"no route '{args.route}'; routes: {', '.join(graph.routes)}")
    if interactive:
        from pathways.plain_walk import prompt_walk

        case = not args.full
        return prompt_walk(
            Walk.begin(graph, route=args.route, questions_first=case), answers, brief=brief
        )
    try:
        walk = Walk.from_facts(graph, answers, route=args.route, questions_first=not args.full)
    except WalkError as error:
        _error(str(error))
        return PROBLEMS
    code = OK
    if args.json:
        from pathways.render.walk_json import walk_json

        print(json_text(walk_json(walk)))
    else:
        from pathways.render.walk_text import walk_text

        sys.stdout.write(walk_text(walk))
    if isinstance(walk.node, Question):
        from pathways.plain_walk import stopped_message

        print(stopped_message(walk.node), file=sys.stderr)
        code = INCOMPLETE
    if brief is not None:
        from pathways.plain_walk import Saved, offer_brief

        saved = offer_brief(walk, brief, _ask_on_stderr if can_ask else None,
                            lambda text: print(text, file=sys.stderr))
        if saved is Saved.FAILED:
            return PROBLEMS
    return code


def cmd_graph(args: argparse.Namespace) -> int:
    from pathways.render.graph_formats import graph_to_dot, graph_to_json_text, graph_to_mermaid

    graph = load_checked(args)
    render: dict[str, Callable[[RuleGraph], str]] = {
        "json": graph_to_json_text,
        "mermaid": graph_to_mermaid,
        "dot": graph_to_dot,
    }
    sys.stdout.write(render[args.format](graph))
    return OK


def cmd_schema(args: argparse.Namespace) -> int:
    from pathways.core.schema import rule_file_schema, schema_text

    if args.graph:
        from pathways.render.graph_schema import graph_json_schema

        sys.stdout.write(schema_text(graph_json_schema()))
    else:
        sys.stdout.write(schema_text(rule_file_schema()))
    return OK


def _scenario_folder(args: argparse.Namespace) -> Path:
    """The scenario files ``pathways test`` runs: DIR, or with no DIR the shipped pack's
    own (which travel with it, inside the package); for another pack, DIR must be given."""
    from pathways.core.shipped_pack import is_shipped_pack, shipped_scenarios_dir

    rules = _rules_dir(args)
    shipped = is_shipped_pack(rules)
    if args.scenarios is None:
        if not shipped:
            given = shlex.quote(str(rules))
            raise UsageError(
                f"no scenario folder given for the pack in {given}; give the folder of its "
                f"scenario files: pathways test DIR --rules {given} (with no folder, "
                "'pathways test' runs the shipped pack's own scenarios, on the shipped pack)"
            )
        folder = shipped_scenarios_dir()
        _check_folder(folder, "the shipped pack's scenario folder",
                      fix="reinstall the tool, or give a folder of scenario files: "
                      "pathways test DIR")
        return folder
    folder = _folder_name(args.scenarios, "scenario folder")
    _check_folder(folder, "scenario folder", file_ok=True,
                  fix="give the folder (or the file) of scenario files"
                  + (" (with no folder, 'pathways test' runs the shipped pack's own)"
                     if shipped else ""))
    return folder


def cmd_test(args: argparse.Namespace) -> int:
    from pathways.core.scenarios import as_json, run_folder

    folder = _scenario_folder(args)
    graph = load_checked(args)
    report = run_folder(graph, folder)
    failed = not report.ok or (report.uncovered and not args.allow_uncovered)
    if args.json:
        print(json_text(as_json(report)))
        return PROBLEMS if failed else OK
    _print_problems(report.problems, sys.stderr, "run 'pathways test --json' for all")
    for outcome in report.outcomes:
        mark = "PASS" if outcome.passed else "FAIL"
        print(f"{mark} {one_line(outcome.scenario.name)} ({one_line(outcome.file)})")
        for failure in outcome.failures:
            print(f"     {one_line(failure)}")
    if not report.outcomes:
        print(f"{len(report.problems)} problem(s); no scenario could be read, so none was run",
              file=sys.stderr)
        return PROBLEMS
    if report.uncovered:
        print(f"verdicts no scenario reaches: {', '.join(report.uncovered)}")
    passed = sum(o.passed for o in report.outcomes)
    print(f"{passed} passed, {len(report.outcomes) - passed} failed")
    return PROBLEMS if failed else OK


def cmd_docs(args: argparse.Namespace) -> int:
    from pathways.render.route_docs import documents

    graph = load_checked(args)
    out = _folder_name(args.out, "--out folder")
    _check_folder(out, "--out", missing_ok=True)
    stale: dict[Path, str] = {}
    for name, content in documents(graph).items():
        path = out / name
        try:
            current = path.read_text(encoding="utf-8") if path.is_file() else None
        except (OSError, UnicodeDecodeError):
            current = None  # unreadable or not text: written again
        if current != content:
            stale[path] = content
    if stale and not args.check:
        from pathways.private_file import failed_target, write_public_files

        for path in stale:  # a folder (or a FIFO...) where a document goes: said as such
            _check_document(path)
        created = not out.exists()
        try:  # all or none: temporary files beside them, each renamed into place
            out.mkdir(parents=True, exist_ok=True)
            write_public_files(stale)
        except OSError as error:
            if created:
                with contextlib.suppress(OSError):
                    out.rmdir()
            reason = error.strerror or type(error).__name__  # (its file: a temporary one)
            target = failed_target(error, stale)
            where = f"{target}" if target is not None else f"the documents in {out}"
            raise UsageError(f"cannot write {where}: {reason}; none was changed") from None
    if args.check:
        for path_name in stale:
            print(f"{one_line(str(path_name))}: out of date; run 'pathways docs --out "
                  f"{one_line(str(out))}'", file=sys.stderr)
        return PROBLEMS if stale else OK
    for path_name in stale:
        print(f"wrote {one_line(str(path_name))}")
    return OK


def _check_document(path: Path) -> None:
    """A document ``docs`` would write is a file or not there yet; else a
    :class:`UsageError` naming it and what it is (nothing is written)."""
    import stat

    from pathways.core.untrusted_file import kind_of

    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror or error}; none was "
                         "changed") from None
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise UsageError(f"cannot write {path}: it is {kind_of(mode)}, not a file; none was "
                         "changed")


def cmd_tour(args: argparse.Namespace) -> int:
    if args.follow is not None:
        return _follow_tour(args)
    graph = load_checked(args)
    handout = args.markdown or args.html
    if not graph.tours:  # said, never an empty list or "no tour 'None'"
        raise UsageError("this rule pack has no tour")
    if args.list or (args.name is None and not handout and not sys.stdout.isatty()):
        for each in graph.tours.values():
            print(f"{each.id}\t{one_line(each.title)} ({len(each.steps)} steps): "
                  f"{one_line(each.summary)}")
        return OK
    name = args.name if args.name is not None else next(iter(graph.tours), None)
    tour = graph.tours.get(name) if name else None
    if name is None or tour is None:
        known = ", ".join(graph.tours) or "none"
        raise UsageError(f"no tour '{name}'; tours in this pack: {known}")
    if args.markdown:
        from pathways.core.safe_text import plain
        from pathways.render.handout import tour_markdown

        sys.stdout.write(plain(tour_markdown(graph, tour)))
        return OK
    if args.html:
        from pathways.render.handout import tour_html

        sys.stdout.write(tour_html(graph, tour))
        return OK
    _refuse_without_terminal(tour.id)
    from pathways.tui.launch import run_tui

    rules = _rules_dir(args) if getattr(args, "rules", None) else None
    if not args.presenter:
        return run_tui(rules, tour=tour.id, high_contrast=args.high_contrast, graph=graph)
    from pathways.tui.tour_link import SOCKET_NAME, private_folder

    with private_folder() as folder:
        follow = ["pathways", "tour", "--follow", str(folder / SOCKET_NAME)]
        if rules is not None:
            follow += ["--rules", str(rules.resolve())]
        print("Presenter console: in a second terminal, run", file=sys.stderr)
        print("  " + one_line(" ".join(shlex.quote(part) for part in follow)), file=sys.stderr)
        if _terminal(sys.stdin):
            print("Press Enter to show the tour here.", file=sys.stderr)
            sys.stdin.readline()
        return run_tui(
            rules, tour=tour.id, high_contrast=args.high_contrast, graph=graph,
            presenter_folder=folder,
        )


def _follow_tour(args: argparse.Namespace) -> int:
    """``tour --follow PATH``: the presenter's console for a tour opened with --presenter."""
    from pathways.tui.tour_link import check_socket_path, tour_not_open_yet, wait_for_tour

    path = _folder_name(args.follow, "--follow socket path")
    waiting = tour_not_open_yet(path)  # run before Enter was pressed in the tour's terminal
    why = None if waiting else check_socket_path(path)
    if why is not None:
        raise UsageError(why)
    if args.name:
        raise UsageError("--follow takes only the socket path (and --rules, --high-contrast)")
    graph = load_checked(args)
    _refuse_without_terminal()
    if waiting:
        print("waiting for the tour to open (Enter in its terminal)...; ctrl+c to stop",
              file=sys.stderr, flush=True)
        why = wait_for_tour(path)
        if why is not None:
            raise UsageError(why)
    from pathways.tui.presenter import run_presenter

    return run_presenter(graph, path, high_contrast=args.high_contrast)


def cmd_serve(args: argparse.Namespace) -> int:
    from pathways.serve import host_problem, serve

    why = host_problem(args.host)
    if why is not None:
        raise UsageError(why)
    # The pack is read and checked before serving, as every command does: a pack with
    # problems is said here, file:line, exit 1 (each session's app would only close).
    load_checked(args)
    return serve(args.host, args.port, args.rules, args.max_sessions)


def no_terminal(tour: str | None = None) -> str | None:
    """Why the full-screen app cannot run here: a standard stream that is not a terminal
    (it reads keys from standard input and draws on the terminal), with what to run
    instead; None when all three are terminals."""
    streams = (("input", sys.stdin), ("output", sys.stdout), ("error", sys.stderr))
    missing = [name for name, stream in streams if not _terminal(stream)]
    if not missing:
        return None
    names = missing[0] if len(missing) == 1 else f"{', '.join(missing[:-1])} and {missing[-1]}"
    instead = (
        f"For the tour as a handout, run:\n  pathways tour {shlex.quote(one_line(tour))} "
        "--markdown\n" if tour else ""
    )
    return (
        f"pathways: the full-screen app needs a terminal, and standard {names} "
        f"{'is not one' if len(missing) == 1 else 'are not terminals'}.\n{instead}"
        "For the plain walk (it asks at a terminal; scripts give --answers-file FILE), run:\n"
        "  pathways walk"
    )


def _refuse_without_terminal(tour: str | None = None) -> None:
    """Exit 1 with :func:`no_terminal`'s reason (a TERM that cannot draw the app is left
    to :func:`pathways.tui.launch.run_tui`, which says so)."""
    from pathways.terminals import terminal_refusal

    why = None if terminal_refusal(os.environ) is not None else no_terminal(tour)
    if why is not None:
        print(why, file=sys.stderr)
        raise SystemExit(PROBLEMS)


def cmd_tui(args: argparse.Namespace) -> int:
    served = "PATHWAYS_SERVER_PID" in os.environ  # an app process of `pathways serve`:
    if served:  # textual-serve's driver draws it in a browser, through pipes
        from pathways.serve import die_with_server

        die_with_server()
    from pathways.terminals import PLAIN_FALLBACK, terminal_refusal

    if terminal_refusal(os.environ) is not None and _terminal(sys.stdin):
        # A terminal that cannot draw the app can still ask questions: walk there.
        print(PLAIN_FALLBACK.format(term=os.environ.get("TERM", "")), file=sys.stderr)
        walk = ["walk", *(["--rules", str(args.rules)] if args.rules else [])]
        return cmd_walk(build_parser().parse_args(walk))
    export_dir = None
    given = getattr(args, "export_dir", None)  # (not there: 'pathways' with no command)
    if given is not None:  # an empty name is a mistake, not the current folder
        export_dir = _folder_name(given, "--export-dir folder").expanduser()
        _check_folder(export_dir, "--export-dir")
    rules = _rules_dir(args) if args.rules else None
    if not served:
        _refuse_without_terminal()
    # The pack is read and checked in a child process while this one imports Textual.
    from pathways.pack_process import start

    pack_process = start(rules)
    from pathways.tui.launch import run_tui

    return run_tui(
        rules,
        high_contrast=getattr(args, "high_contrast", False),
        export_dir=export_dir,
        pack_process=pack_process,
    )


def _terminal_columns() -> int:
    """The terminal's width as :func:`shutil.get_terminal_size` gives it: ``COLUMNS``, else
    the terminal on standard output, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's, given the width up front: left to find it, argparse imports shutil (and
    with it bz2 and lzma, ~2 ms) at every start-up, for every command."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_columns() - 2)


class _Parser(argparse.ArgumentParser):
    """argparse's, with its errors written as every other command-line error is:
    ``pathways: error: ...`` after the usage line, exit 2; and every option that stores a
    value (argparse's default action) is a :class:`_GivenOnce`, in every sub-command, so
    an option added later is refused when given twice without being told to."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register("action", None, _GivenOnce)
        self.register("action", "store", _GivenOnce)
        self.register("action", "parsers", _Commands)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        _fail(message)


# The options of one value given so far in a parse, by destination: kept on the namespace
# (as argparse keeps its unrecognized arguments) so that a sub-command's ``--rules`` is
# compared with the one given before the sub-command's name.
_GIVEN = "_given_once"


def _given(namespace: argparse.Namespace) -> dict[str, tuple[argparse.Action, object]]:
    given: dict[str, tuple[argparse.Action, object]] = namespace.__dict__.setdefault(_GIVEN, {})
    return given


def _twice(action: argparse.Action, before: object, then: object) -> argparse.ArgumentError:
    """The one refusal of an option given twice: ``argument --rules: is given twice (a,
    then b); give it once`` (each value as the option took it, quoted as a shell would
    need it: an empty one as '')."""
    shown = [shlex.quote(str(value)) for value in (before, then)]
    return argparse.ArgumentError(
        action, f"is given twice ({shown[0]}, then {shown[1]}); give it once")


class _GivenOnce(argparse._StoreAction):
    """An option that takes a value and may be given once: a second one is refused (exit
    2) rather than silently replacing the first, as a fact given twice with ``--answer``
    is refused. Options meant to repeat say so (``action="append"``)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        given = _given(namespace)
        if self.dest in given:
            raise _twice(self, given[self.dest][1], values)
        given[self.dest] = (self, values)
        super().__call__(parser, namespace, values, option_string)


if TYPE_CHECKING:
    _SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    _SubParsers = argparse._SubParsersAction


class _Commands(_SubParsers):
    """argparse's sub-commands, refusing an option given both before the command's name
    and after it (``pathways --rules a walk --rules b``): argparse parses the command's
    options apart and would let the second win."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        before = dict(_given(namespace))
        super().__call__(parser, namespace, values, option_string)
        after = _given(namespace)  # the command's own, copied over the one before
        for dest, (action, value) in after.items():
            if dest in before and before[dest][0] is not action:
                raise _twice(action, before[dest][1], value)
        setattr(namespace, _GIVEN, {**before, **after})


def _example(text: str) -> str:
    return f"example:\n  {text}"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="pathways",
        description="Explains the asylum routes reported in 2017 for people fleeing Chechnya, "
        "citing a source for every step. With no command, opens the terminal app. "
        "Not legal advice.",
        epilog=_example("pathways validate --sources ../shared/seeds"),
        formatter_class=_HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"pathways {__version__}")
    parser.add_argument("--rules", metavar="DIR", help="use the rule pack in DIR")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_text: str, example: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=_example(example),
            formatter_class=_HelpFormatter,
        )
        cmd.add_argument(
            "--rules", metavar="DIR", default=argparse.SUPPRESS, help="use the rule pack in DIR"
        )
        return cmd

    p = add(
        "validate",
        "Check a rule pack and report every problem as file:line: code: message.",
        "pathways validate --sources ../shared/seeds",
    )
    p.add_argument("rules_dir", nargs="?", metavar="RULES_DIR", help="pack folder (or --rules)")
    p.add_argument("--sources", metavar="DIR", help="check every quote against the texts in DIR")
    p.add_argument("--json", action="store_true", help="print a JSON report")
    p.add_argument("--codes", action="store_true",
                   help="list every problem code (code, what it means, the usual fix) and exit")
    p.set_defaults(func=cmd_validate)

    p = add(
        "walk",
        "Walk the graph in plain text: numbered prompts in a terminal, or answers for scripts.",
        "pathways walk --answer location=us-border --json",
    )
    p.add_argument(
        "--answer",
        action="append",
        metavar="FACT=CHOICE",
        help="answer a question, named by its fact; repeatable. Stays in the shell's history: "
        "prefer --answers-file",
    )
    p.add_argument(
        "--answers-file",
        metavar="FILE",
        help="read answers from a YAML file of 'fact: choice' lines ('-': standard input); "
        "nothing of the case goes into the shell's history",
    )
    p.add_argument(
        "--brief",
        metavar="FILE",
        help="save the brief (FILE.md and FILE.json, readable only by you) at the end of "
        "the walk, after asking; a folder saves pathways-brief.md inside it",
    )
    p.add_argument("--yes", action="store_true",
                   help="with --brief: save without asking (an existing file is never replaced "
                   "without asking)")
    p.add_argument("--route", metavar="ROUTE",
                   help="walk one route alone: from its entry to its verdict, then the summary")
    p.add_argument("--json", action="store_true", help="print the walk as JSON")
    p.add_argument("--full", action="store_true",
                   help="every step in order, for learning: the background and each verdict "
                   "where the walk reaches it (by default the questions come first and the "
                   "background is read on demand: i + Enter)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--interactive", dest="interactive", action="store_true", default=None,
                      help="ask at each question (the default when stdin is a terminal)")
    mode.add_argument("--no-interactive", dest="interactive", action="store_false",
                      help="never ask; answers that stop short of the end exit 3, and "
                      "the JSON names the next question")
    p.set_defaults(func=cmd_walk)

    p = add("graph", "Export the whole graph as JSON, Mermaid or Graphviz dot.",
            "pathways graph --format mermaid > graph.mmd")
    p.add_argument("--format", choices=("json", "mermaid", "dot"), default="json")
    p.set_defaults(func=cmd_graph)

    p = add("schema", "Print the JSON Schema of rule files (rules/schema.json), for editors; "
            "or, with --graph, of 'pathways graph --format json'.",
            "pathways schema --graph > graph.schema.json")
    p.add_argument("--graph", action="store_true",
                   help="the schema of the graph export (docs/graph-json.md) instead")
    p.set_defaults(func=cmd_schema)

    p = add("test", "Run scenario files (persona, answers, expected verdicts) against a pack.",
            "pathways test")
    p.add_argument("scenarios", nargs="?", metavar="DIR",
                   help="folder (or file) of scenario files; with no DIR, the shipped pack's "
                   "own, which ship with it (another pack's --rules needs its DIR)")
    p.add_argument("--json", action="store_true", help="print a JSON report")
    p.add_argument("--allow-uncovered", action="store_true",
                   help="do not fail when a verdict is reached by no scenario")
    p.set_defaults(func=cmd_test)

    p = add("docs",
            "Write docs/routes.md, docs/sources.md and docs/verdicts.md from the rule pack.",
            "pathways docs --out docs --check")
    p.add_argument("--out", default="docs", metavar="DIR", help="folder to write (default: docs)")
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 if the documents are out of date")
    p.set_defaults(func=cmd_docs)

    p = add("tour", "Present a guided tour (the catch-22) full screen, or print it as a handout.",
            "pathways tour catch-22 --markdown > handout.md")
    p.add_argument("name", nargs="?", metavar="NAME", help="tour id (default: the first)")
    shown = p.add_mutually_exclusive_group()  # one way to show the tour at a time
    shown.add_argument("--list", action="store_true", help="list the tours in the pack")
    shown.add_argument("--markdown", action="store_true",
                       help="print the tour as a Markdown handout with its citations")
    shown.add_argument("--html", action="store_true",
                       help="print the tour as one self-contained HTML handout, ready to print")
    shown.add_argument("--presenter", action="store_true",
                       help="show the tour here and print how to open the presenter's console"
                            " (notes, next step, timer) in a second terminal")
    shown.add_argument("--follow", metavar="PATH",
                       help="open the presenter's console of the tour at PATH (printed by"
                            " --presenter)")
    p.add_argument("--high-contrast", action="store_true",
                   help="black, white and bright colours (for projectors)")
    p.set_defaults(func=cmd_tour)

    p = add("serve", "Serve the app to a web browser on this machine (textual-serve).",
            "pathways serve --port 8000")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default 127.0.0.1: this machine only; to serve"
                        " other machines, this machine's address on their network)")
    p.add_argument("--port", type=_port, default=8000, help="port, 1-65535 (default 8000)")
    p.add_argument("--max-sessions", type=_session_limit, default=30, metavar="N",
                   help="browser tabs served at once; more are refused (default 30)")
    p.set_defaults(func=cmd_serve)

    p = add("tui", "Open the terminal app (the same as 'pathways' with no command).",
            "pathways tui --high-contrast")
    p.add_argument("--high-contrast", action="store_true",
                   help="black, white and bright colours")
    p.add_argument("--export-dir", metavar="DIR",
                   help="folder the export dialog offers for the brief (default: your home)")
    p.set_defaults(func=cmd_tui)
    return parser


def _error(message: str) -> None:
    """One line on standard error, as every command-line error is written:
    ``pathways: error: MESSAGE`` (the message through :func:`one_line`)."""
    print(f"pathways: error: {one_line(message)}", file=sys.stderr)


def _fail(message: str) -> NoReturn:
    _error(message)
    raise SystemExit(USAGE)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Standard output that cannot be written (a full disk, an I/O
    error, closed) and a closed standard input end here for every command, as one
    ``pathways: error:`` line and exit 1 (with :func:`run`'s streams, which raise
    :class:`StreamFailed`)."""
    try:
        try:
            parser = build_parser()
            args = parser.parse_args(argv)
            if args.command is None:
                args.func = cmd_tui
            code: int = args.func(args)
        except SystemExit:  # --help, --version, a usage error: their output counts too
            _flush_output()
            raise
        _flush_output()
    except UsageError as error:
        _fail(str(error))
    except StreamFailed as error:
        silence_output()
        _error(str(error))
        return PROBLEMS
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return OK
    return code


def _flush_output() -> None:
    """Write out what is still buffered, so that a full disk is reported here."""
    if sys.stdout is not None:
        sys.stdout.flush()


if __name__ == "__main__":
    raise SystemExit(main())
