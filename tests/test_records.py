"""Records (pathways/core/records.py): validated by pydantic-core, frozen, compared by value."""

from __future__ import annotations

import copy
import pickle
from typing import Annotated, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic_core import ValidationError

from pathways.core.model import Branch, Citation, Id, RuleGraph, Source
from pathways.core.records import Record, Str, Tagged, field, validator_for


class Leaf(Record):
    """A leaf."""

    id: Id
    size: Literal["small", "large"] = "small"
    note: Annotated[str, Str(min_length=1, max_length=5)] | None = field(
        default=None, exclude=True
    )

    def _after(self) -> None:
        if self.id == "refused":
            raise ValueError("this id is refused")


class Tree(Record):
    leaves: tuple[Leaf, ...] = field(min_length=1)
    tags: dict[Id, Id | list[Id]] = field(default_factory=dict)


class Cat(Record):
    kind: Literal["cat"]


class Dog(Record):
    kind: Literal["dog"]
    name: str


Pet = Annotated[Cat | Dog, Tagged("kind")]


def _errors(cls: type[Record], data: object) -> list[tuple[str, tuple[str | int, ...], str]]:
    with pytest.raises(ValidationError) as raised:
        cls.model_validate(data)
    return [(e["type"], tuple(e["loc"]), e["msg"]) for e in raised.value.errors()]


def test_records_are_validated_with_pydantics_error_types_places_and_words() -> None:
    assert _errors(Tree, {"leaves": [{"id": "A b"}, {"size": "huge", "x": 1}]}) == [
        ("string_pattern_mismatch", ("leaves", 0, "id"),
         "String should match pattern '^[a-z0-9][a-z0-9-]*$'"),
        ("missing", ("leaves", 1, "id"), "Field required"),
        ("literal_error", ("leaves", 1, "size"), "Input should be 'small' or 'large'"),
        ("extra_forbidden", ("leaves", 1, "x"), "Extra inputs are not permitted"),
        # as pydantic: the invalid items are left out, so the tuple is short too
        ("too_short", ("leaves",), "Tuple should have at least 1 item after validation, not 0"),
    ]
    assert _errors(Tree, {"leaves": []})[0][:2] == ("too_short", ("leaves",))
    assert _errors(Leaf, {"id": "refused"}) == [
        ("value_error", (), "Value error, this id is refused")
    ]


def test_a_tagged_union_picks_the_record_by_its_kind() -> None:
    pets = validator_for(list[Pet]).validate_python(
        [{"kind": "cat"}, {"kind": "dog", "name": "Rex"}]
    )
    assert [type(p) for p in pets] == [Cat, Dog]
    with pytest.raises(ValidationError) as raised:
        validator_for(Pet).validate_python({"kind": "cow"})
    assert raised.value.errors()[0]["type"] == "union_tag_invalid"


def test_the_before_hook_fills_in_what_the_writer_left_out() -> None:
    branch = Branch.model_validate(
        {"id": "b", "kind": "branch", "cases": [{"when": {"x": "y"}, "next": "n"}],
         "default": "d"}
    )
    assert branch.title == "Depends on: x"


def test_records_are_frozen_values() -> None:
    leaf = Leaf(id="a", note="hi")
    with pytest.raises(AttributeError, match="frozen"):
        leaf.id = "b"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="frozen"):
        del leaf.id
    assert leaf == Leaf(id="a", note="hi") and hash(leaf) == hash(Leaf(id="a", note="hi"))
    assert leaf != Leaf(id="a") and leaf != Tree(leaves=(leaf,))
    assert pickle.loads(pickle.dumps(leaf)) == leaf
    assert copy.copy(leaf) == leaf and copy.deepcopy(leaf) == leaf
    assert repr(leaf) == "Leaf(id='a', size='small', note='hi')"


def test_the_constructor_validates() -> None:
    with pytest.raises(ValidationError):
        Leaf(id="Not An Id")


def test_model_copy_changes_the_copy_only_and_does_not_validate_again() -> None:
    leaf = Leaf(id="a")
    changed = leaf.model_copy(update={"size": "large"})
    assert (leaf.size, changed.size, changed.id) == ("small", "large", "a")
    assert leaf.model_copy() == leaf and leaf.model_copy() is not leaf


def test_model_dump_gives_plain_values_without_excluded_fields() -> None:
    tree = Tree(leaves=(Leaf(id="a", note="hi"),), tags={"t": ["u"]})
    assert tree.model_dump() == {"leaves": ({"id": "a", "size": "small"},), "tags": {"t": ["u"]}}
    assert Leaf(id="a").model_dump(include={"id"}) == {"id": "a"}
    citation = Citation(source="s", quote="words")
    assert citation.model_dump(exclude_none=True) == {"source": "s", "quote": "words"}


def test_a_field_type_records_cannot_hold_is_named_when_first_validated() -> None:
    class Odd(Record):
        when: set[str]

    with pytest.raises(TypeError, match="cannot be"):
        Odd.model_validate({"when": ["x"]})


def test_every_part_of_the_shipped_pack_validates_again_from_its_dump(
    graph: RuleGraph,
) -> None:
    parts: list[Record] = [
        *graph.nodes.values(), *graph.routes.values(),
        *graph.glossary.values(), *graph.tours.values(),
        *graph.sequences.values(), graph.pack,
    ]
    for part in parts:  # (a citation's passage and speaker are resolved: not dumped)
        dumped = part.model_dump()
        assert type(part).model_validate(dumped).model_dump() == dumped
    assert pickle.loads(pickle.dumps(graph)) == graph


@given(st.dictionaries(st.sampled_from(["id", "kind", "outlet", "title", "file", "x"]),
                       st.none() | st.text(max_size=8) | st.integers() | st.lists(st.text())))
def test_any_mapping_gives_a_source_or_a_validation_error(data: dict[str, object]) -> None:
    try:
        source = Source.model_validate(data)
    except ValidationError as error:
        assert error.errors()  # each problem named, nothing else raised
    else:
        assert source.model_dump(exclude_none=True) == {
            k: v for k, v in data.items() if v is not None
        }
