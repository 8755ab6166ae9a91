"""The interactive plain-text walk: numbered prompts, usable with a screen reader.

Text is wrapped to the terminal's width (read again at every step, so a resized
window is followed) and Markdown is shown as plain words. ``x`` and Enter leave at
once and clear the screen and the scrollback, as ``ctrl+x`` does in the app.

A case walk (``questions_first``, the default of ``pathways walk``) asks the questions
first, as the app does: the background steps it goes past are named at the question
they lead to, and ``i`` and Enter reads them out with their sources; the summary at the
end cites every verdict. ``pathways walk --full`` reads every step in order instead. With
``--brief FILE`` the brief is offered when the walk reaches its summary, or when the
person quits before it; it is written only after a yes (or ``--yes``).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from pathways.brief_file import BriefNotSaved, existing, problem_with, save_brief
from pathways.core.explain import background
from pathways.core.model import End, Info, Question
from pathways.core.safe_text import one_line, plain
from pathways.core.walk import Walk
from pathways.quick_exit import clear_terminal
from pathways.render.walk_text import (
    inline_plain,
    markdown_plain,
    node_text,
    summary_text,
    text_width,
    unused_text,
    wrap,
)

HELP = (
    "Type a number and Enter. b = back, r = restart, q = quit, "
    "x = quick exit (clears the screen and leaves at once)."
)
KEYS = "b back, r restart, q quit, x quick exit"
CASE_HELP = "i = the background to this case so far, with its sources."
CASE_KEYS = "i background, " + KEYS
YES = ("y", "yes")
STOPPED = 3  # the exit code of a walk whose answers (or input) ended before its end


def _to_stderr(text: str) -> None:
    print(text, file=sys.stderr)


def stopped_message(node: object) -> str:
    """The one line that says a walk stopped short at ``node``, and how to go on."""
    if isinstance(node, Question):
        key = node.fact or node.id
        return one_line(
            f"stopped: question '{node.id}' has no answer; add '{key}: CHOICE' to the "
            f"answers file or --answer {key}=CHOICE (choices: "
            f"{', '.join(c.id for c in node.choices)})"
        )
    step = getattr(node, "id", "?")
    return one_line(f"stopped: the input ended at step '{step}', before the end of the walk")


@dataclass(frozen=True)
class BriefRequest:
    """``--brief FILE``: the two files to write, and whether the person already said yes."""

    md: Path
    js: Path
    yes: bool = False


class Saved(Enum):
    SAVED = "saved"
    DECLINED = "declined"
    FAILED = "failed"


def terminal_columns() -> int:
    return shutil.get_terminal_size().columns


def quick_exit_to_stdout() -> None:
    """Clear the real terminal (only a terminal: a pipe gets no escape codes)."""
    stream = sys.__stdout__
    if stream is not None and stream.isatty():
        clear_terminal(stream)


def prompt_walk(
    walk: Walk,
    answers: Mapping[str, str],
    ask: Callable[[str], str] = input,
    say: Callable[[str], None] = print,
    *,
    columns: Callable[[], int] = terminal_columns,
    brief: BriefRequest | None = None,
    quick_exit: Callable[[], None] = quick_exit_to_stdout,
    warn: Callable[[str], None] = _to_stderr,
) -> int:
    """Walk interactively; answers given beforehand (flags or a file) are used without asking.

    Returns the exit code: 0; 3 (:data:`STOPPED`) when the input ends before the walk
    does (:func:`stopped_message` is said on ``warn``, as a walk from answers says it);
    1 when a brief was asked for and could not be saved.
    """

    def width() -> int:
        return text_width(columns())

    case = walk.questions_first
    keys = CASE_KEYS if case else KEYS
    help_text = f"{HELP} {CASE_HELP}" if case else HELP
    say(plain(markdown_plain(walk.graph.pack.notice, width())))
    say(wrap(help_text, width()))
    used: set[str] = set()  # answers given beforehand apply once; after 'back' we ask
    walk = walk.knowing(answers)  # the case's answers: one never asked is named at the end
    shown: Walk | None = None  # the step last read out: not repeated after a wrong reply
    while True:
        node = walk.node
        if walk is not shown:
            say("")
            say(node_text(walk.graph, node, width()))
            if case and not isinstance(node, End):
                hint = _background_hint(walk)
                if hint:
                    say(plain(wrap(hint, width())))
            shown = walk
        if isinstance(node, End):
            say("")
            say(summary_text(walk, width(), cited=case))
            unused = unused_text(walk, width())
            if unused:
                say("")
                say(unused)
            return _finish(walk, brief, ask, say, width())
        if isinstance(node, Question):
            given = node.answer_in(answers)
            if given is not None and node.id not in used:
                used.add(node.id)
                choice = node.choice(given)
                if choice is not None:
                    say(plain(wrap(f"> from your answers: {choice.label}", width(), "", "  ")))
                    walk = walk.answer(given)
                    continue
            say("")  # the question again, next to its choices: the sources pushed it up
            say(plain(wrap(inline_plain(node.title), width())))
            for number, choice in enumerate(node.choices, 1):
                say(plain(wrap(f"{number}) {choice.label}", width(), "  ", "     ")))
            prompt = f"Choose 1-{len(node.choices)} ({keys}): "
        else:
            prompt = f"Enter to continue ({keys}): "
        if len(prompt) > width():  # a narrow terminal: the keys on a line of their own
            say(wrap(prompt.rstrip(": ") + ".", width()))
            prompt = "> "
        try:
            reply = ask(prompt).strip().lower()
        except EOFError:  # the input ended: a partial walk, as from answers that stop short
            say("")
            warn(stopped_message(node))
            if brief is not None and walk.trail and _finish(walk, brief, ask, say, width()):
                return 1
            return STOPPED
        if reply in ("x", "exit"):
            quick_exit()
            return 0
        if reply in ("q", "quit"):
            if brief is not None and walk.trail:
                return _finish(walk, brief, ask, say, width())
            return 0
        if case and reply in ("i", "info"):
            say_background(walk, say, width())
            continue
        if reply in ("b", "back"):
            if walk.previous is None:
                say("This is the first step.")
            walk = walk.back()
        elif reply in ("r", "restart"):
            walk = walk.restart().knowing(answers)
        elif isinstance(node, Question):
            if reply.isdigit() and 1 <= int(reply) <= len(node.choices):
                walk = walk.answer(node.choices[int(reply) - 1].id)
            else:
                say(wrap(
                    f"Please type a number from 1 to {len(node.choices)}. {help_text}", width()
                ))
        elif reply == "":
            walk = walk.proceed() if walk.can_proceed else walk
        else:
            say(wrap(help_text, width()))


def _background_hint(walk: Walk) -> str | None:
    """At a question of a case walk: the background steps passed to reach it, by title."""
    in_background = {n.id for n in background(walk.graph, walk)}
    passed = [n for n in walk.passed if isinstance(n, Info) and n.id in in_background]
    if not passed:
        return None
    titles = "; ".join(inline_plain(n.title) for n in passed)
    return f"Background to this step: {titles} (i and Enter to read it, with its sources)"


def say_background(walk: Walk, say: Callable[[str], None], width: int) -> None:
    """Read out every background step the case walk has passed, oldest first, cited."""
    steps = background(walk.graph, walk)
    if not steps:
        say(wrap("No background steps on the way here yet.", width))
        return
    say("")
    say(wrap(f"-- Background to this case: {len(steps)} step(s) --", width))
    for node in steps:
        say("")
        say(node_text(walk.graph, node, width))
    say("")
    say(wrap("-- End of the background; back to where you were --", width))


def _finish(
    walk: Walk,
    brief: BriefRequest | None,
    ask: Callable[[str], str],
    say: Callable[[str], None],
    width: int,
) -> int:
    if brief is None:
        return 0
    say("")
    return 1 if offer_brief(walk, brief, ask, say, width) is Saved.FAILED else 0


def offer_brief(
    walk: Walk,
    brief: BriefRequest,
    ask: Callable[[str], str] | None,
    say: Callable[[str], None],
    width: int = 78,
) -> Saved:
    """Save the brief of ``walk`` after asking (``ask`` is None where nobody can answer).

    Asks to save unless ``brief.yes``; asks again before replacing a file, and with
    nobody to ask never replaces one.
    """
    targets = (brief.md, brief.js)
    why = problem_with(targets)
    if why:
        say(wrap(one_line(f"The brief was not saved: {why}."), width))
        return Saved.FAILED
    unfinished = "" if walk.finished else " (this walk is not finished; the brief says so)"
    if not brief.yes:
        if ask is None:
            say(wrap("The brief was not saved: add --yes to save it without being asked.", width))
            return Saved.FAILED
        say(wrap(f"Save the brief{unfinished}, readable only by you, as:", width))
        say(_files(targets, width))
        if not _yes(ask, "Save? (y/N): "):
            say("Not saved: nothing was written.")
            return Saved.DECLINED
    there = existing(targets)
    if there:
        already = "This file is" if len(there) == 1 else "These files are"
        already += " already there:"
        if ask is None:
            say(wrap(f"The brief was not saved. {already}", width))
            say(_files(there, width))
            say(wrap("Give another name, or run the walk where you can answer "
                     "the question to replace it.", width))
            return Saved.FAILED
        say(wrap(already, width))
        say(_files(there, width))
        if not _yes(ask, "Replace? (y/N): "):
            say("Not saved: nothing was replaced.")
            return Saved.DECLINED
    try:
        save_brief(walk, brief.md, brief.js, replace=bool(there))
    except BriefNotSaved as error:
        say(wrap(one_line(f"The brief was not saved: {error}."), width))
        return Saved.FAILED
    say(wrap("Saved, readable only by you:", width))
    say(_files(targets, width))
    return Saved.SAVED


def _files(paths: Sequence[Path], width: int) -> str:
    """One path a line, indented when it fits (a path is one word: never split); a path
    holding control characters or a newline is shown with them escaped (``one_line``)."""
    shown = [one_line(str(p)) for p in paths]
    return "\n".join(f"  {p}" if len(p) + 2 <= width else p for p in shown)


def _yes(ask: Callable[[str], str], prompt: str) -> bool:
    try:
        return ask(prompt).strip().lower() in YES
    except EOFError:
        return False
