"""The JSON Schema of rule files, for editors and standard validators.

pydantic describes the node kinds as a ``oneOf`` with a ``discriminator``, which standard
JSON Schema validators ignore: a node missing one field then fails against every kind at
once. Here each kind is chosen with ``if kind == X then <X>``, so a validator reports the
one field that is wrong, as ``pathways validate`` does.
"""

from __future__ import annotations

import json
from typing import Any

from pathways.core.model import RuleFile
from pathways.core.records import json_schema

SCHEMA_ID = "urn:asylum-pathways:schema:rule-file"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _if_then(union: dict[str, Any]) -> dict[str, Any]:
    """A discriminated ``oneOf`` -> ``required kind`` + one ``if``/``then`` per kind."""
    prop = union["discriminator"]["propertyName"]
    mapping: dict[str, str] = union["discriminator"]["mapping"]
    return {
        "type": "object",
        "required": [prop],
        "properties": {prop: {"enum": list(mapping)}},
        "allOf": [
            {
                "if": {
                    "type": "object",
                    "required": [prop],
                    "properties": {prop: {"const": tag}},
                },
                "then": {"$ref": ref},
            }
            for tag, ref in mapping.items()
        ],
    }


def _rewrite(value: Any) -> Any:
    if isinstance(value, dict):
        if "discriminator" in value and "oneOf" in value:
            return _if_then(value)
        return {key: _rewrite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_rewrite(item) for item in value]
    return value


def rule_file_schema() -> dict[str, Any]:
    """The schema every rule file conforms to."""
    schema: dict[str, Any] = _rewrite(json_schema(RuleFile))
    return {
        "$schema": DIALECT,
        "$id": SCHEMA_ID,
        "title": "asylum-pathways rule file",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as the text of a .json file (rules/schema.json holds exactly this)."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
