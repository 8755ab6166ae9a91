"""The interactive plain-text walk: numbered prompts, usable with a screen reader."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from pathways.core.model import End, Question
from pathways.core.safe_text import one_line, plain
from pathways.core.walk import Walk
from pathways.render.walk_text import node_text, summary_text

HELP = "Type a number and Enter. b = back, r = restart, q = quit."


def prompt_walk(
    walk: Walk,
    answers: Mapping[str, str],
    ask: Callable[[str], str] = input,
    say: Callable[[str], None] = print,
) -> int:
    """Walk interactively; answers given on the command line are used without asking."""
    say(plain(walk.graph.pack.notice.strip()))
    say(HELP)
    used: set[str] = set()  # command-line answers apply once; after 'back' we ask
    shown: Walk | None = None  # the step last read out: not repeated after a wrong reply
    while True:
        node = walk.node
        if walk is not shown:
            say("")
            say(node_text(walk.graph, node))
            shown = walk
        if isinstance(node, End):
            say("")
            say(summary_text(walk))
            return 0
        if isinstance(node, Question):
            given = node.answer_in(answers)
            if given is not None and node.id not in used:
                used.add(node.id)
                if node.choice(given) is not None:
                    say(f"> answered on the command line: {one_line(given)}")
                    walk = walk.answer(given)
                    continue
            for number, choice in enumerate(node.choices, 1):
                say(f"  {number}) {one_line(choice.label)}")
            prompt = f"Choose 1-{len(node.choices)} (b back, r restart, q quit): "
        else:
            prompt = "Press Enter to continue (b back, r restart, q quit): "
        try:
            reply = ask(prompt).strip().lower()
        except EOFError:
            say("")
            return 0
        if reply in ("q", "quit"):
            return 0
        if reply in ("b", "back"):
            if walk.previous is None:
                say("This is the first step.")
            walk = walk.back()
        elif reply in ("r", "restart"):
            walk = walk.restart()
        elif isinstance(node, Question):
            if reply.isdigit() and 1 <= int(reply) <= len(node.choices):
                walk = walk.answer(node.choices[int(reply) - 1].id)
            else:
                say(f"Please type a number from 1 to {len(node.choices)}. {HELP}")
        elif reply == "":
            walk = walk.proceed() if walk.can_proceed else walk
        else:
            say(HELP)
