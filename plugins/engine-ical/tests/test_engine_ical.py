"""engine-ical: events, options, stable UIDs, determinism, and a real
calendar client (khal) importing the file."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import engine_ical
import pytest
from icalendar import Calendar

from engine import export, plan_rules
from engine.testing import invoke, make_registry

REPO = Path(__file__).resolve().parents[3]
RULES = REPO / "rules"
ATHLETES = REPO / "athletes"


@pytest.fixture(scope="module")
def registry():
    return make_registry(engine_ical)


def events(data: bytes):
    return [c for c in Calendar.from_ical(data).walk("VEVENT")]


def render(registry, rules=RULES / "glute-day.toml", athlete=None, **options):
    plan = plan_rules(rules, registry, athlete=athlete).plan
    return plan, export(plan, registry, "ics", options)


def test_one_all_day_event_per_training_day(registry):
    plan, data = render(registry, athlete=ATHLETES / "sam.toml")
    found = events(data)
    days = [(w, d) for w in plan.weeks for d in w.days if d.exercises]
    assert len(found) == len(days) == 8
    first = found[0]
    assert str(first["summary"]) == "Glute and hamstring day - week 1 (Mon) - Sam"
    assert first.decoded("dtstart") == dt.date(2026, 12, 7) and first.decoded("dtend") == dt.date(2026, 12, 8)
    description = str(first["description"])
    assert "High-bar back squat: 3 x 4 @ RPE 7-8, 255 lb" in description
    assert "Dumbbell step-up: 2 x 8 per side @ RPE 7-8" in description
    cal = Calendar.from_ical(data)
    assert str(cal["x-wr-calname"]) == "Glute and hamstring day (Sam)" and str(cal["version"]) == "2.0"
    assert not list(cal.walk("VTIMEZONE"))


def test_done_weeks_say_what_was_lifted(registry):
    plan = plan_rules(RULES / "glute-day.toml", registry, athlete=ATHLETES / "sam.toml",
                      logs=[ATHLETES / "logs" / "sam-strong.csv"]).plan
    found = events(export(plan, registry, "ics", {}))
    first, third = str(found[0]["description"]), str(found[2]["description"])
    assert "High-bar back squat: 3 x 4 @ RPE 7-8" in first and "; done 6, 6, 6 x 225 lb" in first
    assert "done" not in third


def test_timed_events_with_a_time_zone_carry_a_vtimezone(registry):
    _, data = render(registry, time="18:30", duration=75, timezone="America/New_York", calendar_name="Sam")
    cal = Calendar.from_ical(data)
    [tz] = cal.walk("VTIMEZONE")
    assert str(tz["tzid"]) == "America/New_York"
    first = events(data)[0]
    start = first.decoded("dtstart")
    assert start.tzinfo is not None and start.utcoffset() == dt.timedelta(hours=-5)
    assert (start.hour, start.minute) == (18, 30)
    assert first.decoded("dtend") - start == dt.timedelta(minutes=75)
    assert b"DTSTART;TZID=America/New_York:20261207T183000" in data
    assert str(cal["x-wr-calname"]) == "Sam"


def test_floating_time_without_a_time_zone(registry):
    _, data = render(registry, time="07:00")
    assert b"DTSTART:20261207T070000\r\n" in data
    assert events(data)[0].decoded("dtstart").tzinfo is None


def test_uids_are_stable_across_exports_and_edits(registry, tmp_path):
    _, before = render(registry, athlete=ATHLETES / "sam.toml")
    _, again = render(registry, athlete=ATHLETES / "sam.toml")
    assert before == again
    edited = tmp_path / "glute-day.toml"
    edited.write_text((RULES / "glute-day.toml").read_text().replace('"rotate", from = ["squat", "deadlift"]',
                                                                     '"rotate", from = ["deadlift", "squat"]'))
    _, after = render(registry, rules=edited, athlete=ATHLETES / "sam.toml")
    uids = [str(e["uid"]) for e in events(before)]
    assert len(set(uids)) == len(uids)
    assert uids == [str(e["uid"]) for e in events(after)]
    assert events(before)[0]["description"] != events(after)[0]["description"]
    # Another athlete on the same program gets other UIDs.
    _, alex = render(registry, athlete=ATHLETES / "alex.toml")
    assert not set(uids) & {str(e["uid"]) for e in events(alex)}


def test_dtstamp_comes_from_the_inputs_or_source_date_epoch(registry, monkeypatch):
    _, data = render(registry)
    assert events(data)[0].decoded("dtstamp") == dt.datetime(2026, 12, 7, tzinfo=dt.timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _, data = render(registry)
    assert events(data)[0].decoded("dtstamp") == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)


def test_undated_program_needs_a_start(registry, tmp_path):
    rules = tmp_path / "undated.toml"
    rules.write_text((RULES / "glute-day.toml").read_text().replace("start = 2026-12-07\n", ""))
    result = invoke(["run", str(rules), "-f", "ics"], plugins=[engine_ical])
    assert result.exit_code == 1
    # The coach can fix it: an error in the rule file's terms, not a plugin fault.
    assert result.stderr.startswith(f"{rules}:1:1: $.export.ics: ics export: the program has no start date")
    assert "plugin" not in result.stderr
    assert "Traceback" not in result.stderr
    result = invoke(["run", str(rules), "-f", "ics", "-O", "start=2027-01-04"], plugins=[engine_ical])
    assert result.exit_code == 0
    assert events(result.stdout_bytes)[0].decoded("dtstart") == dt.date(2027, 1, 4)


@pytest.mark.parametrize("option, message", [
    ("time=25:99", "-O time"), ("duration=0", "-O duration"), ("colour=red", "colour"),
])
def test_bad_options_are_usage_errors(option, message):
    result = invoke(["run", str(RULES / "glute-day.toml"), "-f", "ics", "-O", option], plugins=[engine_ical])
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_unknown_time_zone_is_an_error_where_it_was_given(tmp_path):
    result = invoke(["run", str(RULES / "glute-day.toml"), "-f", "ics", "-O", "time=18:00",
                     "-O", "timezone=Mars/Olympus"], plugins=[engine_ical])
    assert result.exit_code == 2
    assert result.stderr.startswith("engine run: error: -O timezone: ics export: unknown time zone 'Mars/Olympus'")
    assert "plugin" not in result.stderr and "Traceback" not in result.stderr
    rules = tmp_path / "rules.toml"
    text = (RULES / "glute-day.toml").read_text() + '\n[export.ics]\ntime = "18:00"\ntimezone = "Mars/Olympus"\n'
    rules.write_text(text)
    result = invoke(["run", str(rules), "-f", "ics"], plugins=[engine_ical])
    assert result.exit_code == 1
    line = len(text.splitlines())
    assert f"{rules}:{line}:12: $.export.ics.timezone: ics export: unknown time zone 'Mars/Olympus'" in result.stderr
    assert "plugin" not in result.stderr and "Traceback" not in result.stderr


def test_cli_writes_by_extension(tmp_path):
    out = tmp_path / "plan.ics"
    result = invoke(["run", str(RULES / "full-body.toml"), "-o", str(out)], plugins=[engine_ical])
    assert result.exit_code == 0, result.stderr
    assert len(events(out.read_bytes())) == 24  # 8 weeks x 3 days


def test_byte_identical_across_hash_seeds_time_zones_and_locales(tmp_path):
    outputs = set()
    for seed, tz, lc in (("0", "UTC", "C"), ("1", "Asia/Tokyo", "C.UTF-8"), ("99", "America/Los_Angeles", "C")):
        env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": tz, "LC_ALL": lc, "ENGINE_PLUGINS": "ical"}
        env.pop("SOURCE_DATE_EPOCH", None)
        proc = subprocess.run([sys.executable, "-m", "engine", "run", str(RULES / "glute-day.toml"), "-f", "ics",
                               "-O", "time=18:30", "-O", "timezone=Europe/London"],
                              capture_output=True, env=env, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr.decode()
        outputs.add(proc.stdout)
    assert len(outputs) == 1


def _khal() -> str | None:
    here = Path(sys.executable).parent / "khal"
    return str(here) if here.exists() else shutil.which("khal")


KHAL_CONFIG = """\
[calendars]
[[training]]
path = {path}
type = calendar

[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = Europe/London
default_timezone = Europe/London
"""


def test_khal_imports_the_calendar_and_a_reexport_updates_it(tmp_path, registry):
    khal = _khal()
    if khal is None:
        if os.environ.get("ENGINE_REQUIRE_KHAL"):
            pytest.fail("khal is required (ENGINE_REQUIRE_KHAL is set) but not installed")
        pytest.skip("khal is not installed: pip install './plugins/engine-ical[test]'")
    calendar = tmp_path / "calendar"
    calendar.mkdir()
    config = tmp_path / "config"
    config.write_text(KHAL_CONFIG.format(path=calendar))
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "TZ": "Europe/London"}

    def khal_run(*args: str) -> str:
        proc = subprocess.run([khal, "-c", str(config), *args], capture_output=True, text=True, env=env, timeout=120)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    _, data = render(registry, athlete=ATHLETES / "sam.toml", time="18:30", timezone="Europe/London")
    ics = tmp_path / "plan.ics"
    ics.write_bytes(data)
    khal_run("import", "--batch", str(ics))
    listed = khal_run("list", "2026-12-07", "60d")
    assert "18:30-19:30 Glute and hamstring day - week 1 (Mon) - Sam" in listed
    assert "High-bar back squat: 3 x 4 @ RPE 7-8, 255 lb" in listed
    assert listed.count("Glute and hamstring day - week") == 8
    assert len(list(calendar.glob("*.ics"))) == 8

    # Change the plan and import again: the same 8 events, updated.
    edited = tmp_path / "glute-day.toml"
    edited.write_text((RULES / "glute-day.toml").read_text().replace("increment = 5", "increment = 10"))
    _, data = render(registry, rules=edited, athlete=ATHLETES / "sam.toml", time="18:30", timezone="Europe/London")
    ics.write_bytes(data)
    khal_run("import", "--batch", str(ics))
    assert len(list(calendar.glob("*.ics"))) == 8
    listed = khal_run("list", "2026-12-07", "60d")
    assert listed.count("Glute and hamstring day - week") == 8
    assert "add 10 lb" in listed


def test_listed_by_engine_plugins():
    env = {**os.environ, "ENGINE_PLUGINS": "ical"}
    proc = subprocess.run([sys.executable, "-m", "engine", "plugins"], capture_output=True, text=True, env=env)
    assert "ical 0.1.0" in proc.stdout and "exporters: ics" in proc.stdout


def test_line_breaks_in_names_never_reach_a_content_line(tmp_path):
    rules = tmp_path / "odd.toml"
    text = (RULES / "glute-day.toml").read_text()
    rules.write_text(text.replace('name = "Glute and hamstring day"', 'name = "Glute\\nday\\rtwo"')
                     .replace('name = "main lift"', 'name = "main\\r\\nlift"'))
    result = invoke(["run", str(rules), "-f", "ics"], plugins=[engine_ical])
    assert result.exit_code == 0, result.stderr
    data = result.stdout_bytes
    assert b"\r\n" in data and all(b"\r" not in line and b"\n" not in line for line in data.split(b"\r\n"))
    cal = Calendar.from_ical(data)
    assert str(cal["x-wr-calname"]) == "Glute day two"
    assert str(events(data)[0]["summary"]).startswith("Glute day two - week 1")


def test_a_reexport_after_more_of_the_log_outranks_the_last(registry, tmp_path):
    # Same UIDs, and a SEQUENCE that grows with the days the log has done (clients that follow RFC 5545 keep
    # the copy they have unless the new one's SEQUENCE is higher): none done, then week 1, then weeks 1-2.
    log = ATHLETES / "logs" / "sam-strong.csv"
    rows = log.read_text().splitlines(keepends=True)
    first = tmp_path / "week1.csv"
    first.write_text("".join(r for r in rows if not r.startswith("2026-12-14")))
    sequences, uids = [], []
    for logs in ([], [first], [log]):
        plan = plan_rules(RULES / "glute-day.toml", registry, athlete=ATHLETES / "sam.toml", logs=logs).plan
        found = events(export(plan, registry, "ics", {}))
        sequences.append({int(e["sequence"]) for e in found})
        uids.append([str(e["uid"]) for e in found])
    assert sequences == [{0}, {1}, {2}]
    assert uids[0] == uids[1] == uids[2]


def _log(tmp_path, units, rows):
    path = tmp_path / "log.csv"
    path.write_text("date,exercise,variant,reps,load,units,rpe\n" + "".join(rows))
    return path


@pytest.mark.parametrize(("units", "load"), [("lb", 225), ("kg", 100)])
def test_missed_moved_and_extra_sessions_are_in_the_calendar(registry, tmp_path, units, load):
    # Week 1 (Mon 2026-12-07) done on Tuesday, the squat only; a deadlift (week 2's lift) on Saturday 2026-12-12
    # is a session no planned day claims: an event of its own, as the text sheet lists it.
    rules = tmp_path / "rules.toml"
    rules.write_text((RULES / "glute-day.toml").read_text().replace('units = "lb"', f'units = "{units}"'))
    rows = [f"2026-12-08,squat,,5,{load},{units},{x}\n" for x in (7, 7.5, 8)]
    rows += [f"2026-12-12,deadlift,,5,{load},{units},8\n", f"2026-12-15,hip-extension,,10,,{units},7\n"]
    plan = plan_rules(rules, registry, logs=[_log(tmp_path, units, rows)]).plan
    found = events(export(plan, registry, "ics", {}))
    summaries = [str(e["summary"]) for e in found]
    title = "Glute and hamstring day - week 1 (extra: Conventional deadlift)"
    assert title in summaries
    extra = found[summaries.index(title)]
    assert extra.decoded("dtstart") == dt.date(2026, 12, 12)
    assert str(extra["description"]) == (f"Sat 2026-12-12 (not planned): Conventional deadlift 5 x {load} {units} "
                                         "(1 set) @ 8")
    first = str(found[0]["description"])
    assert f"; done Tue 2026-12-08: 5, 5, 5 x {load} {units} @ 7, 7.5, 8" in first  # moved, and when
    assert "not in the log" in first  # the week 1 exercises the log has nothing of
    assert not any(s.endswith("(missed)") for s in summaries)  # (a day with one exercise done is not missed)


def test_a_day_the_log_has_nothing_of_is_missed_in_its_title(registry, tmp_path):
    # Week 1 logged on Monday; week 2's Monday passes with nothing (a later session makes it done).
    rows = ["2026-12-07,squat,,5,225,lb,8\n", "2026-12-16,squat,,5,225,lb,8\n"]
    plan = plan_rules(RULES / "glute-day.toml", registry, logs=[_log(tmp_path, "lb", rows)]).plan
    summaries = [str(e["summary"]) for e in events(export(plan, registry, "ics", {}))]
    assert summaries[1] == "Glute and hamstring day - week 2 (Mon) (missed)"
    assert summaries[0] == "Glute and hamstring day - week 1 (Mon)"


def test_the_calendar_name_is_escaped_text(registry, tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text((RULES / "glute-day.toml").read_text()
                     .replace('name = "Glute and hamstring day"', 'name = "Glutes, phase 1; back\\\\side"'))
    data = export(plan_rules(rules, registry).plan, registry, "ics", {})
    assert b"\r\nNAME:Glutes\\, phase 1\\; back\\\\side\r\n" in data
    assert b"\r\nX-WR-CALNAME:Glutes\\, phase 1\\; back\\\\side\r\n" in data


def test_an_extra_session_moves_with_the_plan_and_its_time_zone_rules_are_in_the_calendar(registry, tmp_path):
    # Step-ups (week 1's, not week 2's) on Sun 2027-03-28 (London's clocks go forward that night), after weeks
    # on 2027-03-15 and 22: the calendar's VTIMEZONE must reach that date, or the event shows an hour off. With
    # -O start a week later, the extra moves with the days around it; with description=false it has none.
    rules = tmp_path / "rules.toml"
    rules.write_text((RULES / "glute-day.toml").read_text().replace("weeks = 8", "weeks = 2")
                     .replace("start = 2026-12-07", "start = 2027-03-15"))
    rows = [f"2027-03-15,squat,,5,225,lb,{x}\n" for x in (7, 7.5, 8)] + ["2027-03-28,step-up,,8,20,lb,8\n"]
    plan = plan_rules(rules, registry, logs=[_log(tmp_path, "lb", rows)]).plan
    data = export(plan, registry, "ics", {"time": "18:30", "timezone": "Europe/London"})
    cal = Calendar.from_ical(data)
    [zone] = cal.walk("VTIMEZONE")
    assert any(c.name == "DAYLIGHT" and c.decoded("dtstart").date() == dt.date(2027, 3, 28)
               for c in zone.subcomponents)
    extra = [e for e in cal.walk("VEVENT") if "(extra:" in str(e["summary"])][0]
    assert extra.decoded("dtstart").utcoffset() == dt.timedelta(hours=1)  # BST
    moved = events(export(plan, registry, "ics", {"start": "2027-03-22", "description": False}))
    extra = [e for e in moved if "(extra:" in str(e["summary"])][0]
    assert extra.decoded("dtstart") == dt.date(2027, 4, 4) and "description" not in extra
    # A start on another weekday: the same weekday of the same week, as the planned days go (Wed 2027-03-24
    # starts week 1, so week 2's Sunday is 2027-04-04 again, not the Monday's shift of 35 days).
    moved = events(export(plan, registry, "ics", {"start": "2027-03-24"}))
    assert [e.decoded("dtstart") for e in moved if "(extra:" in str(e["summary"])] == [dt.date(2027, 4, 4)]
