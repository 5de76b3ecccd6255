"""Kettlebells as the athlete knows them.

A bell is made in one unit: a 20 kg bell in an lb profile weighs 44.09 lb,
and the athlete logs it as "44" or "44.1". A logged load within `TOLERANCE`
of one of the athlete's bells (1 lb, 0.45 kg) is that bell, so the plan
reads the session at the bell's weight, never as a load the equipment does
not make (`engine.snap`); the sheet names a bell made in other units by its own weight,
"20 kg (44.1 lb)" (`Implement.labels`, carried by the load basis).
"""

from __future__ import annotations

from typing import Iterable

from engine.loads import KG_PER_LB

TOLERANCE = {"lb": 1.0, "kg": KG_PER_LB}  # a pound either way: 44 or 44.1 lb is the 20 kg bell (44.09 lb)


def label(loads: Iterable[float], labels: tuple[tuple[float, str], ...]) -> str | None:
    """The name of the one bell every load is ("20 kg (44.1 lb)"), or None."""
    found = {name for load in loads for at, name in labels if abs(at - load) <= 1e-6}
    values = set(loads)
    if len(found) == 1 and values and all(any(abs(at - v) <= 1e-6 for at, _ in labels) for v in values):
        return found.pop()
    return None
