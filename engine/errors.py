"""Problems found in a coach's files, and the exception that carries them.

Every check in the engine (TOML syntax, JSON Schema, semantic checks, plan
checks from plugins) reports the same `Problem` shape, so one reporter can
print them as `file:line:col: $.path: message` or as JSON.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

from engine.model.base import Frozen, replace, set_field

JsonPath = tuple[str | int, ...]

ERROR = "error"
WARNING = "warning"


class Problem(Frozen):
    """One located finding. `line`/`column` are 1-based; 0 means unknown."""

    __slots__ = ("file", "path", "message", "severity", "line", "column", "rank", "at_key")
    _not_compared = ("rank", "at_key")
    file: str
    path: JsonPath
    message: str
    severity: str
    line: int
    column: int
    # How well this finding explains the failure; lower sorts first.
    rank: int
    # Point at the key rather than the value (e.g. for an unknown key).
    at_key: bool

    def __init__(
        self,
        file: str,
        path: JsonPath,
        message: str,
        severity: str = ERROR,
        line: int = 0,
        column: int = 0,
        rank: int = 50,
        at_key: bool = False,
    ) -> None:
        set_field(self, "file", file)
        set_field(self, "path", path)
        set_field(self, "message", message)
        set_field(self, "severity", severity)
        set_field(self, "line", line)
        set_field(self, "column", column)
        set_field(self, "rank", rank)
        set_field(self, "at_key", at_key)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def at(self, line: int, column: int) -> "Problem":
        return replace(self, line=line, column=column)


class EngineError(Exception):
    """Raised with every problem found, so the user sees them all at once.
    `sources` holds the text of the files read so far, by name, so that
    problems are located without reading any file again."""

    def __init__(self, problems: Sequence[Problem], sources: Mapping[str, str] | None = None):
        self.problems = tuple(problems)
        self.sources = dict(sources or {})
        super().__init__("; ".join(p.message for p in self.problems[:3]))


class PluginError(Exception):
    """A plugin failed while the engine was calling it."""

    def __init__(self, plugin: str, hook: str, message: str):
        self.plugin = plugin
        self.hook = hook
        super().__init__(f"plugin {plugin!r} failed in {hook}: {message}")


class UsageError(Exception):
    """An argument the caller passed cannot be used (a start date, an
    output path, exporter options), as opposed to a problem in a file; the
    command line reports it as wrong use (exit code 2). The message is
    worded for any caller: `argument` names the parameter it is about, and
    `hint` a way out that the caller words its own way ("print": send the
    output to standard output instead), so that the command line can name
    its own options. `key` names the entry of that argument at fault, when
    it is a mapping (one of the exporter options)."""

    def __init__(self, message: str, argument: str | None = None, hint: str | None = None,
                 key: str | None = None):
        super().__init__(message)
        self.argument = argument
        self.hint = hint
        self.key = key


class CannotExport(Exception):
    """Raised by an exporter for a problem the user can fix (a plan without
    dates for a calendar, an unknown time zone): reported as an error in the
    rule file's export options, not as a fault of the plugin. `option`
    names the option at fault, when one is (`[export.NAME].option`)."""

    def __init__(self, message: str, option: str | None = None):
        super().__init__(message)
        self.option = option


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Errors before warnings, best explanation first, then source order."""
    return sorted(
        problems,
        key=lambda p: (p.severity != ERROR, p.file, p.rank, p.line, p.column, p.message),
    )


def suggest(word: Any, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """"; did you mean 'squat'?" for a close match among `choices`, else ""."""
    if not isinstance(word, str):
        return ""
    import difflib  # only when there is a misspelling to explain

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return f"; did you mean {close[0]!r}?" if close else ""


def lower_first(text: str) -> str:
    """A message to follow a colon: its first letter lower case, unless it
    starts an acronym ("TOML")."""
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def shorten(text: str, limit: int = 60) -> str:
    """Keep messages on one readable line: escape invisible characters and
    cut long values."""
    text = "".join(
        ch if ch.isprintable() and (ch == " " or not ch.isspace()) else f"\\u{ord(ch):04x}"
        for ch in text[: limit * 2])
    return text if len(text) <= limit else text[: limit - 3] + "..."


def locate_all(problems: Iterable[Problem], sources: Mapping[str, str] | None = None) -> list[Problem]:
    """Every problem with a line and column, from its file's text in
    `sources` (the text read for the run); a problem in a file whose text
    is not there points at its first line."""
    sources = sources or {}
    locators: dict[str, Any] = {}  # file -> Locator, or None without a source
    out = []
    for p in problems:
        if p.line:
            out.append(p)
            continue
        if p.file not in locators:
            text = sources.get(p.file)
            if text:
                from engine.locate import Locator  # only when there is something to locate

                locators[p.file] = Locator(text)
            else:
                locators[p.file] = None
        loc = locators[p.file]
        line, column = loc.locate(p.path, key=p.at_key) if loc else (1, 1)
        out.append(p.at(line, column))
    return sort_problems(out)
