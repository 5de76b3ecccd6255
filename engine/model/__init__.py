"""The engine's data model, from rule file to plan: frozen data classes.

Everything here is plain data so `evaluate` stays a pure function that a
process pool (or a cluster) can run unchanged. The classes live in small
modules by what they describe; import them from here.
"""

from __future__ import annotations

from engine.model.athlete import Athlete, Gear, GearChange, Max, Stack
from engine.model.base import Frozen, FrozenInstanceError, replace
from engine.model.catalog import Choice, Exercise, Note, Prescription, Variant
from engine.model.logged import LoggedSession, Performed
from engine.model.plan import Day, LoadBasis, Plan, PlannedExercise, PlannedSet, SelectionTrace, Week
from engine.model.ratedrun import RatedRun
from engine.model.rules import (
    Autoregulation,
    Composition,
    Deload,
    Program,
    ProgressionRule,
    Rules,
    Sensitivity,
    SlotRule,
)
from engine.model.state import Expected, Target, TrainingState
from engine.model.types import CATEGORIES, WEEKDAYS, IntRange, NumRange

__all__ = [
    "Frozen",
    "FrozenInstanceError",
    "replace",
    "Athlete",
    "Autoregulation",
    "CATEGORIES",
    "Choice",
    "Composition",
    "Day",
    "Deload",
    "Exercise",
    "Expected",
    "Gear",
    "GearChange",
    "IntRange",
    "LoadBasis",
    "LoggedSession",
    "Max",
    "Note",
    "NumRange",
    "Performed",
    "Plan",
    "PlannedExercise",
    "PlannedSet",
    "Prescription",
    "Program",
    "ProgressionRule",
    "Rules",
    "SelectionTrace",
    "Sensitivity",
    "SlotRule",
    "Stack",
    "Target",
    "RatedRun",
    "TrainingState",
    "Variant",
    "WEEKDAYS",
    "Week",
]
