from pathlib import Path

from pathways.core.model import RuleGraph
from pathways.render.loop_diagram import loop_diagram, loop_text

LABELS = ["asylum needs presence", "presence needs a visa", "a visa needs proof of return"]


def test_loop_reveals_labels_step_by_step_and_stays_open() -> None:
    text = loop_text(LABELS, 2)
    assert "asylum needs presence" in text and "presence needs a visa" in text
    assert "proof of return" not in text
    assert "not closed yet" in text
    assert "┌" not in text


def test_loop_closes_only_when_every_label_is_shown() -> None:
    lines = loop_diagram(LABELS, len(LABELS))
    assert lines[0].text.startswith("┌─▶ ")
    assert lines[-1].role == "closing"
    assert [line.role for line in lines].count("current") == 1


def test_loop_clamps_revealed_and_shortens_long_labels() -> None:
    assert loop_text(LABELS, 99) == loop_text(LABELS, 3)
    assert "?" in loop_text(LABELS, -1)
    long = loop_diagram(["x" * 100], 1, width=20)
    assert all(len(line.text) <= 20 for line in long)


def test_loop_returns_to_the_named_label_and_says_so() -> None:
    lines = loop_diagram(LABELS, len(LABELS), width=60, returns_to=1)
    texts = [line.text for line in lines]
    assert texts[0] == "    asylum needs presence"  # before the loop: no edge beside it
    assert texts[2] == "┌─▶ presence needs a visa"
    assert texts[4] == "│   a visa needs proof of return"
    assert texts[-1] == "└───  back to “presence needs a visa”: the loop is closed"


def test_compact_loop_has_no_arrow_rows_and_splits_a_long_closing_line() -> None:
    lines = loop_diagram(LABELS, len(LABELS), width=40, returns_to=1, compact=True)
    texts = [line.text for line in lines]
    assert texts[:3] == [
        "    asylum needs presence",
        "┌─▶ presence needs a visa",
        "│   a visa needs proof of return",
    ]
    assert texts[3:] == ["└───  back to “presence needs a visa”", "      the loop is closed"]
    assert all(len(text) <= 40 for text in texts)


def test_the_shipped_tour_loop_and_its_text_agree(graph: RuleGraph) -> None:
    from pathways.render.loop_diagram import closing_words

    tour = graph.tours["catch-22"]
    labels = tour.loop_labels()
    target = labels[tour.loop_return_index()]
    # The one definition: the tour names the step the loop returns to ...
    assert tour.loop_returns_to is not None
    assert next(s for s in tour.steps if s.node == tour.loop_returns_to).loop == target
    # ... and no step's own words name another place to go back to.
    for step in tour.steps:
        for words in (step.narration or "", step.door, step.notes or ""):
            flat = " ".join(words.split()).lower()
            assert "back to" not in flat or target in flat, step.node
    assert closing_words(labels, tour.loop_return_index()) == (
        f"back to “{target}”: the loop is closed"
    )


def test_loop_returns_to_must_name_a_step_with_a_loop_label(tmp_path: Path) -> None:
    import shutil

    from pathways.core.check import check
    from pathways.core.load import load_pack

    pack = tmp_path / "pack"
    shutil.copytree(Path(__file__).parent / "fixtures" / "tour-small", pack)
    tours = pack / "tours.yaml"
    wrong = tours.read_text().replace("loop_returns_to: can-fund", "loop_returns_to: nowhere")
    tours.write_text(wrong)
    problems = check(load_pack(pack))
    assert [(Path(p.file).name, p.code) for p in problems] == [("tours.yaml", "schema")]
    assert "loop_returns_to 'nowhere'" in problems[0].message
    assert "welcome, can-fund, location" in problems[0].message
