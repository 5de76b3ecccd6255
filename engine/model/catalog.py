"""Exercises as the catalog and rule files describe them, and what a selector picks."""

from __future__ import annotations

from engine.model.base import Frozen, set_field
from engine.model.types import IntRange, NumRange


class Prescription(Frozen):
    """Ranges for one exercise: sets x reps @ RPE, optional rest in seconds."""

    __slots__ = ("sets", "reps", "rpe", "per_side", "rest")
    sets: IntRange
    reps: IntRange
    rpe: NumRange | None
    per_side: bool
    rest: IntRange | None

    def __init__(
        self,
        sets: IntRange,
        reps: IntRange,
        rpe: NumRange | None = None,
        per_side: bool = False,
        rest: IntRange | None = None,
    ) -> None:
        set_field(self, "sets", sets)
        set_field(self, "reps", reps)
        set_field(self, "rpe", rpe)
        set_field(self, "per_side", per_side)
        set_field(self, "rest", rest)


class Variant(Frozen):
    """A named form of an exercise (a grip, a stance, an implement)."""

    __slots__ = ("id", "name", "equipment", "aliases", "notes", "ratio", "implements", "harder", "assisted")
    id: str
    name: str
    equipment: tuple[str, ...]
    aliases: tuple[str, ...]
    notes: str
    # This form's max as a fraction of the default (first) form's, when the
    # catalog knows it; None: a max of one says nothing about the other.
    ratio: float | None
    implements: int  # dumbbells held: loads are per dumbbell (per hand)
    harder: str | None  # the form to move to when this one tops out
    # help taken off bodyweight (an assisted-pull-up machine, a band): the
    # load on the stack is subtracted, so more of it is an easier form
    assisted: bool

    def __init__(
        self,
        id: str,
        name: str,
        equipment: tuple[str, ...] = (),
        aliases: tuple[str, ...] = (),
        notes: str = "",
        ratio: float | None = None,
        implements: int = 1,
        harder: str | None = None,
        assisted: bool = False,
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "name", name)
        set_field(self, "equipment", equipment)
        set_field(self, "aliases", aliases)
        set_field(self, "notes", notes)
        set_field(self, "ratio", ratio)
        set_field(self, "implements", implements)
        set_field(self, "harder", harder)
        set_field(self, "assisted", assisted)


class Exercise(Frozen):
    """A catalog entry. `source` names where it came from (builtin, plugin, file)."""

    __slots__ = (
        "id", "name", "category", "prescription", "loading", "equipment", "tags", "variants", "aliases", "notes",
        "source", "implements", "default_form",
    )
    _not_compared = ("source",)
    _derived = ("default_form",)
    id: str
    name: str
    category: str
    prescription: Prescription
    loading: str
    equipment: tuple[str, ...]
    tags: tuple[str, ...]
    variants: tuple[Variant, ...]
    aliases: tuple[str, ...]
    notes: str
    source: str
    implements: int  # for an exercise without variants
    default_form: str  # the first form's key: what a max or a log entry for the exercise as a whole names

    def __init__(
        self,
        id: str,
        name: str,
        category: str,
        prescription: Prescription,
        loading: str = "barbell",
        equipment: tuple[str, ...] = (),
        tags: tuple[str, ...] = (),
        variants: tuple[Variant, ...] = (),
        aliases: tuple[str, ...] = (),
        notes: str = "",
        source: str = "builtin",
        implements: int = 1,
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "name", name)
        set_field(self, "category", category)
        set_field(self, "prescription", prescription)
        set_field(self, "loading", loading)
        set_field(self, "equipment", equipment)
        set_field(self, "tags", tags)
        set_field(self, "variants", variants)
        set_field(self, "aliases", aliases)
        set_field(self, "notes", notes)
        set_field(self, "source", source)
        set_field(self, "implements", implements)
        set_field(self, "default_form", f"{id}/{variants[0].id}" if variants else id)

    def variant(self, variant_id: str) -> Variant | None:
        for v in self.variants:
            if v.id == variant_id:
                return v
        return None

    def form_key(self, variant: Variant | None) -> str:
        """"id/variant", or "id" for an exercise without variants."""
        return f"{self.id}/{variant.id}" if variant is not None else self.id



class Choice(Frozen):
    """What a selector picks: an exercise, and optionally one of its variants."""

    __slots__ = ("exercise", "variant", "key", "_kind")
    _derived = ("key", "_kind")
    exercise: Exercise
    variant: Variant | None
    key: str  # "id/variant", or "id": how logs, maxes and training states name the form
    _kind: str | None  # what it is loaded with (`engine.gear.kind_of`), worked out when first asked

    def __init__(self, exercise: Exercise, variant: Variant | None = None) -> None:
        set_field(self, "exercise", exercise)
        set_field(self, "variant", variant)
        set_field(self, "key", f"{exercise.id}/{variant.id}" if variant else exercise.id)
        set_field(self, "_kind", None)

    @property
    def name(self) -> str:
        return self.variant.name if self.variant else self.exercise.name


class Note(Frozen):
    """A coaching note from the catalog, printed once per plan."""

    __slots__ = ("id", "title", "text")
    id: str
    title: str
    text: str

    def __init__(self, id: str, title: str, text: str) -> None:
        set_field(self, "id", id)
        set_field(self, "title", title)
        set_field(self, "text", text)
