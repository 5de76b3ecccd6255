"""Generated logs with the cells a plan must not guess at: empty (or 0)
loads on loaded lifts, short rows, sessions in two units, done sets without reps,
rated sets of no reps,
unknown exercise names. Each is reported at its own cell, in all three
formats, and nothing else is said."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_hostile import FUZZ, examples

from engine.catalog import builtin_exercises
from engine.errors import EngineError
from engine.logs import ExerciseNames, read_logs

NAMES = ExerciseNames.from_exercises({e.id: e for e in builtin_exercises()})
# Spellings of loaded forms, bodyweight exercises and a band form.
SPELLINGS = ["squat", "Squat (Barbell)", "hip-thrust/machine", "Trap Bar Deadlift", "Leg Curl",
             "hamstring-curl/dumbbell", "hip-extension", "Back Extension", "split-squat", "Split Squat (Dumbbell)",
             "Leg Curl (Band)", "step-up"]
# Each format: its header, the columns of date, name, reps, load, units and RPE (None: not in it),
# the columns it does not read, and how it writes a date.
FORMATS = {
    "engine": (["date", "exercise", "reps", "load", "units", "rpe", "notes"],
               ("date", "exercise", "reps", "load", "units", "rpe"), {"notes"}, "{}"),
    "strong": (["Date", "Workout Name", "Exercise Name", "Set Order", "Weight", "Weight Unit", "Reps", "RPE",
                "Notes"], ("Date", "Exercise Name", "Reps", "Weight", "Weight Unit", "RPE"),
               {"Workout Name", "Notes"}, "{} 10:00:00"),
    "hevy": (["title", "start_time", "exercise_title", "set_index", "set_type", "weight_kg", "reps", "rpe",
              "exercise_notes"], ("start_time", "exercise_title", "reps", "weight_kg", None, "rpe"),
             {"title", "exercise_notes"}, "{} 10:00"),
}
DAY = dt.date(2027, 1, 4)


_SETS = itertools.count(1)  # each row its own set number, as an app writes them (a repeat is a workout read twice)


def _row(fmt: str, day: int, name: str, reps: str, load: str, units: str, rpe: str) -> list[str]:
    header, (date_c, name_c, reps_c, load_c, units_c, rpe_c), _, date_f = FORMATS[fmt]
    number = str(next(_SETS) % 9999 + 1)  # (within the set numbers a log may hold)
    cells = {date_c: date_f.format(DAY + dt.timedelta(days=day)), name_c: name, reps_c: reps, load_c: load,
             rpe_c: rpe, "Set Order": number, "set_index": number, "set_type": "normal", "title": "A",
             "Workout Name": "A"}
    if units_c is not None:
        cells[units_c] = units
    return [cells.get(h, "") for h in header]


def _text(fmt: str, rows: list[list[str]]) -> str:
    return "\n".join(",".join(r) for r in [FORMATS[fmt][0], *rows]) + "\n"


def _column(row: list[str], field: int) -> int:
    """The character column where cell `field` (0-based) of a written row starts."""
    return len(",".join(row[:field])) + (2 if field else 1)


def _read(tmp_path, fmt, rows):
    path = tmp_path / f"{fmt}.csv"
    path.write_text(_text(fmt, rows), "utf-8")
    try:
        _, warnings = read_logs([path], NAMES, default_units="kg")
        return [], warnings
    except EngineError as exc:
        return ([p for p in exc.problems if p.severity == "error"],
                [p for p in exc.problems if p.severity != "error"])


def _where(problems):
    return sorted((p.line, p.column, p.path) for p in problems)


def _all_said(errors, expected) -> bool:
    """Each cell expected is an error at it, but past the first few in a column (`SHOWN`: a
    screen of one mistake is not read), one error that counts the rest, at the first of them."""
    from engine.logfile import SHOWN

    found, cells = set(_where(errors)), sorted(expected)
    if not any(" more like it in this column (line" in p.message for p in errors):
        return _where(errors) == cells
    by_column: dict = {}
    for cell in cells:
        by_column.setdefault(cell[2][1:], []).append(cell)
    return found <= set(cells) and all(all(c in found for c in column[:SHOWN]) for column in by_column.values())


ROWS = st.lists(st.tuples(st.integers(0, 2), st.sampled_from(SPELLINGS), st.integers(1, 12),
                          st.sampled_from(["", "0", "0.0", "40", "102.5"]), st.sampled_from(["kg", "lb"]),
                          st.sampled_from(["", "8"])), min_size=1, max_size=12)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@settings(max_examples=examples(60), **FUZZ)
@given(rows=ROWS)
def test_every_empty_or_zero_load_of_a_loaded_form_is_an_error_at_its_cell(tmp_path_factory, fmt, rows):
    written = [_row(fmt, d, n, str(r), load, "kg", rpe) for d, n, r, load, _, rpe in rows]
    load_field = FORMATS[fmt][0].index(FORMATS[fmt][1][3])
    expected = [(i + 2, _column(w, load_field), (i, FORMATS[fmt][1][3]))
                for i, ((_, name, _, load, _, _), w) in enumerate(zip(rows, written, strict=True))
                if not float(load or 0) and NAMES.load_kind(NAMES.resolve(name)) is not None]
    errors, _ = _read(tmp_path_factory.mktemp("load"), fmt, written)
    assert _all_said(errors, expected)  # an empty load, or 0: nothing lifted
    assert all("missing load" in p.message or "is no load" in p.message or " in this column (line" in p.message
               for p in errors)


@settings(max_examples=examples(60), **FUZZ)
@given(rows=ROWS)
def test_a_warm_up_may_have_no_load_or_0(tmp_path_factory, rows):
    # Never read for progress: an empty-bar warm-up written 0, or left empty, stops nothing.
    header = ["date", "exercise", "reps", "load", "units", "rpe", "set_type"]
    written = [["2027-01-04", n, str(r), load, "kg", "", "warmup"] for _, n, r, load, _, _ in rows]
    path = tmp_path_factory.mktemp("warmup") / "log.csv"
    path.write_text(_text_rows(header, written), "utf-8")
    sets, _ = read_logs([path], NAMES, default_units="kg")
    assert len(sets.sets) == sum(NAMES.resolve(n) is not None for _, n, *_ in rows)


def _text_rows(header, rows):
    return "\n".join(",".join(r) for r in [header, *rows]) + "\n"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@settings(max_examples=examples(60), **FUZZ)
@given(rows=ROWS, data=st.data())
def test_a_short_row_missing_a_read_cell_is_an_error_at_its_end(tmp_path_factory, fmt, rows, data):
    header, _, ignored, _ = FORMATS[fmt]
    written = [_row(fmt, d, "split-squat", str(r), load or "10", "kg", rpe) for d, n, r, load, _, rpe in rows]
    i = data.draw(st.integers(0, len(written) - 1), label="row")
    keep = data.draw(st.integers(1, len(header) - 1), label="cells")
    written[i] = written[i][:keep]
    missing = [h for h in header[keep:] if h not in ignored]
    errors, warnings = _read(tmp_path_factory.mktemp("short"), fmt, written)
    if not any(written[i]):
        assert errors == []  # a row of empty cells is a blank line
        return
    expected = [(i + 2, len(",".join(written[i])) + 1, (i, missing[0]))] if missing else []
    assert _where(errors) == expected
    assert not any("no unit column" in w.message for w in warnings)


@pytest.mark.parametrize("fmt", ["engine", "strong"])
@settings(max_examples=examples(60), **FUZZ)
@given(rows=ROWS)
def test_a_session_in_two_units_is_one_warning_at_a_rarer_units_cell(tmp_path_factory, fmt, rows):
    rows = [(d, n, r, load if float(load or 0) else "40", units, rpe) for d, n, r, load, units, rpe in rows]
    written = [_row(fmt, d, n, str(r), load, units, rpe) for d, n, r, load, units, rpe in rows]
    sessions: dict[tuple[int, tuple], dict[str, list[int]]] = {}
    for i, (d, n, *_rest) in enumerate(rows):
        sessions.setdefault((d, NAMES.resolve(n)), {}).setdefault(rows[i][4], []).append(i)
    mixed = {key: by for key, by in sessions.items() if len(by) > 1}
    _, warnings = _read(tmp_path_factory.mktemp("units"), fmt, written)
    said = [w for w in warnings if "check the units" in w.message]
    assert len(said) == len(mixed)
    units_c = FORMATS[fmt][1][4]
    for w in said:
        index = w.path[0]
        by = mixed[(rows[index][0], NAMES.resolve(rows[index][1]))]
        odd = rows[index][4]
        assert w.path == (index, units_c) and index == by[odd][0]
        assert len(by[odd]) <= min(len(v) for v in by.values())
        assert w.column == _column(written[index], FORMATS[fmt][0].index(units_c))


@settings(max_examples=examples(60), **FUZZ)
@given(rows=st.lists(st.tuples(st.sampled_from(["", "5"]), st.sampled_from(["", "60"]),
                               st.sampled_from(["", "8"])), min_size=1, max_size=10))
def test_a_row_with_load_or_rpe_and_no_reps_is_an_error_at_its_reps_cell(tmp_path_factory, rows):
    written = [_row("engine", 0, "squat", reps, load or (reps and "60"), "kg", rpe) for reps, load, rpe in rows]
    expected = [(i + 2, _column(w, 2), (i, "reps"))
                for i, ((reps, load, rpe), w) in enumerate(zip(rows, written, strict=True))
                if not reps and (load or rpe)]
    errors, _ = _read(tmp_path_factory.mktemp("reps"), "engine", written)
    assert _all_said(errors, expected)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@settings(max_examples=examples(60), **FUZZ)
@given(rows=st.lists(st.tuples(st.sampled_from(["0", "1", "5"]), st.sampled_from(["", "6", "8.5", "10"])),
                     min_size=1, max_size=10))
def test_a_rated_set_of_0_reps_under_rpe_10_is_an_error_at_its_rpe_cell(tmp_path_factory, fmt, rows):
    written = [_row(fmt, 0, "squat", reps, "60", "kg", rpe) for reps, rpe in rows]
    rpe_c = FORMATS[fmt][1][5]
    expected = [(i + 2, _column(w, FORMATS[fmt][0].index(rpe_c)), (i, rpe_c))
                for i, ((reps, rpe), w) in enumerate(zip(rows, written, strict=True))
                if reps == "0" and rpe and float(rpe) < 10]
    errors, _ = _read(tmp_path_factory.mktemp("zero"), fmt, written)
    assert _all_said(errors, expected)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@settings(max_examples=examples(40), **FUZZ)
@given(made_up=st.lists(st.text("qxzjkv", min_size=3, max_size=8), min_size=1, max_size=5), data=st.data())
def test_each_unknown_name_is_a_warning_at_its_first_exercise_cell(tmp_path_factory, fmt, made_up, data):
    names = data.draw(st.lists(st.sampled_from(made_up + ["split-squat"]), min_size=1, max_size=10), label="rows")
    written = [_row(fmt, 0, n, "5", "", "kg", "") for n in names]
    name_c = FORMATS[fmt][1][1]
    field = FORMATS[fmt][0].index(name_c)
    first = {n: i for i, n in reversed(list(enumerate(names))) if n != "split-squat"}
    _, warnings = _read(tmp_path_factory.mktemp("names"), fmt, written)
    said = [w for w in warnings if "unknown exercise" in w.message]
    assert _where(said) == sorted((i + 2, _column(written[i], field), (i, name_c)) for i in first.values())


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@settings(max_examples=examples(60), **FUZZ)
@given(rows=ROWS, data=st.data())
def test_a_row_longer_than_the_header_is_an_error_at_its_first_cell_past_it(tmp_path_factory, fmt, rows, data):
    # "225,5" unquoted moves every later cell along: a cell past the header's last is never dropped unread.
    # Empty cells past it (a spreadsheet's trailing commas) are nothing.
    header = FORMATS[fmt][0]
    written = [_row(fmt, d, "split-squat", str(r), load or "10", "kg", rpe) for d, n, r, load, _, rpe in rows]
    i = data.draw(st.integers(0, len(written) - 1), label="row")
    extra = data.draw(st.lists(st.sampled_from(["", " ", "5", "x"]), min_size=1, max_size=3), label="extra")
    written[i] = written[i] + extra
    errors, _ = _read(tmp_path_factory.mktemp("long"), fmt, written)
    long = [p for p in errors if "past the header's last" in p.message]
    if any(c.strip() for c in extra):  # at the first cell past the header with something in it
        first = len(header) + next(j for j, c in enumerate(extra) if c.strip())
        assert _where(long) == [(i + 2, len(",".join(written[i][:first])) + 2, (i,))]
    else:
        assert long == []


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@settings(max_examples=examples(30), **FUZZ)
@given(data=st.data())
def test_a_column_read_twice_is_an_error_at_its_second_header_cell(tmp_path_factory, fmt, data):
    # Two `reps` columns, or two weight columns in two units: which one the sets are in would be a guess.
    header, read, _, _ = FORMATS[fmt]
    twice = data.draw(st.sampled_from([c for c in read if c is not None]), label="column")
    at = data.draw(st.integers(0, len(header)), label="at")
    path = tmp_path_factory.mktemp("twice") / f"{fmt}.csv"
    names = header[:at] + [twice] + header[at:]
    path.write_text(",".join(names) + "\n", "utf-8")
    with pytest.raises(EngineError) as exc:
        read_logs([path], NAMES, default_units="kg")
    second = [j for j, h in enumerate(names) if h == twice][1]
    [p] = exc.value.problems
    assert (p.line, p.column) == (1, len(",".join(names[:second])) + (2 if second else 1))
    assert f"{twice!r} twice in the header" in p.message


@settings(max_examples=examples(30), **FUZZ)
@given(rows=ROWS, trailing=st.integers(1, 3))
def test_a_header_ending_in_separators_has_no_column_there(tmp_path_factory, rows, trailing):
    # A spreadsheet saves "date,...,rpe,," : no column named '' (it was "unknown column ''"), and rows with the
    # same empty cells past the header are read as the rows without them.
    header = ["date", "exercise", "reps", "load", "units", "rpe"]
    written = [["2027-01-04", "split-squat", str(r), load or "10", "kg", rpe] for _, _, r, load, _, rpe in rows]
    folder = tmp_path_factory.mktemp("trailing")
    plain, padded = folder / "plain.csv", folder / "padded.csv"
    plain.write_text(_text_rows(header, written), "utf-8")
    padded.write_text(_text_rows(header + [""] * trailing, [w + [""] * trailing for w in written]), "utf-8")

    def read(path):
        sets = read_logs([path], NAMES, default_units="kg")[0].sets
        return [(s.date, s.exercise, s.reps, s.load, s.units, s.rpe) for s in sets]

    assert read(padded) == read(plain)
