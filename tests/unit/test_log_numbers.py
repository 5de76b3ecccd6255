"""Numbers with thousands separators and decimal commas, as log apps write
them: read correctly where only one value fits, refused with a located
message where several do; never a silently wrong value (`1,000` read as 1).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_hostile import FUZZ, examples

from engine.catalog import builtin_exercises
from engine.errors import EngineError
from engine.lognumbers import Ambiguous, read_number, readings
from engine.logs import ExerciseNames, read_logs

# How locales write 1234567.25: the mark grouping thousands, the decimal mark.
STYLES = {
    "en": (",", "."),
    "de": (".", ","),
    "fr": ("\u202f", ","),
    "fr-nbsp": ("\u00a0", ","),
    "space": (" ", "."),
    "ch": ("'", "."),
    "plain-point": ("", "."),
    "plain-comma": ("", ","),
}


def written(value: int, cents: int, digits: int, style: str) -> str:
    """`value` + `cents` / 10**digits, written in `style`."""
    group, decimal = STYLES[style]
    whole = f"{value:,}".replace(",", group) if group else str(value)
    return whole + (f"{decimal}{cents:0{digits}d}" if digits else "")


NUMBERS = st.tuples(st.integers(0, 99_999_999), st.integers(0, 999), st.integers(0, 3),
                    st.sampled_from(sorted(STYLES)))


@settings(max_examples=examples(400), deadline=None)
@given(number=NUMBERS)
def test_a_number_is_read_right_or_refused_never_misread(number):
    value, cents, digits, style = number
    cents %= 10 ** digits if digits else 1
    text = written(value, cents, digits, style)
    expected = value + (cents / 10 ** digits if digits else 0)
    # Knowing the file's decimal mark, every style reads right.
    assert read_number(text, STYLES[style][1], 0, 1e12) == pytest.approx(expected)
    # Not knowing it: the right value, or a refusal; never another value.
    try:
        assert read_number(text, None, 0, 1e12) == pytest.approx(expected)
    except Ambiguous:
        assert len(readings(text)) == 2


@pytest.mark.parametrize("text, value", [
    ("1,000.5", 1000.5), ("1.000,5", 1000.5), ("1,234,567", 1234567), ("1.234.567", 1234567),
    ("102,5", 102.5), ("60.25", 60.25), ("0,500", 0.5), ("1 000", 1000), ("1\u202f000,5", 1000.5),
    ("-1,000.5", -1000.5), (",5", 0.5),
])
def test_cells_only_one_value_fits(text, value):
    assert read_number(text, None, -1e9, 1e9) == value


@pytest.mark.parametrize("text", ["1,2,3", "12,34,567", "1.000,000.5", "1 ,000", "0,000,1", "x", "1..0", "1e3",
                                  "nan", "inf", "2_2_5"])
def test_cells_that_are_no_number(text):
    with pytest.raises(ValueError) as exc:
        read_number(text, None, 0, 1e9)
    assert not isinstance(exc.value, Ambiguous)


@settings(max_examples=examples(300), deadline=None)
@given(number=NUMBERS, data=st.data())
def test_underscores_and_other_scripts_digits_are_no_number(number, data):
    # Python's float() reads "2_2_5" as 225 and "６" as 6; no app writes either, so neither is read as a load.
    text = written(*number)
    at = data.draw(st.integers(0, len(text)), label="at")
    odd = data.draw(st.one_of(st.just("_"), st.characters(whitelist_categories=("Nd",)).filter(
        lambda c: not c.isascii())), label="odd")
    with pytest.raises(ValueError):
        read_number(text[:at] + odd + text[at:], None, -1e12, 1e12)


def test_the_column_range_decides_when_the_file_cannot():
    assert read_number("60.000", None, 0, 10_000) == 60  # 60000 is no load
    with pytest.raises(Ambiguous, match="could be 1000 or 1"):
        read_number("1,000", None, 0, 10_000)


# -- whole logs ----------------------------------------------------------------

HEADER = ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight (lb)", "Reps", "Distance",
          "Seconds", "Notes", "Workout Notes", "RPE"]


def strong(weights: list[str], delimiter: str, rpe: str = "8") -> str:
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    w.writerow(HEADER)
    for i, weight in enumerate(weights, 1):
        w.writerow(["2026-12-07 18:00:00", "A", "1h", "Hip Thrust (Barbell)", i, weight, 8, 0, 0, "", "", rpe])
    return out.getvalue()


@pytest.fixture(scope="module")
def names():
    return ExerciseNames.from_exercises({e.id: e for e in builtin_exercises()})


def loads(tmp: Path, text: str, names) -> list[float | None]:
    path = tmp / "log.csv"
    path.write_text(text, encoding="utf-8")
    log, _ = read_logs([path], names, default_units="lb")
    return [s.load for s in log.sets]


@settings(max_examples=examples(60), **FUZZ)
@given(weights=st.lists(st.integers(1000, 9999), min_size=1, max_size=4),
       style=st.sampled_from(["en", "de", "space", "ch"]), evidence=st.booleans(),
       delimiter=st.sampled_from([",", ";", "\t"]))
def test_a_log_reads_grouped_thousands_in_its_own_style(tmp_path_factory, names, weights, style, evidence,
                                                        delimiter):
    """A cell such as 102,5 or 60.5 shows a file's decimal mark (quoted, in
    a comma-separated file); without one, a comma-separated file writes
    decimals with a point, and 1.000 in any other file is refused where it
    is written."""
    tmp = tmp_path_factory.mktemp("numbers")
    group, decimal = STYLES[style]
    if style == "de" and delimiter == "," and not evidence:
        delimiter = ";"  # a comma-separated file without decimals is read as writing points
    cells = [f"{w:,}".replace(",", group) for w in weights]
    extra = [f"102{decimal}5"] if evidence else []
    text = strong(cells + extra, delimiter)
    if style in ("en", "de") and not evidence and delimiter != ",":
        with pytest.raises(EngineError) as exc:
            loads(tmp, text, names)
        first = exc.value.problems[0]
        assert first.line == 2 and first.path == (0, "Weight (lb)") and "could be" in first.message
        return
    assert loads(tmp, text, names) == [float(w) for w in weights] + ([102.5] if evidence else [])


def test_the_issue_example_1000_is_read_as_a_thousand(tmp_path, names):
    assert loads(tmp_path, strong(["1,000"], ","), names) == [1000.0]
