"""engine-ical under hostile options and names: impossible dates, dates at
the ends of the calendar with time zones, and control characters in names
are located errors or clean files, never plugin faults.

Each run either writes a calendar that icalendar reads back, with no
control character but the line breaks of the format, or fails with
located `file:line:col: $.path: message` lines; never a plugin fault, a
traceback or a hang.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

import engine_ical
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from engine.testing import invoke

REPO = Path(__file__).resolve().parents[3]
RULES = (REPO / "rules" / "glute-day.toml").read_text()
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<path>\$\S*): (?P<msg>.+)$")
ZONES = ["", "UTC", "Europe/London", "America/New_York", "Asia/Tokyo", "Pacific/Kiritimati", "Etc/GMT+12"]
SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(result) -> None:
    """The contract: a calendar icalendar reads, or one located error (an
    option given with -O: one line naming it, exit code 2)."""
    assert "Traceback" not in result.stderr and "plugin 'engine_ical'" not in result.stderr, result.stderr
    if result.exit_code == 0:
        data = result.stdout_bytes
        assert Calendar.from_ical(data).walk("VEVENT")
        text = data.decode("utf-8")
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text.replace("\r\n", "")), "a control character"
        return
    if result.exit_code == 2:
        assert re.fullmatch(r"engine run: error: -O [a-z_]+: ics export: [^\n]+\n", result.stderr), result.stderr
        return
    assert result.exit_code == 1, result.stderr
    rows = result.stderr.splitlines()
    assert rows[-1] == "engine: 1 problem found", rows
    assert all(LINE.match(row) for row in rows[:-1]), rows


def run(rules_text: str, *options: str):
    with tempfile.TemporaryDirectory() as tmp:
        rules = Path(tmp) / "rules.toml"
        rules.write_text(rules_text, encoding="utf-8")
        args = ["run", str(rules), "-f", "ics"]
        for option in options:
            args += ["-O", option]
        return invoke(args, plugins=[engine_ical])


def timing(zone: str, time: str) -> list[str]:
    return [f"time={time}"] + ([f"timezone={zone}"] if zone else [])


@settings(max_examples=60, **SETTINGS)
@given(year=st.integers(0, 9999), month=st.integers(0, 13), day=st.integers(0, 32),
       zone=st.sampled_from(ZONES), time=st.sampled_from(["", "00:30", "18:00", "23:59"]))
def test_any_start_option_is_a_calendar_or_a_located_error(year, month, day, zone, time):
    options = [f"start={year:04d}-{month:02d}-{day:02d}"] + (timing(zone, time) if time else [])
    result = run(RULES, *options)
    check(result)
    if not 1 <= month <= 12 or not 1 <= day <= 28 or year == 0:
        if result.exit_code:
            assert result.stderr.startswith("engine run: error: -O start: ")


NEAR_ENDS = st.one_of(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(1, 3, 1)),
                      st.dates(min_value=dt.date(9999, 8, 1), max_value=dt.date(9999, 12, 31)))


@settings(max_examples=40, **SETTINGS)
@given(start=NEAR_ENDS, weeks=st.integers(1, 3), zone=st.sampled_from(ZONES),
       time=st.sampled_from(["", "00:00", "12:00", "23:30"]), as_option=st.booleans())
def test_dates_at_the_ends_of_the_calendar_are_a_located_error_or_a_calendar(start, weeks, zone, time, as_option):
    text = RULES.replace("weeks = 8", f"weeks = {weeks}")
    options = timing(zone, time) if time else []
    if as_option:
        options.append(f"start={start.isoformat()}")
    else:
        text = text.replace("start = 2026-12-07", f"start = {start.isoformat()}")
    check(run(text, *options))


CONTROLS = st.text(st.characters(min_codepoint=0, max_codepoint=0x9f).filter(
    lambda c: c not in '"\\'), min_size=1, max_size=12)


def toml_string(text: str) -> str:
    return '"' + "".join(f"\\u{ord(c):04x}" if ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f else c
                         for c in text) + '"'


@settings(max_examples=40, **SETTINGS)
@given(name=CONTROLS, notes=CONTROLS, calendar=CONTROLS, where=st.sampled_from(["program", "notes", "option"]))
def test_control_characters_in_names_never_reach_the_calendar(name, notes, calendar, where):
    text = RULES
    options = []
    if where == "program":
        text = text.replace('name = "Glute and hamstring day"', f"name = {toml_string('Glute ' + name)}")
    elif where == "notes":
        text = text.replace('name = "main lift"', f'name = "main lift"\nnotes = {toml_string(notes)}')
    else:
        options.append(f"calendar_name={toml_string('Sam ' + calendar)}")
    check(run(text, *options))


def test_february_30th_as_a_start_option_is_located_at_the_option():
    result = run(RULES, "start=2026-02-30")
    assert result.exit_code == 2
    assert result.stderr == "engine run: error: -O start: ics export: start '2026-02-30' is not a calendar date\n"
    result = run(RULES + '\n[export.ics]\nstart = "2026-02-30"\n')
    assert result.exit_code == 1
    assert "$.export.ics.start: ics export: start '2026-02-30' is not a calendar date" in result.stderr


CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.toml")))
def test_corpus_of_calendar_cases(name):
    """Rule files whose [export.ics] options once made the plugin fail."""
    check(run((CORPUS / name).read_text(encoding="utf-8")))
