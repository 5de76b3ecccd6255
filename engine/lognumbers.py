"""Numbers as workout-log apps write them.

Apps follow the phone's locale: `1,000.5`, `1.000,5`, `1 000,5`, `102,5`.
A cell is read when only one value fits it: `1,234.5` (both marks: the
last one is the decimal mark), `1,234,567` (a mark repeated groups
thousands), `102,5` or `60.25` (not three digits after the mark), `0,500`
(no group starts with 0). `1,000` could be 1000 or 1.0; the file decides
when it shows its decimal mark (another cell such as `60.5` or `102,5`, or
else a comma separator), else the one value within the column's range,
else it is refused: a misread load is worse than a question.
"""

from __future__ import annotations

import re

DECIMAL_MARKS = (".", ",")
# Digits, decimal marks, and what groups thousands: spaces (thin and
# no-break ones too) and the Swiss apostrophe.
_NUMBER = re.compile(r"[0-9.,' \u00a0\u202f]+")  # (ASCII digits: "６" is not a load an app writes)


class Ambiguous(ValueError):
    """More than one value fits the cell."""


def convention(text: str, delimiter: str) -> str | None:
    """The decimal mark a whole log file shows, or None. A cell with one or
    two digits after its only mark (`60.5`, `"102,5"`) shows it, unless
    cells disagree; without such a cell, a comma-separated file is taken to
    write decimals with a point (a decimal comma would need quotes on every
    number)."""
    d = re.escape(delimiter)
    shown = set()
    for mark in DECIMAL_MARKS:
        # In a comma-separated file, a comma inside a number is quoted:
        # unquoted, "8,0" is two cells.
        quote = '"' if mark == delimiter else '"?'
        cell = rf'(?:^|{d}) *{quote} *[+-]?\d+{re.escape(mark)}\d{{1,2}} *{quote} *(?={d}|\r|\n|$)'
        if re.search(cell, text, re.M):
            shown.add(mark)
    if len(shown) == 1:
        return shown.pop()
    return "." if delimiter == "," and not shown else None


def readings(text: str) -> dict[str, float]:
    """Each value `text` stands for, by the decimal mark that gives it
    ("" for a number without one); empty when it is not a number."""
    body = text.strip()
    sign = -1.0 if body.startswith("-") else 1.0
    body = body[1:] if body[:1] in ("+", "-") else body
    if not _NUMBER.fullmatch(body):  # no app writes 1e2, 2_2_5, nan or another script's digits
        return {}
    if body.isdigit():
        return {"": sign * float(body)}
    found = {mark: _read(body, mark) for mark in DECIMAL_MARKS}
    values = {mark: sign * value for mark, value in found.items() if value is not None}
    if len(set(values.values())) == 1:  # "1 000": the same whatever the mark
        return {"": next(iter(values.values()))}
    return values


def _read(body: str, decimal: str) -> float | None:
    """`body` read with `decimal` as the decimal mark, or None."""
    whole, mark, fraction = body.rpartition(decimal) if decimal in body else (body, "", "")
    if mark and not fraction.isdigit():
        return None
    grouping = {c for c in whole if not c.isdigit()}
    if decimal in grouping or len(grouping) > 1:
        return None
    if grouping:
        parts = whole.split(grouping.pop())
        first = parts[0]
        if not (first.isdigit() and len(first) <= 3 and first[0] != "0"):
            return None
        if not all(len(p) == 3 and p.isdigit() for p in parts[1:]):
            return None
        whole = "".join(parts)
    whole = whole or "0"  # ",5"
    if not whole.isdigit():
        return None
    return float(f"{whole}.{fraction}" if mark else whole)


def read_number(text: str, decimal: str | None, lo: float, hi: float) -> float:
    """The one value `text` stands for in a file whose decimal mark is
    `decimal` (None: unknown) and a column from `lo` to `hi`. Raises
    ValueError when it is no number, Ambiguous when it could be several."""
    head, dot, tail = text.partition(".")
    if head.isdigit() and head.isascii() and (not dot or len(tail) != 3 and tail.isdigit() and tail.isascii()):
        return float(text)  # "8", "102.5": what nearly every cell holds, and one reading whatever the mark
    values = readings(text)
    if not values:
        raise ValueError(text)
    if len(values) == 1:
        return next(iter(values.values()))
    if decimal in values:
        return values[decimal]
    fitting = [v for v in values.values() if lo <= v <= hi]
    if len(fitting) == 1:
        return fitting[0]
    shown = " or ".join(f"{v:g}" for v in sorted(values.values(), reverse=True))
    raise Ambiguous(f"could be {shown}: nothing else in this file shows whether ',' and '.' mark "
                    "decimals or thousands; write the number without a thousands separator")
