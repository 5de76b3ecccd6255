"""Print problems as `file:line:col: $.path: message` lines or as JSON."""

from __future__ import annotations

import json
import re
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
                from engine.documents import read_text
                try:
                    text = read_text(Path(p.file), p.file)
                except (EngineError, OSError, ValueError):
                    text = None
            locators[p.file] = Locator(text) if text is not None else None
        loc = locators[p.file]
        line, column = loc.locate(p.path, key=p.at_key) if loc else (1, 1)
        out.append(p.at(line, column))
    return sort_problems(out)


MAX_MESSAGE = 500

# Characters that terminals, editors' problem matchers or str.splitlines()
# read as line breaks: a message holding one would print as two problems.
_BREAKS = re.compile(r"\s*(?:\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029])\s*")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def one_line(message: str) -> str:
    """A message as one readable line: line breaks (a plan check's message
    may hold some) become spaces, other control characters are shown
    escaped, and a very long message is cut."""
    text = _escaped(_BREAKS.sub(" ", message.strip()))
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE - 3] + "..."


def _escaped(text: str, controls: re.Pattern[str] = _CONTROLS) -> str:
    return controls.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# A file name is shown whole, with every invisible character escaped.
_NAME_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def format_text(p: Problem) -> str:
    from engine.locate import format_path

    label = "" if p.severity == ERROR else f"{p.severity}: "
    file = _escaped(p.file, _NAME_CONTROLS)
    return f"{file}:{p.line or 1}:{p.column or 1}: {format_path(p.path)}: {label}{one_line(p.message)}"


def as_dict(p: Problem) -> dict[str, object]:
    from engine.locate import format_path

    return {
        "file": p.file, "line": p.line or 1, "column": p.column or 1,
        "path": format_path(p.path), "message": one_line(p.message), "severity": p.severity,
    }


def render_text(problems: Iterable[Problem]) -> str:
    return "".join(format_text(p) + "\n" for p in problems)


def render_json(problems: Iterable[Problem]) -> str:
    return json.dumps([as_dict(p) for p in problems], indent=2, ensure_ascii=False) + "\n"
