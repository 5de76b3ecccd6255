"""Matching a week's logged sessions to its planned exposures, as
properties over generated weeks: each session used once, a session on a
planned day of its form always goes there, and the matching does not
depend on the order the log lists sessions in."""

from __future__ import annotations

import datetime as _dt

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.attendance import assign
from engine.history import Session

MONDAY = _dt.date(2027, 1, 4)
FORMS = ["squat/high-bar", "squat/low-bar", "deadlift/conventional", "deadlift/sumo"]

days = st.integers(0, 6).map(lambda d: MONDAY + _dt.timedelta(days=d))
planned = st.lists(st.tuples(days, st.sampled_from(FORMS)), max_size=6)
sessions = st.lists(st.tuples(days, st.sampled_from(FORMS)), max_size=6, unique=True).map(
    lambda items: [Session(form, date, (), (), None) for date, form in items])


@settings(max_examples=300, deadline=None)
@given(planned=planned, sessions=sessions, data=st.data())
def test_each_session_goes_to_one_exposure_and_its_own_day_first(planned, sessions, data):
    found = assign(planned, sessions)
    used = [id(s) for s in found.values()]
    assert len(used) == len(set(used))
    for i, s in found.items():
        assert s.form.partition("/")[0] == planned[i][1].partition("/")[0]  # the same exercise
    for s in sessions:
        same_day = [i for i, (d, f) in enumerate(planned) if d == s.date and f == s.form]
        if same_day and not any(found.get(i) is s for i in same_day):
            # only when every exposure of its form that day already has a session of that form and day
            assert all(found.get(i) is not None and found[i].form == s.form and found[i].date == s.date
                       for i in same_day)
    shuffled = data.draw(st.permutations(sessions))
    assert {i: (s.date, s.form) for i, s in assign(planned, shuffled).items()} == \
        {i: (s.date, s.form) for i, s in found.items()}


def test_a_session_on_an_unplanned_day_goes_to_the_nearest_exposure():
    mon, tue, thu = MONDAY, MONDAY + _dt.timedelta(days=1), MONDAY + _dt.timedelta(days=3)
    plan = [(mon, "squat/high-bar"), (thu, "squat/high-bar")]
    found = assign(plan, [Session("squat/high-bar", tue, (), (), None)])
    assert list(found) == [0]
    # another form that day beats the same form on another day: the day's session is what was done
    wed = MONDAY + _dt.timedelta(days=2)
    plan = [(mon, "deadlift/conventional")]
    found = assign(plan, [Session("deadlift/conventional", wed, (), (), None),
                          Session("deadlift/sumo", mon, (), (), None)])
    assert found[0].form == "deadlift/sumo"
