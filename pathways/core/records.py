"""Frozen records validated by pydantic-core: the base of the rule model (``model.py``).

A record class is declared as a dataclass is: annotated fields, defaults, and
:func:`field` for a description or a length. Its validator is a pydantic-core
``SchemaValidator``, built the first time the class validates something, from a core
schema this module writes from the annotations. So validation, its errors and their
messages are pydantic-core's, exactly as pydantic gave them, without pydantic's model
machinery: importing that and building its validators cost ~55 ms of every command (a
``walk --json`` costs ~130 ms CPU in all), where this module and its validators cost ~2 ms.

What the annotations may say (all the rule model needs):

- ``str``; ``Annotated[str, Str(...)]`` (a pattern, lengths, a description);
- ``Literal[...]``; ``X | None``; a union of such types; ``Annotated[A | B, Tagged("kind")]``
  (records told apart by their ``kind``);
- ``tuple[X, ...]``, ``list[X]``, ``dict[K, V]``; another record class.

A record's checks across fields are two hooks: :meth:`Record._before` (the raw mapping,
before validation) and :meth:`Record._after` (the record, after), which raise
``ValueError`` with words for the person editing the rule file.

The JSON Schema of a record (:func:`json_schema`) is pydantic's own generator run on the
same core schema, so it is imported only by the command that writes the schema.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from typing import Any, ClassVar, Literal, NamedTuple, Self, dataclass_transform

from pydantic_core import SchemaValidator, core_schema

__all__ = ["Record", "Str", "Tagged", "field", "json_schema", "validator_for"]


class Str(NamedTuple):
    """``Annotated[str, Str(...)]``: a string with a pattern, lengths and a description."""

    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    description: str | None = None


class Tagged(NamedTuple):
    """``Annotated[A | B, Tagged("kind")]``: records told apart by their ``kind`` field."""

    discriminator: str


class _Missing:
    def __repr__(self) -> str:
        return "<required>"


_REQUIRED: Any = _Missing()


class FieldSpec(NamedTuple):
    """What :func:`field` says of one field."""

    default: Any = _REQUIRED
    default_factory: Callable[[], Any] | None = None
    description: str | None = None
    min_length: int | None = None
    exclude: bool = False  # left out of model_dump (an input only, resolved by the loader)

    @property
    def required(self) -> bool:
        return self.default is _REQUIRED and self.default_factory is None


def field(
    *,
    default: Any = _REQUIRED,
    default_factory: Callable[[], Any] | None = None,
    description: str | None = None,
    min_length: int | None = None,
    exclude: bool = False,
) -> Any:
    """A field's default, description (for the JSON Schema), least length (of a tuple,
    list or mapping) and whether :meth:`Record.model_dump` leaves it out."""
    return FieldSpec(default, default_factory, description, min_length, exclude)


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
class Record:
    """A frozen record: validated by :meth:`model_validate` (or its constructor), compared
    and hashed by its fields, copied with :meth:`model_copy`, read back with
    :meth:`model_dump`.

    The slots are those pydantic-core's model validator fills: the fields go to
    ``__dict__``, and the three others are what it records beside them.
    """

    __slots__ = (
        "__dict__",
        "__pydantic_extra__",
        "__pydantic_fields_set__",
        "__pydantic_private__",
    )

    __pydantic_fields_set__: set[str]
    model_fields: ClassVar[dict[str, tuple[Any, FieldSpec]]] = {}
    model_config: ClassVar[dict[str, Any]] = {"extra": "forbid", "frozen": True}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields: dict[str, tuple[Any, FieldSpec]] = {}
        for klass in reversed(cls.__mro__):
            if not (issubclass(klass, Record) and klass is not Record):
                continue
            for name, annotation in vars(klass).get("__annotations__", {}).items():
                if typing.get_origin(annotation) is ClassVar or annotation is ClassVar:
                    continue
                given = klass.__dict__.get(name, _REQUIRED)
                spec = given if isinstance(given, FieldSpec) else FieldSpec(default=given)
                fields[name] = (annotation, spec)  # an override keeps the first position
        cls.model_fields = fields

    def __init__(self, **data: Any) -> None:
        validator_for(type(self)).validate_python(data, self_instance=self)

    # -- hooks -------------------------------------------------------------------------

    @classmethod
    def _before(cls, data: object) -> object:
        """The raw input, changed before it is validated (defaults that depend on it)."""
        return data

    def _after(self) -> None:
        """Checks across fields, once each field is valid: raise ValueError to refuse."""

    # -- the pydantic-style API the project uses ---------------------------------------

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        result: Self = validator_for(cls).validate_python(data)
        return result

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Self:
        """A copy with ``update`` applied (not validated again, as pydantic's)."""
        copied = type(self).__new__(type(self))
        fields_set = set(self.__pydantic_fields_set__)
        values = dict(self.__dict__)
        if update:
            values.update(update)
            fields_set.update(update)
        _fill(copied, values, fields_set)
        return copied

    def model_dump(
        self, *, exclude_none: bool = False, include: set[str] | None = None
    ) -> dict[str, Any]:
        """The fields as plain values (records as mappings), in declaration order."""
        out: dict[str, Any] = {}
        for name, (_, spec) in type(self).model_fields.items():
            if spec.exclude or (include is not None and name not in include):
                continue
            value = self.__dict__[name]
            if not (exclude_none and value is None):
                out[name] = _dump(value, exclude_none)
        return out

    # -- a frozen value ----------------------------------------------------------------

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: '{name}' cannot be set")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: '{name}' cannot be deleted")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__name__}({shown})"

    def __getstate__(self) -> tuple[dict[str, Any], set[str]]:
        return self.__dict__, self.__pydantic_fields_set__

    def __setstate__(self, state: tuple[dict[str, Any], set[str]]) -> None:
        _fill(self, *state)

    def __copy__(self) -> Self:
        return self.model_copy()


def _fill(record: Record, values: dict[str, Any], fields_set: set[str]) -> None:
    setattr_ = object.__setattr__
    setattr_(record, "__dict__", values)
    setattr_(record, "__pydantic_fields_set__", fields_set)
    setattr_(record, "__pydantic_extra__", None)
    setattr_(record, "__pydantic_private__", None)


def _dump(value: Any, exclude_none: bool) -> Any:
    if isinstance(value, Record):
        return value.model_dump(exclude_none=exclude_none)
    if isinstance(value, tuple):
        return tuple(_dump(item, exclude_none) for item in value)
    if isinstance(value, list):
        return [_dump(item, exclude_none) for item in value]
    if isinstance(value, dict):
        return {key: _dump(item, exclude_none) for key, item in value.items()}
    return value


# ---- annotations -> pydantic-core schemas ------------------------------------------------


# A pydantic-core schema: a TypedDict of many kinds, built and changed here as a mapping.
_Schema = Any


def _ref(cls: type[Record]) -> str:
    return f"{cls.__module__}.{cls.__qualname__}:{id(cls)}"


def _described(schema: _Schema, description: str | None) -> Any:
    if description is not None:
        schema["metadata"] = {"pydantic_js_updates": {"description": description}}
    return schema


class _Builder:
    """Core schemas for annotations; every record class becomes one definition."""

    def __init__(self) -> None:
        self.definitions: dict[type[Record], _Schema] = {}

    def schema(self, annotation: Any, *, described: bool = True) -> _Schema:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if annotation is str:
            return core_schema.str_schema()
        if isinstance(annotation, type) and issubclass(annotation, Record):
            return self.record(annotation)
        if origin is typing.Annotated:
            base, *marks = args
            for mark in marks:
                if isinstance(mark, Str):
                    schema = core_schema.str_schema(
                        pattern=mark.pattern, min_length=mark.min_length,
                        max_length=mark.max_length,
                    )
                    return _described(schema, mark.description if described else None)
                if isinstance(mark, Tagged):
                    return self.tagged(typing.get_args(base), mark.discriminator)
            raise TypeError(f"no Str or Tagged mark in {annotation!r}")
        if origin is Literal:
            return core_schema.literal_schema(list(args))
        if origin in (types.UnionType, typing.Union):
            kept = [arg for arg in args if arg is not type(None)]
            inner = (self.schema(kept[0]) if len(kept) == 1
                     else core_schema.union_schema([self.schema(arg) for arg in kept]))
            return core_schema.nullable_schema(inner) if len(kept) < len(args) else inner
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return core_schema.tuple_schema([self.schema(args[0])], variadic_item_index=0)
        if origin is list:
            return core_schema.list_schema(self.schema(args[0]))
        if origin is dict:
            return core_schema.dict_schema(self.schema(args[0]), self.schema(args[1]))
        raise TypeError(f"a record field cannot be {annotation!r}")

    def tagged(self, choices: tuple[Any, ...], tag: str) -> _Schema:
        by_tag: dict[Any, _Schema] = {}
        for choice in choices:
            (value,) = typing.get_args(_evaluated(choice, tag, choice.model_fields[tag][0]))
            by_tag[value] = self.record(choice)
        return core_schema.tagged_union_schema(by_tag, tag)

    def record(self, cls: type[Record]) -> _Schema:
        if cls not in self.definitions:
            self.definitions[cls] = core_schema.any_schema()  # placeholder: cycles end here
            self.definitions[cls] = self._record(cls)
        return core_schema.definition_reference_schema(_ref(cls))

    def _record(self, cls: type[Record]) -> _Schema:
        fields = {name: self.field(_evaluated(cls, name, annotation), spec)
                  for name, (annotation, spec) in cls.model_fields.items()}
        inner: _Schema = core_schema.model_fields_schema(
            fields, model_name=cls.__name__
        )
        if cls._before.__func__ is not Record._before.__func__:  # type: ignore[attr-defined]
            inner = core_schema.no_info_before_validator_function(cls._before, inner)
        config = core_schema.CoreConfig(title=cls.__name__, extra_fields_behavior="forbid")
        if cls._after is Record._after:
            return core_schema.model_schema(cls, inner, config=config, ref=_ref(cls))
        model = core_schema.model_schema(cls, inner, config=config)
        return core_schema.no_info_after_validator_function(_after_hook, model, ref=_ref(cls))

    def field(self, annotation: Any, spec: FieldSpec) -> _Schema:
        direct = typing.get_origin(annotation) is typing.Annotated
        description = spec.description
        if direct and description is None:  # the type's own description, said by the field
            description = next((m.description for m in typing.get_args(annotation)[1:]
                                if isinstance(m, Str)), None)
        schema = self.schema(annotation, described=not direct)
        if spec.min_length is not None:
            schema["min_length"] = spec.min_length
        if spec.default_factory is not None:
            schema = core_schema.with_default_schema(schema, default_factory=spec.default_factory)
        elif not spec.required:
            schema = core_schema.with_default_schema(schema, default=spec.default)
        return core_schema.model_field(schema, serialization_exclude=spec.exclude or None,
                                       metadata=_js_description(description))

    def whole(self, annotation: Any) -> _Schema:
        schema = self.schema(annotation)
        return core_schema.definitions_schema(schema, list(self.definitions.values()))


def _evaluated(cls: type[Record], name: str, annotation: Any) -> Any:
    """A field's annotation as an object: written as text (a module with ``from __future__
    import annotations``), it is evaluated where the class was written."""
    if isinstance(annotation, str):
        return typing.get_type_hints(cls, include_extras=True)[name]
    return annotation


def _js_description(description: str | None) -> dict[str, Any] | None:
    return {"pydantic_js_updates": {"description": description}} if description else None


def _after_hook(record: Record) -> Record:
    record._after()
    return record


_validators: dict[Any, SchemaValidator] = {}


def core_schema_for(annotation: Any) -> _Schema:
    """The pydantic-core schema that validates ``annotation`` (a record class, or any
    annotation a field may have)."""
    return _Builder().whole(annotation)


def validator_for(annotation: Any) -> SchemaValidator:
    """The validator of a record class or annotation: built once, on first use."""
    validator = _validators.get(annotation)
    if validator is None:
        validator = _validators[annotation] = SchemaValidator(core_schema_for(annotation))
    return validator


def json_schema(cls: type[Record]) -> dict[str, Any]:
    """The JSON Schema of a record class, by pydantic's generator (imported here only)."""
    from pydantic.json_schema import GenerateJsonSchema

    generated: dict[str, Any] = GenerateJsonSchema().generate(core_schema_for(cls))
    return generated
