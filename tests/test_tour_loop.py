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
