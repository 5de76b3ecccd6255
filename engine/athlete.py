"""Athlete profiles: read, validate (JSON Schema plus the catalog), build
`Athlete`. Same located errors as rule files; the file is never written."""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any, Iterable, Mapping

from engine.assist import help_problems
from engine.errors import WARNING, EngineError, Problem
from engine.model import Athlete, Exercise, Gear, GearChange, Max, Stack

MAX_DUMBBELLS = 400


def _validator(registry: Any) -> Any:
    if "athlete_validator" not in registry.cache:
        from engine.validators import athlete_validator

        registry.cache["athlete_validator"] = athlete_validator()
    return registry.cache["athlete_validator"]


def load_athlete(path: str | os.PathLike[str], registry: Any,
                 exercises: Mapping[str, Exercise]) -> tuple[Athlete, list[Problem], str]:
    """Returns the athlete, warnings and the file's text (for locating).
    Raises EngineError on any error, with the text read (the caller locates)."""
    from engine.documents import parse_toml, read_text, to_json_compatible

    display = str(path)
    source = read_text(path, display)
    # Dates become ISO text before anything reads the data: a date where a
    # name is expected is then just text (or a schema error), never a date
    # object surprising the code after validation.
    data = to_json_compatible(parse_toml(source, display))
    problems = _validator(registry).problems(data, display)
    if problems:  # with the forms named under maxes and ratios: every problem of the file at once
        raise EngineError(problems + _names(data, exercises, display, problems), {display: source})
    errors: list[Problem] = []
    warnings: list[Problem] = []
    info = data["athlete"]
    units = info["units"]
    gear, changes = _equipment(data.get("equipment", {}), units, display, errors, warnings, exercises)
    maxes, tested = _maxes(data.get("maxes", {}), exercises, display, errors, warnings)
    errors += help_problems(data.get("maxes", {}), exercises, info.get("bodyweight"), units, display)
    logs = _logs(data.get("logs", ()), os.fspath(path), display, errors)
    ratios = _ratios(data.get("ratios", {}), exercises, display, errors)
    warnings += _conflicts(maxes, ratios, exercises, display)
    if errors:  # with the warnings: every problem of the file at once
        raise EngineError(errors + warnings, {display: source})
    athlete = Athlete(
        name=info["name"], units=units, bodyweight=info.get("bodyweight"),
        sensitivities=tuple(info.get("sensitivities", ())), gear=gear, maxes=maxes, logs=logs, source=display,
        ratios=ratios, max_history=tested, gear_changes=changes,
    )
    return athlete, warnings, source


def _names(data: Any, exercises: Mapping[str, Exercise], display: str, found: list[Problem]) -> list[Problem]:
    """The forms `maxes` and `ratios` name that are not known, for a profile
    the schema already rejected (its other checks need valid data)."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    seen = {p.path[:2] for p in found}
    for table in ("maxes", "ratios"):
        raw = data.get(table) if isinstance(data, dict) else None
        if isinstance(raw, dict):
            for key in raw:
                if (table, key) not in seen:
                    _form(key, exercises, display, (table, key), errors, warnings if table == "maxes" else None,
                          given=raw)
    return errors + warnings


def _logs(names: Any, path: str, display: str, errors: list[Problem]) -> tuple[str, ...]:
    """Log paths, confined to the profile's directory tree like includes."""
    from engine.documents import confine

    out = []
    root = os.path.dirname(os.path.realpath(path))
    for i, name in enumerate(names):
        if "\x00" in name:
            errors.append(Problem(display, ("logs", i), "log name contains a NUL character"))
            continue
        try:
            confine(name, path, root, "log", "the athlete file's", folder=root)
        except ValueError as exc:
            errors.append(Problem(display, ("logs", i), str(exc)))
            continue
        target = os.path.join(os.path.dirname(path), name)
        if not os.path.isfile(target):
            what = ("is a directory, not a log file" if os.path.isdir(target) else
                    "is not a regular file" if os.path.exists(target) else "does not exist")
            errors.append(Problem(display, ("logs", i),
                                  f"log {name!r} {what} (paths are relative to the athlete file)"))
            continue
        out.append(os.path.normpath(os.path.join(os.path.dirname(display), name)))
    return tuple(out)


def _equipment(raw: Any, units: str, file: str, errors: list[Problem], warnings: list[Problem],
               exercises: Mapping[str, Exercise]) -> tuple[Gear, tuple[GearChange, ...]]:
    """The equipment from the start, and each change from a date: one
    `[equipment]` table, or `[[equipment]]` entries in date order, the
    first the equipment from the start (engine.gearchanges)."""
    from engine.gearchanges import dated_entries

    listed = isinstance(raw, list)
    entries = raw if listed else [raw]
    known = {e for ex in exercises.values() for e in (*ex.equipment, *(x for v in ex.variants for x in v.equipment))} \
        if any(spec.get("available") for spec in entries) else set()  # (only a list of what is available is checked)
    gears = []
    for i, spec in enumerate(entries):
        at = ("equipment", i) if listed else ("equipment",)
        gears.append(_gear(spec, units, file, errors, at))
        _typos(spec.get("available", []), known, file, at, warnings)
        if "kettlebells" in spec.get("available", ()) and "kettlebells" not in spec and "kettlebells" in known:
            warnings.append(Problem(file, (*at, "available", spec["available"].index("kettlebells")), (
                "kettlebells are available but the profile gives no bell weights: kettlebell exercises load from "
                "the dumbbells; list the bells (kettlebells = [16, 20, 24], or { kg = [16, 20, 24] } for bells "
                "made in kg)"), WARNING))
    dates = dated_entries(entries, file, errors, warnings) if listed else {}
    return gears[0], tuple(GearChange(day, gears[i], i) for i, day in dates.items())


def _typos(available: list[str], known: set[str], file: str, at: tuple[Any, ...], warnings: list[Problem]) -> None:
    """A gym's list names more than one program needs: only a likely
    misspelling is worth a word."""
    from engine.errors import suggest

    for item in sorted(set(available) - known):
        hint = suggest(item, sorted(known), TYPO)
        if hint:
            warnings.append(Problem(file, (*at, "available", available.index(item)), (
                f"no exercise needs {item!r}{hint}"), WARNING))


def _gear(raw: Mapping[str, Any], units: str, file: str, errors: list[Problem],
          at: tuple[Any, ...] = ("equipment",)) -> Gear:
    from engine.loads import DEFAULT_GEAR

    base = DEFAULT_GEAR[units]
    bells = base.dumbbells
    spec = raw.get("dumbbells")
    if isinstance(spec, list):
        bells = tuple(sorted(float(w) for w in spec))
    elif isinstance(spec, dict):
        lo, hi, step = spec["min"], spec["max"], spec["step"]
        if hi < lo:
            errors.append(Problem(file, (*at, "dumbbells"), f"max {hi:g} is below min {lo:g}"))
        elif (hi - lo) / step + 1 > MAX_DUMBBELLS:
            errors.append(Problem(file, (*at, "dumbbells", "step"), (
                f"that makes more than {MAX_DUMBBELLS} dumbbells; use a larger step")))
        else:
            n = int((hi - lo) / step + 1e-9)
            bells = tuple(round(lo + i * step, 6) for i in range(n + 1))
    available = raw.get("available")
    stacks = {}
    for name, spec in raw.get("machines", {}).items():
        low, high = spec.get("min"), spec.get("max")
        lightest = low if low is not None else spec["step"]
        if high is not None and high < lightest:
            what = f"min {low:g}" if low is not None else f"one step ({spec['step']:g})"
            errors.append(Problem(file, (*at, "machines", name, "max"), f"max {high:g} is below {what}"))
            continue
        stacks[name] = Stack(float(spec["step"]), None if low is None else float(low),
                             None if high is None else float(high))
    machine_max = raw.get("machine_max")
    step = float(raw.get("machine_step", base.machine_step))
    if machine_max is not None and machine_max < step:
        errors.append(Problem(file, (*at, "machine_max"), f"{machine_max:g} is below one step ({step:g})"))
    return Gear(
        available=frozenset(available) if available is not None else None,
        bar=float(raw.get("bar", base.bar)),
        trap_bar=float(raw.get("trap_bar", base.trap_bar)),
        plates=tuple(sorted((float(p) for p in raw.get("plates", base.plates)), reverse=True)),
        dumbbells=bells,
        machine_step=float(raw.get("machine_step", base.machine_step)),
        machine_max=None if machine_max is None else float(machine_max),
        stacks=stacks,
        kettlebells=_bells(raw.get("kettlebells"), units),
    )


def _bells(spec: Any, units: str) -> tuple[tuple[float, str], ...] | None:
    """The bells as made, (weight, units), lightest first: a list is in the
    profile's units, a table gives them by the units they are made in."""
    from engine.loads import convert

    if spec is None:
        return None
    table = {units: spec} if isinstance(spec, list) else spec
    bells = [(float(w), u) for u in ("kg", "lb") for w in table.get(u, ())]
    return tuple(sorted(bells, key=lambda b: (convert(b[0], b[1], units), b[1])))


TYPO = 0.8  # similarity of a misspelling (hip-thurst, sqaut), not of two lifts (leg-press, bench-press: 0.7)


def _form(key: str, exercises: Mapping[str, Exercise], file: str, path: tuple[Any, ...],
          errors: list[Problem], warnings: list[Problem] | None = None, given: Iterable[str] = ()) -> bool:
    """Is `key` ("id" or "id/variant") a known exercise form? Reports it if
    not: an error when it looks like a misspelling of one that has no entry
    of its own (`given`), and (with `warnings`) a warning otherwise, as a
    profile kept for several programs names exercises another rule file
    defines (with the close name as a hint)."""
    from engine.errors import suggest

    ex_id, _, variant = key.partition("/")
    ex = exercises.get(ex_id)
    if ex is None:
        hint = suggest(ex_id, sorted(exercises))
        mistyped = suggest(ex_id, sorted(set(exercises) - {g.partition("/")[0] for g in given}), TYPO)
        if mistyped or warnings is None:
            errors.append(Problem(file, path, f"unknown exercise {ex_id!r}{mistyped or hint}", at_key=True))
        else:
            warnings.append(Problem(file, path, (
                f"unknown exercise {ex_id!r}: neither this program nor the catalog defines it, so this max "
                f"is not used here{hint and ' (' + hint.lstrip('; ') + ')'}"),
                WARNING, at_key=True))
        return False
    if variant and ex.variant(variant) is None:
        errors.append(Problem(file, path, (
            f"{ex_id!r} has no variant {variant!r} (variants: {', '.join(v.id for v in ex.variants) or 'none'})"),
            at_key=True))
        return False
    return True


def _conflicts(maxes: Mapping[str, Max], ratios: Mapping[str, float], exercises: Mapping[str, Exercise],
               file: str) -> list[Problem]:
    """Keys that say one thing twice, which the engine would settle
    silently: a max for an exercise and one for its default form (the
    form's is used), a ratio for the default form (the form every ratio is
    a fraction of)."""
    out = []
    for key in maxes:
        ex = exercises.get(key)
        if ex is not None and ex.variants and ex.default_form in maxes:
            out.append(Problem(file, ("maxes", key), (
                f"{key!r} and {ex.default_form!r} are the same form ({ex.name}'s default): the max under "
                f"{ex.default_form!r} is used, this one is not"), WARNING, at_key=True))
    for key, value in ratios.items():
        ex = exercises.get(key.partition("/")[0])
        if ex is not None and key == ex.default_form and value != 1:
            out.append(Problem(file, ("ratios", key), (
                f"{key!r} is the default form of {ex.id!r}, the one every ratio is a fraction of: a ratio of {value:g} "
                "rescales every other form's estimate from it; give the other forms' ratios instead"),
                WARNING, at_key=True))
    return out


def _ratios(raw: Mapping[str, Any], exercises: Mapping[str, Exercise], file: str,
            errors: list[Problem]) -> dict[str, float]:
    out = {}
    for key, value in raw.items():
        if _form(key, exercises, file, ("ratios", key), errors):
            out[key] = float(value)
    return out


def _maxes(raw: Mapping[str, Any], exercises: Mapping[str, Exercise], file: str, errors: list[Problem],
           warnings: list[Problem]) -> tuple[dict[str, Max], dict[str, tuple[Max, ...]]]:
    """The max of each form (the latest, for a history of tests) and each
    history as written."""
    from engine.maxhistory import oldest_first

    out, history = {}, {}
    for key, spec in raw.items():
        if not _form(key, exercises, file, ("maxes", key), errors, warnings, given=raw):
            continue
        ex = exercises.get(key.partition("/")[0])
        if not isinstance(spec, list):
            one = _max(key, spec if isinstance(spec, dict) else {"load": spec}, ex, file, ("maxes", key), errors)
            if one is not None:
                out[key] = one
            continue
        tests = _history(key, spec, ex, file, errors)
        if tests:
            history[key] = tests
            out[key] = oldest_first(tests)[-1]
    return out, history


def _history(key: str, specs: list[Any], ex: Exercise | None, file: str, errors: list[Problem]) -> tuple[Max, ...]:
    """A form's tests as written: each dated, but one may lack a date (it
    counts as the oldest); two on one day say two things of that day."""
    tests: list[Max] = []
    seen: dict[_dt.date, int] = {}
    undated: int | None = None
    for i, spec in enumerate(specs):
        m = _max(key, spec, ex, file, ("maxes", key, i), errors)
        if m is None or (m.date is None and "date" in spec):  # no max, or a date that is none (reported)
            continue
        if m.date is None and undated is not None:
            errors.append(Problem(file, ("maxes", key, i), (
                f"a second max of {key} with no date ({key}[{undated}] has none): only one test may go "
                "undated, and it counts as the oldest; give this one the day it was lifted (date = YYYY-MM-DD)")))
            continue
        if m.date is not None and m.date in seen:
            errors.append(Problem(file, ("maxes", key, i, "date"), (
                f"{key}[{seen[m.date]}] is dated {m.date} too: keep one test of {key} per day")))
            continue
        if m.date is None:
            undated = i
        else:
            seen[m.date] = i
        tests.append(m)
    return tuple(tests)


def _max(key: str, spec: Mapping[str, Any], ex: Exercise | None, file: str, path: tuple[Any, ...],
         errors: list[Problem]) -> Max | None:
    load, reps, rpe = float(spec["load"]), spec.get("reps", 1), float(spec.get("rpe", 10))
    if load == 0 and ex is not None and ex.loading != "bodyweight":
        errors.append(Problem(file, (*path, "load"), (
            f"a load of 0 is bodyweight alone, and {ex.name} ({ex.id}) is not a bodyweight exercise: "
            "give the load lifted")))
        return None
    date = None
    if "date" in spec:
        try:
            date = _dt.date.fromisoformat(str(spec["date"]))
        except ValueError:
            errors.append(Problem(file, (*path, "date"), f"{spec['date']!r} is not a calendar date"))
    return Max(key, load, reps, rpe, date)
