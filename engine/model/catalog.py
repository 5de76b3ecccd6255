"""Exercises as the catalog and rule files describe them, and what a selector picks."""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.model.types import IntRange, NumRange


@dataclass(frozen=True)
class Prescription:
    """Ranges for one exercise: sets x reps @ RPE, optional rest in seconds."""

    sets: IntRange
    reps: IntRange
    rpe: NumRange | None = None
    per_side: bool = False
    rest: IntRange | None = None


@dataclass(frozen=True)
class Variant:
    """A named form of an exercise (a grip, a stance, an implement)."""

    id: str
    name: str
    equipment: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    notes: str = ""
    # This form's max as a fraction of the default (first) form's, when the
    # catalog knows it; None: a max of one says nothing about the other.
    ratio: float | None = None
    implements: int = 1  # dumbbells held: loads are per dumbbell (per hand)
    harder: str | None = None  # the form to move to when this one tops out


@dataclass(frozen=True)
class Exercise:
    """A catalog entry. `source` names where it came from (builtin, plugin, file)."""

    id: str
    name: str
    category: str
    prescription: Prescription
    loading: str = "barbell"
    equipment: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    variants: tuple[Variant, ...] = ()
    aliases: tuple[str, ...] = ()
    notes: str = ""
    source: str = field(default="builtin", compare=False)
    implements: int = 1  # for an exercise without variants

    def variant(self, variant_id: str) -> Variant | None:
        return next((v for v in self.variants if v.id == variant_id), None)

    def form_key(self, variant: Variant | None) -> str:
        """"id/variant", or "id" for an exercise without variants."""
        return f"{self.id}/{variant.id}" if variant is not None else self.id

    @property
    def default_form(self) -> str:
        """The key of the first form: what a max or a log entry for the
        exercise as a whole refers to."""
        return self.form_key(self.variants[0] if self.variants else None)


@dataclass(frozen=True)
class Choice:
    """What a selector picks: an exercise, and optionally one of its variants."""

    exercise: Exercise
    variant: Variant | None = None

    @property
    def key(self) -> str:
        return f"{self.exercise.id}/{self.variant.id}" if self.variant else self.exercise.id

    @property
    def name(self) -> str:
        return self.variant.name if self.variant else self.exercise.name


@dataclass(frozen=True)
class Note:
    """A coaching note from the catalog, printed once per plan."""

    id: str
    title: str
    text: str
