"""A date written as its format has it but on no day of the calendar
(month 13, 30 February, 31 November) is said to be no date, at its cell,
in every file a coach writes one in: a rule file's start, a profile's max,
an engine CSV, a Strong and a Hevy log. (tomllib reads 2026-13-01 as a
number followed by something else, and said "unclosed inline table".)"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.testing import invoke

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<path>\$\S*): (?P<msg>.+)$")


@st.composite
def impossible(draw) -> tuple[int, int, int]:
    """(year, month, day) with two-digit month and day that is no date."""
    year = draw(st.integers(1990, 2090))
    if draw(st.booleans()):
        return year, draw(st.sampled_from([0, *range(13, 100)])), draw(st.integers(1, 28))
    month = draw(st.integers(1, 12))
    return year, month, draw(st.sampled_from([0, *range(calendar.monthrange(year, month)[1] + 1, 100)]))


def _problem(result, name: str) -> dict[str, str]:
    assert result.exit_code == 1, result.output
    lines = [m.groupdict() for m in map(LINE.match, result.output.splitlines()) if m]
    found = [p for p in lines if p["file"].endswith(name)]
    assert found, result.output
    return found[0]


def _at(text: str, token: str) -> tuple[int, int]:
    offset = text.index(token)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(date=impossible(), where=st.sampled_from(["rules", "profile"]))
def test_toml_an_impossible_date_is_no_date_at_its_value(tmp_path, date, where):
    token = "%04d-%02d-%02d" % date
    if where == "rules":
        source = (ROOT / "rules" / "glute-day.toml").read_text("utf-8")
        source = source.replace("start = 2026-12-07", f"start = {token}")
        path, args = tmp_path / "rules.toml", ["validate"]
    else:
        source = (ROOT / "athletes" / "sam.toml").read_text("utf-8").replace(
            "reps = 1, date = 2026-11-30 }", f"reps = 1, date = {token} }}")
        path, args = tmp_path / "sam.toml", ["validate"]
    assert token in source
    path.write_text(source, "utf-8")
    problem = _problem(invoke([*args, str(path)]), path.name)
    assert (int(problem["line"]), int(problem["col"])) == _at(source, token)
    assert problem["msg"].startswith(f"TOML syntax error: {token} is not a date: ")
    assert problem["path"] == ("$.program.start" if where == "rules" else "$.maxes.squat.date")


@SETTINGS
@given(date=impossible(), kind=st.sampled_from(["engine", "strong", "hevy"]))
def test_logs_an_impossible_date_is_no_date_at_its_cell(tmp_path, date, kind):
    y, m, d = date
    if kind == "engine":
        token = "%04d-%02d-%02d" % date
        source = f"date,exercise,reps,load,units,rpe\n2026-12-07,squat,5,225,lb,8\n{token},squat,5,225,lb,8\n"
    elif kind == "strong":
        token = "%04d-%02d-%02d 18:03:11" % date
        source = (ROOT / "athletes" / "logs" / "sam-strong.csv").read_text("utf-8")
        source = source + f"{token},Glute day,1h 4m,Squat (Barbell),1,225,6,0,0,,,7\n"
    else:
        if not 1 <= m <= 12 or not 1 <= d <= 31:  # (a month is a name there, a day one or two digits up to 31)
            return
        token = f"{d} {dt.date(2000, m, 1):%b} {y}, 18:03"
        source = (ROOT / "athletes" / "logs" / "sam-hevy.csv").read_text("utf-8")
        source += f'"Glute day","{token}","{token}","","Squat (Barbell)","","","1","normal","225","5","","","8"\n'
    path = tmp_path / "log.csv"
    path.write_text(source, "utf-8")
    problem = _problem(invoke(["validate", str(path)]), path.name)
    line, col = _at(source.rsplit("\n", 2)[0] + "\n" + source.rsplit("\n", 2)[1], token)
    assert int(problem["line"]) == line and int(problem["col"]) in (col, col - 1)
    assert f"{token}' is not a date: " in problem["msg"]


@SETTINGS
@given(date=impossible(), option=st.sampled_from(["--start", "--as-of"]), command=st.sampled_from(["run", "explain"]))
def test_command_line_an_impossible_date_is_no_date(date, option, command):
    token = "%04d-%02d-%02d" % date
    result = invoke([command, str(ROOT / "rules" / "glute-day.toml"), option, token])
    assert result.exit_code == 2
    # one line naming the command, as every wrong use of the command line (it was click's usage block)
    [line] = result.stderr.splitlines()
    assert line.startswith(f"engine {command}: error: invalid value for '{option}': '{token}' is not a date: ")
    assert line.endswith(f"(see `engine {command} --help`)") and "Traceback" not in result.output
