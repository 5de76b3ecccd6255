"""Matching a week's logged sessions to its planned exposures, as
properties over generated weeks: each session used once, a session of a
form on a planned day of that form goes there unless a better fit claims
the exposure, and the matching does not depend on the order the log lists
sessions in."""

from __future__ import annotations

import datetime as _dt

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.attendance import assign
from engine.history import Session
from engine.model import Performed

MONDAY = _dt.date(2027, 1, 4)
FORMS = ["squat/high-bar", "squat/low-bar", "deadlift/conventional", "deadlift/sumo"]
RANGES = [(4, 6), (8, 10)]


def session(form: str, date: _dt.date, reps: int = 5) -> Session:
    sets = tuple(Performed(date, reps, 100.0, 8.0) for _ in range(3))
    return Session(form, date, sets, (), None)


days = st.integers(0, 6).map(lambda d: MONDAY + _dt.timedelta(days=d))
# an exposure's forms: one, or a slot's harder form and the one it moved from (the other form of the exercise)
OTHER = {"squat/high-bar": "squat/low-bar", "squat/low-bar": "squat/high-bar",
         "deadlift/conventional": "deadlift/sumo", "deadlift/sumo": "deadlift/conventional"}
forms = st.sampled_from(FORMS).flatmap(lambda f: st.sampled_from([(f,), (f, OTHER[f])]))
planned = st.lists(st.tuples(days, forms, st.sampled_from(RANGES)), max_size=6)
sessions = st.lists(st.tuples(days, st.sampled_from(FORMS), st.sampled_from([3, 5, 9])), max_size=6,
                    unique_by=lambda t: (t[0], t[1])).map(lambda items: [session(f, d, r) for d, f, r in items])


@settings(max_examples=300, deadline=None)
@given(planned=planned, sessions=sessions, data=st.data())
def test_each_session_goes_to_one_exposure_of_its_exercise(planned, sessions, data):
    found = assign(planned, sessions)
    used = [id(s) for s in found.values()]
    assert len(used) == len(set(used))
    for i, s in found.items():
        assert s.form.partition("/")[0] == planned[i][1][0].partition("/")[0]  # the same exercise
    for i, (_date, forms, _) in enumerate(planned):
        own = [s for s in sessions if s.form in forms]
        if own and i not in found:
            # an exposure left without a session while one of its forms has one: that session went
            # to another exposure that plans that form
            assert all(any(found.get(j) is s for j in range(len(planned)) if s.form in planned[j][1]) for s in own)
    shuffled = data.draw(st.permutations(sessions))
    assert {i: (s.date, s.form) for i, s in assign(planned, shuffled).items()} == \
        {i: (s.date, s.form) for i, s in found.items()}


def test_a_session_on_an_unplanned_day_goes_to_the_nearest_exposure():
    mon, tue, wed, thu = (MONDAY + _dt.timedelta(days=d) for d in (0, 1, 2, 3))
    found = assign([(mon, ("squat/high-bar",), (4, 6)), (thu, ("squat/high-bar",), (4, 6))],
                   [session("squat/high-bar", tue)])
    assert list(found) == [0]
    # the planned form trained another day beats another form on the day: each form keeps its history
    found = assign([(mon, ("deadlift/conventional",), (4, 6))],
                   [session("deadlift/conventional", wed), session("deadlift/sumo", mon)])
    assert found[0].form == "deadlift/conventional"


def test_heavy_and_light_days_swapped_go_to_their_own_lines():
    mon, thu = MONDAY, MONDAY + _dt.timedelta(days=3)
    plan = [(mon, ("squat/high-bar",), (4, 6)), (thu, ("squat/high-bar",), (8, 10))]
    found = assign(plan, [session("squat/high-bar", mon, 9), session("squat/high-bar", thu, 5)])
    assert (found[0].date, found[1].date) == (thu, mon)


def test_a_slot_that_moved_up_takes_the_form_it_moved_from_on_its_day_first():
    # The slot had moved to dumbbells and comes back down this week: Monday's bodyweight session is
    # the planned one, Thursday's dumbbell session an extra one (not the other way round).
    mon, thu = MONDAY, MONDAY + _dt.timedelta(days=3)
    found = assign([(mon, ("split-squat/dumbbell", "split-squat/bodyweight"), (10, 15))],
                   [session("split-squat/bodyweight", mon, 15), session("split-squat/dumbbell", thu, 10)])
    assert (found[0].date, found[0].form) == (mon, "split-squat/bodyweight")
