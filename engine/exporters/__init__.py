"""Built-in exporters: text (default), json (the documented contract), markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Mapping

from engine import hookimpl
from engine.components import Exporter

if TYPE_CHECKING:
    from engine.model import Plan


def _text(plan: Plan, options: Mapping[str, Any]) -> str:
    from engine.exporters.text import render
    return render(plan, options)


def _json(plan: Plan, options: Mapping[str, Any]) -> str:
    from engine.exporters.json import render
    return render(plan, options)


def _markdown(plan: Plan, options: Mapping[str, Any]) -> str:
    from engine.exporters.markdown import render
    return render(plan, options)


_NOTES = {"notes": {"type": "boolean", "default": True,
                    "description": "Include the coaching notes at the end.", "examples": [False]}}


@hookimpl
def engine_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(Exporter("text", _text, "Aligned plain text for the terminal.", ".txt",
                      {"properties": dict(_NOTES), "additionalProperties": False}))
    register(Exporter("json", _json, "The JSON contract other tools read.", ".json",
                      {"properties": {
                          "indent": {"type": "integer", "minimum": 0, "maximum": 8, "default": 2,
                                     "description": "Spaces per indent level.", "examples": [2]},
                          "compact": {"type": "boolean", "default": False,
                                      "description": "One line with no indentation: the smallest and fastest "
                                                     "output, for programs rather than people.",
                                      "examples": [True]}},
                       "additionalProperties": False}))
    register(Exporter("markdown", _markdown, "Markdown with one table per training day.", ".md",
                      {"properties": dict(_NOTES), "additionalProperties": False}))
