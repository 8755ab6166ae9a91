"""The JSON Schema of ``pathways graph --format json`` (``pathways schema --graph``).

Written out by hand, field by field, so that it is the contract: every object forbids fields it
does not list, a test validates the export of the shipped pack and the fixtures against it, and
another finds each field named in docs/graph-json.md.
"""

from __future__ import annotations

from typing import Any

from pathways.render.graph_formats import SCHEMA_VERSION

GRAPH_SCHEMA_ID = "urn:asylum-pathways:schema:graph-json"

_STR: dict[str, Any] = {"type": "string"}
_OPT_STR: dict[str, Any] = {"type": ["string", "null"]}
_IDS: dict[str, Any] = {"type": "array", "items": _STR}
_ROWS = ("where", "who_files", "needs", "how_long", "risks")  # and "cost", when given


def _object(required: dict[str, Any], optional: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "required": list(required),
        "properties": {**required, **(optional or {})},
        "additionalProperties": False,
    }


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


_NODE_COMMON: dict[str, Any] = {
    "id": _STR,
    "kind": _STR,
    "title": _STR,
    "text": _STR,
    "routes": _IDS,
    "citations": {"type": "array", "items": _ref("citation")},
}
_NODE_OPTIONAL: dict[str, Any] = {"references": _IDS, "terms": _IDS, "help": _STR}
_KINDS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "question": (
        {"fact": _STR, "choices": {"type": "array", "items": _object({"id": _STR, "label": _STR})}},
        {},
    ),
    "info": ({"next": _STR}, {}),
    "branch": (
        {
            "cases": {
                "type": "array",
                "items": _object({
                    "when": {
                        "type": "object",
                        "additionalProperties": {"anyOf": [_STR, _IDS]},
                    },
                    "next": _STR,
                }),
            },
            "default": _STR,
        },
        {},
    ),
    "verdict": (
        {
            "status": {"enum": ["open", "blocked", "long-shot", "not-applicable"]},
            "reason": _STR,
            "next_steps": _IDS,
            "next": _OPT_STR,
        },
        {"status_why": _STR},
    ),
    "end": ({}, {}),
}


def _node_kind(kind: str) -> dict[str, Any]:
    required, optional = _KINDS[kind]
    schema = _object({**_NODE_COMMON, **required}, {**_NODE_OPTIONAL, **optional})
    schema["properties"]["kind"] = {"const": kind}
    return schema


def graph_json_schema() -> dict[str, Any]:
    """The schema every ``pathways graph --format json`` output conforms to."""
    citations = {"type": "array", "items": _ref("citation")}
    cell = _object({"text": _STR, "citations": citations, "references": _IDS})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": GRAPH_SCHEMA_ID,
        "title": "asylum-pathways graph (pathways graph --format json)",
        **_object({
            "schema_version": {"const": SCHEMA_VERSION},
            "title": _STR,
            "notice": _STR,
            "sources_dated": _STR,
            "start": _STR,
            "routes": {"type": "array", "items": _ref("route")},
            "sources": {"type": "array", "items": _ref("source")},
            "glossary": {"type": "array", "items": _ref("term")},
            "nodes": {"type": "array", "items": _ref("node")},
            "sequences": {"type": "array", "items": _ref("sequence")},
            "tours": {"type": "array", "items": _ref("tour")},
        }),
        "$defs": {
            "citation": _object({"source": _STR, "quote": _STR}, {"note": _STR}),
            "route": _object({
                "id": _STR,
                "title": _STR,
                "summary": _STR,
                "entry": _STR,
                "compare": {
                    "oneOf": [
                        {"type": "null"},
                        _object(dict.fromkeys(_ROWS, cell), {"cost": cell}),
                    ]
                },
            }),
            "source": _object(
                {
                    "id": _STR,
                    "outlet": _STR,
                    "title": _STR,
                    "byline": _OPT_STR,
                    "date": _OPT_STR,
                    "url": _OPT_STR,
                    "kind": {
                        "enum": [
                            "news report", "opinion", "reader comment", "official statement",
                            "blog post", "statute", "later report",
                        ]
                    },
                    "file": _OPT_STR,
                },
                {"voice": _STR, "section": _STR, "summary": _STR, "after": _STR, "before": _STR},
            ),
            "term": _object({
                "id": _STR,
                "term": _STR,
                "definition": _STR,
                "citations": citations,
                "references": _IDS,
            }),
            "node": {
                "type": "object",
                "required": ["kind"],
                "properties": {"kind": {"enum": list(_KINDS)}},
                "allOf": [
                    {
                        "if": {"required": ["kind"], "properties": {"kind": {"const": kind}}},
                        "then": _node_kind(kind),
                    }
                    for kind in _KINDS
                ],
            },
            "sequence": _object({"id": _STR, "title": _STR, "nodes": _IDS}),
            "tour": _object({
                "id": _STR,
                "title": _STR,
                "summary": _STR,
                "steps": {
                    "type": "array",
                    "items": _object(
                        {
                            "node": _STR,
                            "heading": _STR,
                            "door": _STR,
                            "citations": citations,
                            "references": _IDS,
                        },
                        {"narration": _STR, "notes": _STR, "loop": _STR, "ask": _STR},
                    ),
                },
            }, {"loop_returns_to": _STR}),
        },
    }
