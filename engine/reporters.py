"""Problems and failures as text or JSON: every command reports through here.

After check-jsonschema's reporters: a small `Reporter` interface with a text
and a JSON implementation, chosen by the format a command was asked for
(`reporter("json", stream)`). Text is one `file:line:col: $.path: message`
line per problem, for people and editors' problem matchers; JSON is a list
of `{"file", "line", "column", "path", "message", "severity"}` objects, for
tools. Locating a problem uses the sources the engine already read: nothing
here opens a file.
"""

from __future__ import annotations

import json
import re
from typing import IO, Iterable, Sequence

from engine.errors import ERROR, Problem, locate_all, sort_problems  # noqa: F401 - locate_all: public here too

MAX_MESSAGE = 500

# Characters that terminals, editors' problem matchers or str.splitlines()
# read as line breaks: a message holding one would print as two problems.
_BREAKS = re.compile(r"\s*(?:\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029])\s*")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# A file name is shown whole, with every invisible character escaped.
_NAME_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(message: str) -> str:
    """A message as one readable line: line breaks (a plan check's message
    may hold some) become spaces, other control characters are shown
    escaped, and a very long message is cut."""
    text = _escaped(_BREAKS.sub(" ", message.strip()))
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE - 3] + "..."


def _escaped(text: str, controls: re.Pattern[str] = _CONTROLS) -> str:
    return controls.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def format_text(p: Problem) -> str:
    """`file:line:col: $.path: message`, with `warning: ` before a warning's message."""
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


def found(problems: Sequence[Problem]) -> str:
    """The closing line of a text report: how many errors (warnings are not counted)."""
    errors = sum(p.is_error for p in problems)
    return f"engine: {errors} problem{'s' if errors != 1 else ''} found"


class Reporter:
    """Where a command's problems and failures go, in one format. Text is
    the base: a format without its own wording of something (a usage error,
    a warning printed along the way) reports it as text."""

    def __init__(self, stream: IO[str]):
        self.stream = stream

    def _line(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()

    def problems(self, problems: Sequence[Problem], indent: str = "") -> None:
        """Every problem, in the order given (`locate_all` sorts them)."""
        for p in problems:
            self._line(indent + format_text(p))

    def warnings(self, warnings: Iterable[Problem]) -> None:
        """Warnings met along the way of a run that goes on."""
        for p in warnings:
            self._line(format_text(p))

    def failed(self, problems: Sequence[Problem]) -> None:
        """A run stopped by these problems."""
        self.problems(problems)
        self._line(found(problems))

    def fault(self, message: str, *, severity: str = ERROR, plugin: str | None = None, hook: str | None = None) -> None:
        """A failure that belongs to no file: a plugin's fault, an output
        that cannot be written, an internal error."""
        self._line(f"engine: {severity}: {one_line(message)}")

    def usage(self, message: str, command: str | None = None) -> None:
        """Wrong use of the command line (exit code 2): one line naming the command."""
        self._line(f"engine {command}: error: {message}" if command else f"engine: error: {message}")


TextReporter = Reporter


class JsonReporter(Reporter):
    """Problems and faults as one JSON list, for editors, CI and tools."""

    def _json(self, items: list[dict[str, object]]) -> None:
        self.stream.write(json.dumps(items, indent=2, ensure_ascii=False) + "\n")
        self.stream.flush()

    def problems(self, problems: Sequence[Problem], indent: str = "") -> None:
        self._json([as_dict(p) for p in problems])

    def failed(self, problems: Sequence[Problem]) -> None:
        self.problems(problems)

    def fault(self, message: str, *, severity: str = ERROR, plugin: str | None = None, hook: str | None = None) -> None:
        item: dict[str, object] = {"file": "", "line": 0, "column": 0, "path": "$", "message": one_line(message),
                                   "severity": severity}
        if plugin is not None:
            item.update(plugin=plugin, hook=hook)
        self._json([item])


REPORTERS: dict[str, type[Reporter]] = {"text": TextReporter, "json": JsonReporter}


def reporter(fmt: str, stream: IO[str]) -> Reporter:
    """The reporter for `fmt` ("text" or "json"), writing to `stream`."""
    return REPORTERS[fmt](stream)
