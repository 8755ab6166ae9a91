"""The interactive plain-text walk, driven by scripted replies instead of a keyboard."""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from pathways.core.model import RuleGraph
from pathways.core.walk import Walk
from pathways.plain_walk import HELP, BriefRequest, prompt_walk
from tests.fixture_packs import load


@pytest.fixture(scope="module")
def graph() -> RuleGraph:
    result = load("valid")
    assert result.graph is not None
    return result.graph


class Session:
    """Scripted replies for ``ask`` and a record of everything said and asked."""

    def __init__(self, replies: Iterable[str]) -> None:
        self.replies = list(replies)
        self.prompts: list[str] = []
        self.said: list[str] = []

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if not self.replies:
            raise EOFError
        return self.replies.pop(0)

    def say(self, text: str) -> None:
        self.said.append(text)

    @property
    def text(self) -> str:
        return "\n".join(self.said)

    def run(self, graph: RuleGraph, answers: dict[str, str] | None = None) -> int:
        return prompt_walk(
            Walk.begin(graph), answers or {}, ask=self.ask, say=self.say, columns=lambda: 80
        )

    def titles(self) -> list[str]:
        return [line for line in self.said if line.startswith("== ")]


def _first_lines(session: Session) -> Callable[[str], list[str]]:
    return lambda prefix: [s.splitlines()[0] for s in session.said if s.startswith(prefix)]


def test_numbers_answer_questions_and_enter_moves_on_to_the_summary(graph: RuleGraph) -> None:
    # welcome: Enter; where: 2 (abroad); money: 1 (yes); visa-open: Enter; asylum: Enter.
    session = Session(["", "2", "1", "", ""])
    assert session.run(graph) == 0
    assert session.replies == []
    assert "== Verdicts ==" in session.text
    assert "Visitor visa: OPEN" in session.text
    assert "Asylum abroad: LONG SHOT" in session.text
    # can-fund was asked once: the asylum branch reads the answer.
    assert len(_first_lines(session)("== Can they pay")) == 1


def test_choices_are_numbered_and_the_prompt_gives_the_range(graph: RuleGraph) -> None:
    session = Session([""])
    session.run(graph)
    assert "  1) Still at home" in session.said
    assert "  2) Already abroad" in session.said
    assert session.prompts[-1] == "Choose 1-2 (b back, r restart, q quit, x quick exit): "


def test_b_goes_back_to_the_previous_stop(graph: RuleGraph) -> None:
    session = Session(["", "1", "b", "q"])
    session.run(graph)
    where_shown = _first_lines(session)("== Where are they now?")
    assert len(where_shown) == 2  # shown, answered, then shown again after 'b'
    assert _first_lines(session)("== ")[-1] == "== Where are they now? =="


def test_b_at_the_first_node_stays_there(graph: RuleGraph) -> None:
    session = Session(["b", "b", "q"])
    session.run(graph)
    assert _first_lines(session)("== ") == ["== Welcome =="]
    assert session.said.count("This is the first step.") == 2


def test_r_restarts_from_the_start(graph: RuleGraph) -> None:
    session = Session(["", "2", "r", "q"])
    session.run(graph)
    titles = _first_lines(session)("== ")
    assert titles == [
        "== Welcome ==",
        "== Where are they now? ==",
        "== Can they pay for the trip? ==",
        "== Welcome ==",
    ]


def test_q_quits_at_once_with_exit_0(graph: RuleGraph) -> None:
    session = Session(["q", "1", "1"])
    assert session.run(graph) == 0
    assert session.replies == ["1", "1"]
    assert "== Verdicts ==" not in session.text


def test_end_of_input_stops_the_walk_as_a_partial_one_with_exit_3(graph: RuleGraph) -> None:
    session = Session(["", "2"])  # abroad; then EOF at the can-fund question
    warned: list[str] = []
    code = prompt_walk(Walk.begin(graph), {}, ask=session.ask, say=session.say,
                       columns=lambda: 80, warn=warned.append)
    assert code == 3
    assert session.prompts[-1].startswith("Choose 1-2")
    assert len(warned) == 1 and warned[0].startswith("stopped: question 'can-fund' has no answer")
    assert "== Verdicts ==" not in session.text


def test_a_number_out_of_range_asks_again_with_help(graph: RuleGraph) -> None:
    session = Session(["", "7", "z", "q"])
    session.run(graph)
    said = [" ".join(line.split()) for line in session.said]  # as wrapped to the width
    assert said.count(" ".join(f"Please type a number from 1 to 2. {HELP}".split())) == 2
    # the walk does not move on, and the question is not read out again (screen readers)
    assert _first_lines(session)("== ")[1:] == ["== Where are they now? =="]
    assert session.prompts[-1].startswith("Choose 1-2")


def test_answers_from_the_command_line_are_used_once_then_asked(graph: RuleGraph) -> None:
    # welcome: Enter; location and can-fund answered from the command line; visa-blocked: back.
    session = Session(["", "b", "q"])
    session.run(graph, {"location": "abroad", "can-fund": "no"})
    assert "> from your answers: Already abroad" in session.said
    assert "> from your answers: No" in session.said
    # after going back, the person is asked rather than the given answer re-applied
    assert _first_lines(session)("== Can they pay") == ["== Can they pay for the trip? =="] * 2
    assert session.prompts[-1].startswith("Choose 1-2")
    assert session.said.count("> from your answers: No") == 1


def test_notice_and_help_are_said_first(graph: RuleGraph) -> None:
    session = Session([])
    session.run(graph)
    assert [" ".join(s.split()) for s in session.said[:2]] == [
        " ".join(graph.pack.notice.split()),
        " ".join(HELP.split()),
    ]


def test_x_clears_the_terminal_and_leaves_at_once_without_reading_on(graph: RuleGraph) -> None:
    cleared: list[bool] = []
    session = Session(["", "x", "1", "1"])
    code = prompt_walk(
        Walk.begin(graph), {}, ask=session.ask, say=session.say, columns=lambda: 80,
        quick_exit=lambda: cleared.append(True),
    )
    assert code == 0 and cleared == [True]
    assert session.replies == ["1", "1"]  # nothing more was asked
    assert session.said[-1].startswith("  2) ")  # and nothing more was said


def test_quick_exit_writes_the_same_clearing_codes_as_the_app() -> None:
    import io

    from pathways.quick_exit import CLEAR_ALL, clear_terminal

    out = io.StringIO()
    clear_terminal(out)
    assert out.getvalue() == CLEAR_ALL == "\x1b[H\x1b[2J\x1b[3J"  # home, screen, scrollback


@pytest.mark.parametrize("columns", [80, 40])
def test_every_line_fits_the_terminal_and_no_word_is_split(graph: RuleGraph, columns: int) -> None:
    session = Session(["", "2", "1", "", "", ""])
    prompt_walk(Walk.begin(graph), {}, ask=session.ask, say=session.say, columns=lambda: columns)
    lines = [line for said in session.said for line in said.splitlines()]
    lines += session.prompts
    assert all(len(line) <= columns for line in lines if " " in line.strip()), [
        line for line in lines if len(line) > columns
    ]
    words = {w for line in lines for w in line.split()}
    text = " ".join(" ".join(s.split()) for s in session.said)
    for node in graph.nodes.values():  # every word of a title shown is shown whole
        if f"== {node.title}" in text:
            assert set(node.title.split()) <= words


def test_a_narrow_terminal_puts_the_keys_on_their_own_line(graph: RuleGraph) -> None:
    session = Session([""])
    prompt_walk(Walk.begin(graph), {}, ask=session.ask, say=session.say, columns=lambda: 40)
    assert session.prompts == ["> ", "> "]
    assert any("b back, r restart" in s for s in session.said)


def test_brief_is_offered_at_the_summary_and_saved_after_yes(
    graph: RuleGraph, tmp_path: Path
) -> None:
    request = BriefRequest(tmp_path / "case.md", tmp_path / "case.json")
    session = Session(["", "2", "1", "", "", "y"])
    code = prompt_walk(
        Walk.begin(graph), {}, ask=session.ask, say=session.say, columns=lambda: 80, brief=request
    )
    assert code == 0
    assert session.prompts[-1] == "Save? (y/N): "
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.json", "case.md"]
    assert stat.S_IMODE((tmp_path / "case.md").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "case.json").stat().st_mode) == 0o600
    assert "Visitor visa" in (tmp_path / "case.md").read_text(encoding="utf-8")


def test_brief_declined_or_replace_refused_writes_nothing(graph: RuleGraph, tmp_path: Path) -> None:
    request = BriefRequest(tmp_path / "case.md", tmp_path / "case.json")
    session = Session(["", "2", "1", "", "", ""])  # Enter at "Save?": the default is no
    prompt_walk(Walk.begin(graph), {}, ask=session.ask, say=session.say, brief=request)
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "case.md").write_text("mine", encoding="utf-8")
    session = Session(["", "2", "1", "", "", "n"])  # --yes, but a file is there: asks
    request = BriefRequest(tmp_path / "case.md", tmp_path / "case.json", yes=True)
    prompt_walk(Walk.begin(graph), {}, ask=session.ask, say=session.say, brief=request)
    assert session.prompts[-1] == "Replace? (y/N): "
    assert (tmp_path / "case.md").read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "case.json").exists()


def test_quitting_before_the_summary_offers_the_unfinished_brief(
    graph: RuleGraph, tmp_path: Path
) -> None:
    request = BriefRequest(tmp_path / "b.md", tmp_path / "b.json", yes=True)
    session = Session(["", "2", "q"])
    assert prompt_walk(Walk.begin(graph), {}, ask=session.ask, say=session.say, brief=request) == 0
    assert "not finished" in (tmp_path / "b.md").read_text(encoding="utf-8")


def test_quick_exit_never_saves_the_brief(graph: RuleGraph, tmp_path: Path) -> None:
    request = BriefRequest(tmp_path / "b.md", tmp_path / "b.json", yes=True)
    session = Session(["", "2", "x"])
    prompt_walk(
        Walk.begin(graph), {}, ask=session.ask, say=session.say, brief=request,
        quick_exit=lambda: None,
    )
    assert list(tmp_path.iterdir()) == []


# -- a case walk (questions first), as `pathways walk` begins one -----------------------


def _case(session: Session, graph: RuleGraph, answers: dict[str, str] | None = None) -> int:
    return prompt_walk(
        Walk.begin(graph, questions_first=True),
        answers or {},
        ask=session.ask,
        say=session.say,
        columns=lambda: 80,
    )


def test_a_case_walk_asks_the_first_question_before_any_info_step(graph: RuleGraph) -> None:
    session = Session(["2", "1"])  # where: abroad; money: yes; then the summary
    assert _case(session, graph) == 0
    assert session.replies == []
    assert session.prompts[0].startswith("Choose 1-")
    assert not any(p.startswith("Enter to continue") for p in session.prompts)
    assert "== Welcome ==" not in session.titles()
    assert "i background" in session.prompts[0]


def test_a_case_walk_names_the_background_of_a_question_and_i_reads_it_cited(
    graph: RuleGraph,
) -> None:
    session = Session(["i", "2", "1"])
    assert _case(session, graph) == 0
    text = session.text
    assert "Background to this step: Welcome (i and Enter" in text
    background = text.split("-- Background to this case: 1 step(s) --")[1]
    background = background.split("-- End of the background")[0]
    assert "== Welcome ==" in background
    assert "This walk covers two routes." in background
    assert 'Sources:\n- Test News, "Visa rules are strict"' in background
    assert '"Visa rules are strict."' in background
    # the question is asked again after the background, and the walk goes on from there
    assert session.prompts[1].startswith("Choose 1-")
    assert "== Verdicts ==" in text


def test_the_summary_of_a_case_walk_cites_each_verdict_it_passed(graph: RuleGraph) -> None:
    session = Session(["2", "1"])
    assert _case(session, graph) == 0
    summary = session.text.split("== Verdicts ==")[1]
    assert "Visitor visa: OPEN" in summary
    assert "Asylum abroad: LONG SHOT" in summary
    assert summary.count("    Sources:") == 2
    assert '"Visa rules are strict."' in summary
    # the verdict steps themselves were passed, not read out one by one
    assert not any(t.startswith("== Asylum abroad: a long shot") for t in session.titles())


def test_i_in_a_full_walk_is_not_a_command(graph: RuleGraph) -> None:
    session = Session(["i", "q"])
    assert session.run(graph) == 0
    assert "-- Background to this case" not in session.text
    assert session.said[-1].startswith("Type a number")  # the help: i is not understood


def test_answers_given_beforehand_go_straight_to_the_cited_summary(graph: RuleGraph) -> None:
    session = Session([])
    assert _case(session, graph, {"location": "abroad", "can-fund": "yes"}) == 0
    assert session.prompts == []
    assert "> from your answers:" in session.text
    assert session.text.split("== Verdicts ==")[1].count("    Sources:") == 2


def test_an_answer_given_beforehand_that_the_walk_never_asks_is_named_at_the_summary(
    graph: RuleGraph, tmp_path: Path
) -> None:
    session = Session(["y"])
    target = BriefRequest(tmp_path / "b.md", tmp_path / "b.json", yes=True)
    code = prompt_walk(
        Walk.begin(graph, route="asylum", questions_first=True),
        {"location": "home", "can-fund": "yes"},
        ask=session.ask, say=session.say, columns=lambda: 200, brief=target,
    )
    assert code == 0
    title = graph.nodes["location"].title
    line = f"Not used on this walk: {title} (location: home) \u2014 the walk did not ask it"
    summary = next(i for i, s in enumerate(session.said) if s.startswith("== Verdicts =="))
    assert line in session.said[summary + 1:]
    assert line in (tmp_path / "b.md").read_text(encoding="utf-8")
