"""Problems found while resolving a rule file, collected so every one is
reported at once."""

from __future__ import annotations

from typing import Any, Mapping

from engine.errors import ERROR, JsonPath, Problem

RANGE_KEYS = ("sets", "reps", "rpe", "rir", "rest")


class Findings:
    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, file: str, path: JsonPath, message: str, severity: str = ERROR, rank: int = 10) -> None:
        self.items.append(Problem(file, path, message, severity, rank=rank))

    @property
    def failed(self) -> bool:
        return any(p.severity == ERROR for p in self.items)


def check_ranges(f: Findings, file: str, path: JsonPath, data: Mapping[str, Any]) -> None:
    for key in RANGE_KEYS:
        value = data.get(key)
        if isinstance(value, list) and len(value) == 2 and value[0] > value[1]:
            f.add(file, (*path, key), f"range [{value[0]}, {value[1]}] has its minimum above its maximum")
