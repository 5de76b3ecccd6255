"""Hostile logs through the command line: mutated copies of the example
Strong, Hevy and engine-format logs, and the corpus in tests/corpus/logs/,
given with --log. Each run either plans (exit 0, finite loads) or fails with
located `file:line:col: $[row].column: message` lines; never a traceback,
never a hang. read_logs itself is fuzzed cell by cell in test_logs.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_hostile import FUZZ, TEXT_MUTATIONS, examples, invoke
from test_hostile_athletes import check_athlete_contract

from engine.logs import LOG_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules" / "glute-day.toml"
ATHLETE = ROOT / "athletes" / "sam.toml"
LOGS = ROOT / "athletes" / "logs"
CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "logs"


def _engine_log() -> bytes:
    """An engine-format log: the columns the CSV exporter writes, filled in."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(LOG_COLUMNS)
    for week, date in ((1, "2026-12-07"), (2, "2026-12-14")):
        for n in (1, 2, 3):
            row = dict.fromkeys(LOG_COLUMNS, "")
            row.update(program="Glute day", athlete="Sam", week=week, day="mon", date=date, slot="main lift",
                       exercise="squat", set=n, set_type="working", target_reps=6, target_rpe=8,
                       target_load=225, units="lb", per_side="false", reps=6 - (n == 3), load=225 + 5 * (week - 1),
                       rpe=7 + n / 2)
            w.writerow([row[c] for c in LOG_COLUMNS])
    return out.getvalue().encode("utf-8")


SOURCES = {
    "strong": (LOGS / "sam-strong.csv").read_bytes(),
    "hevy": (LOGS / "sam-hevy.csv").read_bytes(),
    "engine": _engine_log(),
}

# Cells a spreadsheet, a phone app or a careless edit can leave behind.
HOSTILE_CELLS = st.one_of(
    st.sampled_from(["", " ", "six", "-6", "0", "1e309", "-1e309", "nan", "inf", "1,5", "225 lb", "0x10",
                     "99999999999999999999", "2026-02-30", "9999-12-31 23:59:59", "0000-01-01", "W", "D", "F",
                     "warmup", "=1+1", "+1", "@SUM(A1)", "'=1", "\t", "\r", "\n", '"', '""', "\u2028", "\x00",
                     "\ufeff", "Squat (Barbell)", "squat", "hip-thrust/barbell", "../../etc/passwd"]),
    st.text(max_size=40),
    st.integers(-10**12, 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)


def _rows(raw: bytes) -> list[list[str]]:
    text = raw.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def _write(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def c_cell(rows, draw):
    i = draw(st.integers(0, len(rows) - 1), label="row")
    if rows[i]:
        rows[i][draw(st.integers(0, len(rows[i]) - 1), label="cell")] = draw(HOSTILE_CELLS, label="value")


def c_drop_column(rows, draw):
    if not rows[0]:
        return
    j = draw(st.integers(0, len(rows[0]) - 1), label="column")
    for r in rows:
        if j < len(r):
            del r[j]


def c_rename_column(rows, draw):
    if not rows[0]:
        return
    rows[0][draw(st.integers(0, len(rows[0]) - 1), label="column")] = draw(HOSTILE_CELLS, label="name")


def c_swap_columns(rows, draw):
    n = len(rows[0])
    if not n:
        return
    i, j = draw(st.integers(0, n - 1), label="i"), draw(st.integers(0, n - 1), label="j")
    for r in rows:
        if max(i, j) < len(r):
            r[i], r[j] = r[j], r[i]


def c_ragged(rows, draw):
    i = draw(st.integers(0, len(rows) - 1), label="row")
    if draw(st.booleans(), label="longer"):
        rows[i] = rows[i] + ["extra"] * draw(st.integers(1, 3))
    else:
        rows[i] = rows[i][: draw(st.integers(0, len(rows[i])), label="keep")]


def c_repeat_rows(rows, draw):
    i = draw(st.integers(0, len(rows) - 1), label="row")
    rows[i + 1:i + 1] = [list(rows[i])] * draw(st.integers(1, 50), label="times")


CELL_MUTATIONS = [c_cell, c_cell, c_cell, c_drop_column, c_rename_column, c_swap_columns, c_ragged,
                  c_repeat_rows]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hostile-logs")


@pytest.mark.parametrize("source", sorted(SOURCES))
@settings(max_examples=examples(60), **FUZZ)
@given(data=st.data())
def test_cell_mutations_of_logs_keep_the_contract(workdir, source, data):
    rows = _rows(SOURCES[source])
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        data.draw(st.sampled_from(CELL_MUTATIONS), label="op")(rows, data.draw)
    log = workdir / f"{source}.csv"
    log.write_bytes(_write(rows))
    check_athlete_contract(RULES, ATHLETE, "--log", str(log), subject=log)


@pytest.mark.parametrize("source", sorted(SOURCES))
@settings(max_examples=examples(60), **FUZZ)
@given(data=st.data())
def test_text_mutations_of_logs_keep_the_contract(workdir, source, data):
    raw = SOURCES[source]
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        raw = data.draw(st.sampled_from(TEXT_MUTATIONS), label="op")(raw, data.draw)
    log = workdir / f"{source}.csv"
    log.write_bytes(raw)
    check_athlete_contract(RULES, ATHLETE, "--log", str(log), subject=log)


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.csv")))
def test_corpus_of_hostile_logs(tmp_path, name):
    """Every log in tests/corpus/logs/: hand-picked worst cases."""
    log = tmp_path / name
    shutil.copyfile(CORPUS / name, log)
    before = log.read_bytes()
    check_athlete_contract(RULES, ATHLETE, "--log", str(log), subject=log)
    assert log.read_bytes() == before, "a log was modified"


def test_the_example_logs_plan_cleanly(workdir):
    for source, raw in SOURCES.items():
        log = workdir / f"clean-{source}.csv"
        log.write_bytes(raw)
        assert check_athlete_contract(RULES, ATHLETE, "--log", str(log), subject=log) == 0, source


def test_log_corpus_is_not_empty():
    assert len(list(CORPUS.glob("*.csv"))) >= 25


def _startless_rules(weeks: int) -> str:
    text = RULES.read_text("utf-8")
    return "\n".join(f"weeks = {weeks}" if line.startswith("weeks =") else line
                     for line in text.splitlines() if not line.startswith("start ="))


@settings(max_examples=examples(40), **FUZZ)
@given(last=st.dates(min_value=dt.date(9997, 1, 1)), weeks=st.integers(1, 104))
def test_a_log_ending_near_the_year_9999_keeps_the_contract(workdir, last, weeks):
    """Without program.start week 1 starts the day after the log's last
    session: a session too late for the program to fit before the end of
    the calendar is an error located at its row, never an overflow."""
    rules = workdir / "startless.toml"
    rules.write_text(_startless_rules(weeks), "utf-8")
    log = workdir / "late.csv"
    rows = _rows(SOURCES["strong"])
    rows[-1][0] = f"{last.isoformat()} 18:03:11"
    log.write_bytes(_write(rows))
    code = check_athlete_contract(rules, ATHLETE, "--log", str(log), subject=log)
    room = dt.date.max - last >= dt.timedelta(weeks=weeks, days=1)
    assert code == (0 if room else 1)
    if not room:
        run = invoke(["run", str(rules), "--log", str(log)])
        assert f"{log}:{len(rows)}:1: " in run.stderr and "no room" in run.stderr


def _log_errors(result, log: Path) -> set[tuple[int, int, str]]:
    """The errors in `log` among a command's JSON problems."""
    return {(p["line"], p["column"], p["message"]) for p in json.loads(result or "[]")
            if p["file"].endswith(log.name) and p["severity"] == "error"}


@pytest.mark.parametrize("source", sorted(SOURCES))
@settings(max_examples=examples(40), **FUZZ)
@given(data=st.data())
def test_validate_finds_the_errors_a_run_finds_in_a_log(workdir, source, data):
    """`engine validate` on a log, and on a profile that names it, reports
    the same located errors in the log as `engine run` with that profile
    (on the log alone, but for those only a profile shows: a barbell load
    under its bar)."""
    rows = _rows(SOURCES[source])
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        data.draw(st.sampled_from(CELL_MUTATIONS), label="op")(rows, data.draw)
    log = workdir / f"checked-{source}.csv"
    log.write_bytes(_write(rows))
    profile = workdir / "names-its-log.toml"
    profile.write_text(ATHLETE.read_text("utf-8").replace("version = 1", f'version = 1\nlogs = ["{log.name}"]', 1),
                       "utf-8")
    run = invoke(["run", str(RULES), "--athlete", str(profile), "-f", "json"])
    assert run.exit_code in (0, 1), run.stderr
    expected = _log_errors(run.stderr if run.exit_code else "", log)
    for target in (profile, log):
        checked = invoke(["validate", str(target), "--format", "json"])
        assert "Traceback" not in checked.stderr
        found = _log_errors(checked.stdout, log)
        alone = {e for e in expected if "of the profile (" not in e[2]}  # (a log alone has no bar to be under)
        assert found == (expected if target == profile else alone), target
        assert checked.exit_code == (1 if found else checked.exit_code)
