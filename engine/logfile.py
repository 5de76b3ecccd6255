"""One log file as read: its text and CSV dialect, and the problems found
in it, each located at the line and character column of its cell."""

from __future__ import annotations

import re

from engine.errors import WARNING, JsonPath, Problem

SHOWN = 5  # errors of one kind in one column shown one by one
_KIND = re.compile(r"'[^']*'|-?\b\d[\d.,:-]*\b")  # what differs row to row in one kind of error: the cell's text


class LogFile:
    """Problems and helpers for one log file."""

    def __init__(self, display: str, units_from: str) -> None:
        self.file = display
        self.units_from = units_from  # where the default units came from, for the warning
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.text: str | None = None
        self.delimiter = ","
        self.decimal: str | None = None  # the file's decimal mark, when it shows one
        self._starts: list[int] | None = None
        self._newlines: list[int] | None = None
        self.load_column: str | None = None  # the header of the load cell, once the format is known
        self.load_field = 0  # its place in a row, 1-based (0: none)
        # the errors of each kind in each column, past the first few: their lines, for one error that says them all
        self._same: dict[tuple[int, str], list[tuple[int, JsonPath, str]]] = {}

    def error(self, message: str, line: int = 1, field: int = 1, path: JsonPath = ()) -> None:
        """An error at a cell. Past `SHOWN` of one kind in one column (an empty weight column, a date format
        the engine does not read), the rest are one error that counts them (`said`): not a screen of them."""
        # one kind of mistake in a column: the message up to its first colon, the cell's text aside ("missing
        # load" on every row whatever the exercise; a typo '1OO' and a negative load are two kinds)
        kind = (field, _KIND.sub("...", message.split(": ", 1)[0]))
        same = self._same.setdefault(kind, [])
        same.append((line, path, message))
        if len(same) > SHOWN:
            return
        line, column = self.locate(line, field)
        self.errors.append(Problem(self.file, path, message, line=line, column=column))

    def said(self) -> None:
        """One error for each kind past its first few: "45 more like it in this column (lines 7, 8, ...)"."""
        for (field, _), lines in self._same.items():
            more = lines[SHOWN:]
            if len(more) == 1:  # one more: said as it is
                line, column = self.locate(more[0][0], field)
                self.errors.append(Problem(self.file, more[0][1], more[0][2], line=line, column=column))
            elif more:
                shown = ", ".join(str(n) for n, _, _ in more[:5]) + (f" and {len(more) - 5} more" * (len(more) > 5))
                line, column = self.locate(more[0][0], field)
                self.errors.append(Problem(self.file, more[0][1], f"{len(more)} more like it in this column "
                                           f"(lines {shown})", line=line, column=column))

    def warn(self, message: str, line: int = 1, field: int = 1, path: JsonPath = ()) -> None:
        line, column = self.locate(line, field)
        self.warnings.append(Problem(self.file, path, message, WARNING, line=line, column=column))

    def load_cell(self, line: int, index: int) -> tuple[JsonPath, int, int]:
        """Where a set's load was written: its path (`$[index].<load column>`),
        line and character column; the row's first cell when the file has no
        load column."""
        if not self.load_field or self.load_column is None:
            return (), *self.locate(line, 1)
        return (index, self.load_column), *self.locate(line, self.load_field)

    def locate(self, line: int, field: int) -> tuple[int, int]:
        """Line and character column of a cell, from the csv module's line
        count and the cell's position in its row. The csv module counts a
        lone carriage return as a line break; editors and the rest of the
        engine count newlines. A missing cell is placed where its row ends.
        Runs only for problems: a scan of the row, a bisection for the line."""
        text = self.text
        if text is None:
            return line, 1
        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer(r"\r\n?|\n", text)]
        starts = self._starts
        offset = _cell_offset(text, starts[min(max(line, 1), len(starts)) - 1], field, self.delimiter)
        if self._newlines is None and "\r" in text:  # only carriage returns need the mapping
            self._newlines = [m.start() for m in re.finditer("\n", text)]
        if self._newlines is not None:
            import bisect

            number = bisect.bisect_left(self._newlines, offset) + 1
        else:  # the csv module's count is already ours
            number = min(max(line, 1), len(starts))
            if offset != starts[number - 1]:
                number = text.count("\n", starts[number - 1], offset) + number
        line_start = text.rfind("\n", 0, offset) + 1
        return number, offset - line_start + 1


def _cell_offset(text: str, offset: int, field: int, delimiter: str) -> int:
    """Where cell `field` (1-based) of the row starting at `offset` begins;
    a missing cell is placed where its row ends."""
    n, quoted, i = 1, False, offset
    while n < field and i < len(text):
        c = text[i]
        if c == '"':
            quoted = not quoted
        elif not quoted and c == delimiter:
            n += 1
            offset = i + 1
        elif not quoted and c in "\r\n":
            return i
        i += 1
    return i if n < field else offset
