"""`engine explain`: why each slot got its exercises and where each load
came from, read off the plan (evaluation records it as it goes)."""

from __future__ import annotations

import json
from typing import Any, Sequence

from engine.exporters.common import extra_text, load_text, number, scheme, week_title
from engine.exporters.json import basis_dict
from engine.loaded import n
from engine.model import LoadBasis, Performed, Plan, PlannedExercise


def _n(x: float | None) -> str:
    """An estimate (e1RM, a load before rounding, what is owed) as the
    plan's notes print it: to the hundredth."""
    return "?" if x is None else n(x)


def _load(x: float | None) -> str:
    """A load as the plan prints it, every digit: 16.25 kg, not 16.2; an
    assisted form's help as the sheet says it: BW - 45."""
    return "?" if x is None else f"BW - {number(-x)}" if x < 0 else number(x)


def reps_text(reps: int) -> str:
    return f"{reps} rep" if reps == 1 else f"{reps} reps"


def basis_text(b: LoadBasis | None, ex: PlannedExercise, units: str, bodyweight: float | None = None) -> str:
    """The load's chain in the order it is computed: source -> e1RM -> the
    effort figure for the reps and RPE planned (-> the load moved, where
    bodyweight or two implements make it more than one implement's) -> the
    wanted load -> the load the equipment makes, then the change from last
    time (a deload's fraction comes before the wanted load: it is how that
    was computed)."""
    if b is None:
        return "no athlete given: loads are not computed"
    parts = [b.source] if b.source else []
    if b.e1rm is not None and b.percent is not None:
        rpe = b.rpe if b.rpe is not None else ex.target.rpe[0] if ex.target.rpe else 10
        parts.append(f"e1RM {_n(b.e1rm)} {units}")
        parts.append(f"{b.percent * 100:.1f}% for {reps_text(ex.target.reps)} at RPE {rpe:g}")
        parts += _moved(b, bodyweight if ex.choice.exercise.loading == "bodyweight" else None, units)
    change = b.change if b.change != "from the e1RM" else ""
    if change.startswith("deload"):
        parts.append(change)
        change = ""
    if b.raw is not None and b.load is not None:
        each = " each" if b.implements > 1 else ""
        raw = f"BW - {_n(-b.raw)}" if b.raw < 0 else _n(b.raw)
        parts.append(f"{raw} -> {_load(b.load)} {units}{each} ({b.rounding})")
    parts += [t for t in (b.note, change) if t]
    return " -> ".join(parts) if parts else "-"


def _moved(b: LoadBasis, bodyweight: float | None, units: str) -> list[str]:
    """"242.86 lb in all, less bodyweight 180, / 2": the step from the share
    of the e1RM to one implement's load, where it is not the same number."""
    body = bodyweight or 0.0
    if b.e1rm is None or b.percent is None or b.raw is None or not body and b.implements == 1:
        return []
    moved = b.e1rm * b.percent
    if abs(moved - (body + b.raw * b.implements)) > 0.01:  # (a load not taken from this share: a capped cut)
        return []
    return [f"{_n(moved)} {units} in all" + (f", less bodyweight {_n(body)}" if body else "")
            + (f", / {b.implements}" if b.implements > 1 else "")]


def state_text(ex: PlannedExercise, units: str) -> str:
    """What the next exposure of this form builds on."""
    st = ex.state
    if st is None:
        return "-"
    t = st.target
    load = f" at {_load(t.load)} {units}" if t.load is not None else ""
    owed = f", {_n(st.owed)} {units} owed" if st.owed else ""
    top = ", the equipment's heaviest" if st.topped else ""
    if st.status == "logged" and st.performed:
        return f"{_logged(st.performed, units)}, as logged{_followed(st.performed, t.load, units)}" \
               f" (exposure {st.exposures}){owed}{top}"
    what = {"missed": "not in the log", "replaced": "done as another form", "light": "a light day",
            "planned": "as planned"}.get(st.status, st.status)
    return f"{t.sets} x {t.reps}{load}, {what} (exposure {st.exposures}){owed}{top}"


def _logged(sets: Sequence[Performed], units: str) -> str:
    """The working sets as logged: "12, 12, 11 x 245 lb" (a ramp: "5 x 225, 5 x 245 lb")."""
    loads = {p.load for p in sets}
    if len(loads) == 1:
        load = sets[0].load
        return ", ".join(str(p.reps) for p in sets) + (f" x {_load(load)} {units}" if load else "")
    return ", ".join(f"{p.reps} x {_load(p.load or 0)}" for p in sets) + f" {units}"


def _followed(sets: Sequence[Performed], load: float | None, units: str) -> str:
    """When the load the next exposure builds on is not the one lifted
    (back-offs above the rep range stand for a heavier load; a ramp for its
    e1RM), say which."""
    lifted = {p.load for p in sets}
    if load is None and len(lifted) > 1:
        return "; the next load comes from its e1RM"
    if load is not None and lifted != {load}:
        return f"; builds on {_load(load)} {units}"
    return ""


def render_text(plan: Plan) -> str:
    units = plan.units
    p = plan.program
    who = f", for {plan.athlete.name} ({plan.athlete.units})" if plan.athlete else ""
    out = [f"{p.name}{who}; effort model {p.effort_model}", ""]
    traces = {(t.week, t.slot): t for t in plan.selections}
    bodyweight = plan.athlete.bodyweight if plan.athlete else None
    for week in plan.weeks:
        out.append(week_title(week))
        exercises = [ex for day in week.days for ex in day.exercises]
        for slot in dict.fromkeys(ex.slot for ex in exercises):
            t = traces.get((week.number, slot))
            if t is not None:
                out.append(f"  slot {slot!r} ({t.selector}): candidates {', '.join(t.candidates) or 'none'}")
                for ex_id, why in t.removed.items():
                    out.append(f"    removed {ex_id}: {why}")
                out.append(f"    picked {', '.join(t.picked)}" + (f": {t.why}" if t.why else ""))
            for ex in (e for e in exercises if e.slot == slot):
                load = load_text(ex, units)
                out.append(f"    {ex.choice.name}: {scheme(ex)}" + (f", {load}" if load else ""))
                out.append(f"      progression {ex.progression}: {ex.target.note or 'as planned'}"
                           + (" (deload week)" if ex.deload else ""))
                out.append(f"      load: {basis_text(ex.basis, ex, units, bodyweight)}")
                out.append(f"      next time builds on: {state_text(ex, units)}")
        out.extend(f"  extra: {extra_text(s, units)}" for s in week.extra)
        out.append("")
    from engine.exporters.common import visible

    return visible("\n".join(out).rstrip("\n")) + "\n"


def render_json(plan: Plan) -> str:
    data: dict[str, Any] = {
        "program": plan.program.name,
        "athlete": plan.athlete.name if plan.athlete else None,
        "units": plan.units,
        "effort_model": plan.program.effort_model,
        "selections": [
            {"week": t.week, "slot": t.slot, "selector": t.selector, "candidates": list(t.candidates),
             "removed": dict(t.removed), "picked": list(t.picked), "why": t.why}
            for t in plan.selections
        ],
        "loads": [
            {"week": w.number, "day": d.name, "slot": ex.slot, "exercise": ex.choice.key,
             "sets": ex.target.sets, "reps": ex.target.reps, "progression": ex.progression,
             "progression_note": ex.target.note, "deload": ex.deload, "basis": basis_dict(ex.basis),
             "state": _state_dict(ex)}
            for w in plan.weeks for d in w.days for ex in d.exercises
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _state_dict(ex: PlannedExercise) -> dict[str, Any] | None:
    st = ex.state
    if st is None:
        return None
    return {"form": st.form, "sets": st.target.sets, "reps": st.target.reps, "load": st.target.load,
            "status": st.status, "exposures": st.exposures, "owed": round(st.owed, 4), "topped": st.topped}
