"""Wording shared by the human-readable exporters."""

from __future__ import annotations

import datetime as _dt

from engine.assist import assistance_text, assisted
from engine.bells import label
from engine.model import WEEKDAYS, Day, LoggedSession, Performed, Plan, PlannedExercise, Week


def number(value: float) -> str:
    return f"{value:g}"


def span(lo: float, hi: float, sep: str = "-") -> str:
    return number(lo) if lo == hi else f"{number(lo)}{sep}{number(hi)}"


def reps_text(ex: PlannedExercise) -> str:
    side = "/side" if ex.prescription.per_side else ""
    reps = [s.reps for s in ex.sets]
    if not reps:
        return "-"
    if len(set(reps)) == 1:
        return f"{len(reps)} x {reps[0]}{side}"
    return ", ".join(str(r) for r in reps) + side


def rpe_text(ex: PlannedExercise) -> str:
    values = [s.rpe for s in ex.sets if s.rpe is not None]
    return f"RPE {span(values[0], values[-1])}" if values else ""


def scheme(ex: PlannedExercise) -> str:
    rpe = rpe_text(ex)
    return f"{reps_text(ex)} @ {rpe}" if rpe else reps_text(ex)


def load_text(ex: PlannedExercise, units: str) -> str:
    """The load as the athlete reads it: "225 lb", "2 x 25 lb" (a dumbbell
    in each hand: every load is per hand), "BW + 2 x 10 kg", "BW", and
    for an assisted form the help taken off: "BW - 45 kg"; a bell made in
    other units by its own weight: "20 kg (44.1 lb)"."""
    loads = [s.load for s in ex.sets if s.load is not None]
    bodyweight = ex.exercise.loading == "bodyweight"
    if loads:
        text = label(loads, ex.basis.labels if ex.basis else ()) or f"{span(min(loads), max(loads))} {units}"
        if ex.implements > 1:
            text = f"{ex.implements} x {text}"
        if bodyweight and min(loads) < 0:  # an assisted form: help taken off bodyweight
            return f"BW - {span(-max(loads), -min(loads))} {units}"
        if bodyweight:
            return f"BW + {text}" if max(loads) > 0 else "BW"
        return text
    if ex.basis is not None and bodyweight and ex.basis.note == "bodyweight only":
        return "BW"
    if ex.target.added_load and not ex.deload:  # a deload's load is relative: its note says it
        if assisted(ex.choice):  # more moved load is less help
            return f"{number(round(ex.target.added_load, 2))} {units} less help"
        return f"+{number(round(ex.target.added_load, 2))} {units}"  # (5.51 lb, as the note says it)
    return ""


def performed_text(ex: PlannedExercise, units: str, on: _dt.date | None = None) -> str:
    """What the log says was done, one group per load: "done 6, 6, 5 x 225 lb
    @ 7, 8, 9", "done 3 x 315 lb (1 set) @ 8; 8, 8 x 255 lb @ 8, 9", the form
    when it is not the one planned ("done as Sumo deadlift: ..."), and the
    day when it is not the day planned (`on`): "done Thu 2027-04-08: ..."."""
    if not ex.performed:
        return "not in the log" if ex.missed else ""
    if on is not None and ex.performed[0].date != on:
        rest = performed_text(ex, units).removeprefix("done")  # " 4, 4, 4 x ..." or " as Sumo deadlift: ..."
        return f"done {day_text(ex.performed[0].date)}{'' if rest.startswith(' as ') else ':'}{rest}"
    implements = ex.implements
    as_form = ""
    if ex.logged_as is not None:
        as_form = f" as {ex.logged_as.name}:"
        form = ex.logged_as.variant
        implements = form.implements if form is not None and {"dumbbells", "kettlebells"} & set(form.equipment) else 1
    return f"done{as_form} " + _sets_text(ex.performed, implements, units, ex.basis.labels if ex.basis else ())


def extra_text(session: LoggedSession, units: str) -> str:
    """A session the log has and no planned exposure claims, as the
    built-in exporters list it with its week: "Sat 2027-04-03 (not
    planned): High-bar back squat 5, 5, 5 x 115 kg @ 7, 7.5, 8"."""
    sets = _sets_text(session.sets, session.implements, units, session.labels)
    return f"{day_text(session.date)} (not planned): {session.choice.name} {sets}"


def day_text(date: _dt.date) -> str:
    """"Sat 2027-04-03": the weekday in English, whatever the locale."""
    return f"{WEEKDAYS[date.weekday()].capitalize()} {date.isoformat()}"


def _sets_text(sets: tuple[Performed, ...], implements: int, units: str,
               labels: tuple[tuple[float, str], ...] = ()) -> str:
    """Logged sets, one group per load in the order logged."""
    groups: list[list[Performed]] = []
    for p in sets:
        if groups and groups[-1][0].load == p.load:
            groups[-1].append(p)
        else:
            groups.append([p])
    rated = any(p.rpe is not None for p in sets)
    return "; ".join(_group_text(g, implements, units, rated, labels) for g in groups)


def _group_text(group: list[Performed], implements: int, units: str, rated: bool,
                labels: tuple[tuple[float, str], ...] = ()) -> str:
    """One load's sets; with RPEs in the session, an unrated set shows "-"
    (or "failure" for a set logged as taken to failure) so the ratings line
    up with their sets."""
    reps = ", ".join(str(p.reps) for p in group)
    load = group[0].load
    amount = "" if not load else label((load,), labels) or f"{number(round(load, 2))} {units}"  # "20 kg (44.1 lb)"
    weight = "" if not load else f" x {assistance_text(load, units)}" if load < 0 else (  # help: "x BW - 60 kg"
        f" with {implements} x {amount}" if implements > 1 else f" x {amount}")
    rpes = [number(p.rpe) if p.rpe is not None else "failure" if p.kind == "failure" else "-"
            for p in group] if rated or any(p.kind == "failure" for p in group) else []
    # one set: "3 x 90 kg" alone reads as three sets, so it says "(1 set)" after it (before it, "done 1 set: ..."
    # read as if the session were that one set)
    return f"{reps}{weight}" + (" (1 set)" if len(group) == 1 else "") + (f" @ {', '.join(rpes)}" if rpes else "")


def rest_text(ex: PlannedExercise) -> str:
    rest = ex.prescription.rest
    if not rest:
        return ""
    lo, hi = rest
    if lo % 60 == 0 and hi % 60 == 0:
        return f"rest {span(lo // 60, hi // 60)} min"
    return f"rest {span(lo, hi)} s"


def one_line(text: str) -> str:
    """A name or note on one line: each run of white space, line breaks
    included, becomes one space."""
    return " ".join(text.split())


def heading(plan: Plan) -> str:
    p = plan.program
    days = ", ".join(d.capitalize() for d in p.days)
    start = f", from {p.start.isoformat()}" if p.start else ""
    who = f"For {one_line(plan.athlete.name)}: " if plan.athlete else ""
    return f"{who}{p.weeks} weeks, {p.split} split, {days}, {plan.units}{start}"


def week_title(week: Week) -> str:
    if week.done:
        return f"Week {week.number} (done)"
    return f"Week {week.number}" + (" (partly done)" if any(d.done for d in week.days) else "")


def remarks(ex: PlannedExercise, units: str, on: _dt.date | None = None) -> str:
    """The slot's and progression's notes, the load's caveat, what was done
    (and on which day, when not on `on`, the day planned)."""
    extra = [ex.basis.note] if ex.basis and ex.basis.note and ex.basis.note != "bodyweight only" else []
    return "; ".join(t for t in (ex.remarks, *extra, performed_text(ex, units, on)) if t)


def day_title(day: Day, week: Week | None = None) -> str:
    """"Mon 2026-12-07", with "(done)" on a done day of a week not yet done."""
    title = day.name.capitalize()
    title = f"{title} {day.date.isoformat()}" if day.date else title
    return f"{title} (done)" if day.done and week is not None and not week.done else title


# C0 and C1 controls except tab and newline, the Unicode line separators, and the bidirectional controls
# (U+202E turns the rest of a line around: a name could make "225" read "522").
_ESCAPES = {c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"
            for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029,
                      0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def visible(text: str) -> str:
    """Control characters from names and notes (an escape sequence, a bell,
    a carriage return) written as \\xNN: they would drive the terminal or
    break the lines of text and Markdown output, and bidirectional controls,
    which reorder what a coach reads. Tabs and newlines stay."""
    return text if text.isprintable() else text.translate(_ESCAPES)
