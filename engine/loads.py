"""Effort models (reps and RPE to a fraction of 1RM), their inverse, and
exact unit conversion. What an athlete's equipment makes of a load is in
`engine.gear`.

Reps in reserve count as extra reps: a set of `r` reps at RPE `p` is treated
as `r + (10 - p)` reps to failure, the idea behind RPE charts. The default
model is Epley's formula, chosen because it stays sensible across the whole
span the catalog prescribes (4 to 20 reps at 2-3 in reserve, that is 6 to 23
reps to failure); Brzycki's is offered too and is close to it up to about 10.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from engine import hookimpl
from engine.components import EffortModel
from engine.model import Gear

KG_PER_LB = 0.45359237  # exact by definition

DEFAULT_GEAR = {
    "lb": Gear(),
    "kg": Gear(bar=20.0, trap_bar=25.0, plates=(25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25),
               dumbbells=tuple(float(w) for w in range(2, 62, 2)), machine_step=5.0),
}
DEFAULT_INCREMENT = {"lb": 5.0, "kg": 2.5}


def increment_of(options: Mapping[str, Any], units: str, step: float | None) -> float:
    """A progression's increment in the plan's units; "step" is the gap to
    the next load the equipment makes (the default increment when that is
    not known)."""
    value = options.get("increment")
    if value == "step":
        return step or DEFAULT_INCREMENT.get(units, 2.5)
    return float(value if value is not None else DEFAULT_INCREMENT.get(units, 2.5))


def guarded_effort(registered: Any) -> Callable[[int, float], float]:
    """A registered effort model's `percent`, checked at every call: a fault,
    or a value that is not a fraction of 1RM in (0, 1.5], names the plugin.
    The built-in models (this module's) are called as they are: planning
    calls the model hundreds of times an athlete."""
    from engine.errors import PluginError
    from engine.plugins import DEFAULT_PLUGINS

    model, plugin = registered.component, registered.plugin
    if plugin in DEFAULT_PLUGINS:
        return model.percent  # type: ignore[no-any-return]
    hook = f"effort model {model.name!r}"

    def percent(reps: int, rpe: float) -> float:
        try:
            value = model.percent(reps, rpe)
        except Exception as exc:  # noqa: BLE001 - a plugin's fault names the plugin
            raise PluginError(plugin, hook, f"{type(exc).__name__}: {exc}") from exc
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value <= 1.5:
            raise PluginError(plugin, hook, (
                f"percent({reps}, {rpe:g}) returned {value!r}; expected a fraction of 1RM in (0, 1.5]"))
        return float(value)

    return percent


def convert(value: float, source: str, target: str) -> float:
    """Exact conversion between kg and lb (1 lb = 0.45359237 kg)."""
    if source == target:
        return value
    return value * KG_PER_LB if target == "kg" else value / KG_PER_LB


def reps_to_failure(reps: float, rpe: float) -> float:
    return reps + max(10.0 - rpe, 0.0)


def epley(reps: float, rpe: float) -> float:
    """Epley: 1RM = load x (1 + n / 30); one rep at RPE 10 is the max itself."""
    n = reps_to_failure(reps, rpe)
    return 1.0 if n <= 1 else 1.0 / (1.0 + n / 30.0)


def brzycki(reps: float, rpe: float) -> float:
    """Brzycki: 1RM = load x 36 / (37 - n); kept above zero for long sets."""
    n = reps_to_failure(reps, rpe)
    return max((37.0 - n) / 36.0, 0.05) if n > 1 else 1.0


@hookimpl
def engine_register_effort_models(register: Callable[[EffortModel], None]) -> None:
    register(EffortModel(
        "epley", epley,
        "Epley's formula on reps plus reps in reserve (the default): %1RM = 1 / (1 + n/30).",
    ))
    register(EffortModel(
        "brzycki", brzycki,
        "Brzycki's formula on reps plus reps in reserve: %1RM = (37 - n) / 36; best up to ~10 reps.",
    ))


def graded(percent: Callable[[int, float], float], reps: int) -> bool:
    """Whether the effort model reads RPE at these reps (a plugin's model
    may not): else no decision can be made from it."""
    return percent(reps, 10.0) > percent(reps, 1.0) + 1e-9


def rpe_at(percent: Callable[[int, float], float], reps: int, fraction: float) -> float:
    """The RPE at which `reps` take `fraction` of 1RM: the effort model
    read backwards (bisection; every model falls as reps in reserve grow).
    Clamped to the scale, 1 to 10. A plan asks the same question of a
    built-in model many times (the same load against the same e1RM), so
    those answers are kept, by their exact arguments, for the process."""
    if percent not in _BUILT_IN:
        return _bisect(percent, reps, fraction)
    key = (percent, reps, fraction)
    found = _ANSWERS.get(key)
    if found is None:
        found = _bisect(percent, reps, fraction)
        if len(_ANSWERS) >= _MAX_ANSWERS:
            _ANSWERS.clear()
        _ANSWERS[key] = found
    return found


def _bisect(percent: Callable[[int, float], float], reps: int, fraction: float) -> float:
    lo, hi = 1.0, 10.0
    if percent(reps, lo) >= fraction:
        return lo
    if percent(reps, hi) <= fraction:
        return hi
    for _ in range(40):
        mid = (lo + hi) / 2
        if percent(reps, mid) < fraction:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


_BUILT_IN = frozenset({epley, brzycki})  # pure functions of their arguments
_MAX_ANSWERS = 4096
_ANSWERS: dict[tuple[Callable[[int, float], float], int, float], float] = {}
