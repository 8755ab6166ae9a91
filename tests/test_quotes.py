"""Quote matching: NFC, and a closest-passage suggestion that stays fast on large sources."""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

from pathways.core.model import Source
from pathways.core.quotes import (
    NOT_SEARCHED,
    SourceTexts,
    closest_passage,
    normalise,
)

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
WORDS = [
    "the", "officer", "said", "that", "a", "visitor", "must", "show", "money", "and", "a",
    "reason", "to", "go", "home", "while", "the", "consulate", "in", "Moscow", "takes",
    "months", "to", "answer", "and", "most", "applicants", "have", "none", "of", "it",
]


def _source(file: str = "text.txt") -> Source:
    return Source(id="s", kind="news report", outlet="O", title="T", date="2017-05-17",
                  file=file)


def _prose(chars: int) -> str:
    words: list[str] = []
    size = 0
    index = 0
    while size < chars:
        word = WORDS[(index * 7 + index // len(WORDS)) % len(WORDS)]
        words.append(word)
        size += len(word) + 1
        index += 1
    return " ".join(words)


def test_a_composed_and_a_decomposed_letter_match(tmp_path: Path) -> None:
    composed = unicodedata.normalize("NFC", "Le café est fermé.")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    (tmp_path / "text.txt").write_text(f"Il dit: {decomposed} Fin.", encoding="utf-8")
    assert SourceTexts(tmp_path).contains(_source(), composed)
    assert normalise(decomposed) == normalise(composed)


def test_closest_passage_is_the_misquoted_sentence_in_whole_words() -> None:
    text = normalise("Opening words. Visa rules are strict. Even a tourist visa needs money.")
    assert closest_passage(text, "Visa rules are lax.") == "Visa rules are strict."


def test_closest_passage_of_a_misquote_in_a_megabyte_is_found_in_well_under_a_second() -> None:
    needle = "a sentence nobody else wrote about the Chechen police and their lists"
    text = _prose(500_000) + " " + needle + " " + _prose(500_000)
    started = time.perf_counter()
    found = closest_passage(text, needle.replace("police", "polise").replace("lists", "list"))
    seconds = time.perf_counter() - started
    assert found == needle
    assert seconds < 1.0, f"{seconds:.2f} s"


def test_a_quote_of_20000_characters_against_a_large_source_is_bounded() -> None:
    text = _prose(300_000)
    quote = text[100_000:120_000].replace("money", "monkey")
    started = time.perf_counter()
    found = closest_passage(text, quote)
    assert time.perf_counter() - started < 1.5
    assert found and found.split(" ")[0] in quote


def test_suggestions_stop_when_their_time_is_used_up(tmp_path: Path) -> None:
    (tmp_path / "text.txt").write_text("Visa rules are strict.", encoding="utf-8")
    texts = SourceTexts(tmp_path)
    assert texts.closest(_source(), "Visa rules are lax.") == "Visa rules are strict."
    texts._closest_spent = 1e9  # as if many misquotes had taken all the time
    assert texts.closest(_source(), "Visa rules are lax.") == NOT_SEARCHED


def test_a_source_that_is_a_fifo_or_a_link_out_is_not_read(tmp_path: Path) -> None:
    import os

    folder = tmp_path / "sources"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (tmp_path / "outside.txt").write_text("Visa rules are strict.")
    (folder / "out.txt").symlink_to(tmp_path / "outside.txt")
    texts = SourceTexts(folder)
    assert texts.get(_source("pipe.txt")) is None
    assert texts.get(_source("out.txt")) is None
