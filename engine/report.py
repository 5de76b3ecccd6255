"""Print problems as `file:line:col: $.path: message` lines or as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Mapping

from engine.errors import ERROR, EngineError, Problem, sort_problems


def locate_all(problems: Iterable[Problem], sources: Mapping[str, str] | None = None) -> list[Problem]:
    """Give every unlocated problem a line and column from its file's source."""
    sources = dict(sources or {})
    locators: dict[str, Any] = {}  # file -> Locator, or None when unreadable
    out = []
    for p in problems:
        if p.line:
            out.append(p)
            continue
        if p.file not in locators:
            from engine.locate import Locator  # only when there is something to locate

            text = sources.get(p.file)
            if text is None:
                from engine.rules import read_text
                try:
                    text = read_text(Path(p.file), p.file)
                except (EngineError, OSError, ValueError):
                    text = None
            locators[p.file] = Locator(text) if text is not None else None
        loc = locators[p.file]
        line, column = loc.locate(p.path, key=p.at_key) if loc else (1, 1)
        out.append(p.at(line, column))
    return sort_problems(out)


def format_text(p: Problem) -> str:
    from engine.locate import format_path

    label = "" if p.severity == ERROR else f"{p.severity}: "
    return f"{p.file}:{p.line or 1}:{p.column or 1}: {format_path(p.path)}: {label}{p.message}"


def as_dict(p: Problem) -> dict[str, object]:
    from engine.locate import format_path

    return {
        "file": p.file, "line": p.line or 1, "column": p.column or 1,
        "path": format_path(p.path), "message": p.message, "severity": p.severity,
    }


def render_text(problems: Iterable[Problem]) -> str:
    return "".join(format_text(p) + "\n" for p in problems)


def render_json(problems: Iterable[Problem]) -> str:
    return json.dumps([as_dict(p) for p in problems], indent=2, ensure_ascii=False) + "\n"
