"""An added load shown in place of a load is written as loads are."""

from __future__ import annotations

import json

from test_training import REG, athlete, plan, rules, slot

from engine.pipeline import export


def test_an_added_load_in_the_other_units_is_written_as_loads_are(tmp_path):
    # A kg program's +2.5 kg for an lb athlete with no max (choose by effort) is 5.51156 lb a week: the text
    # sheet's load column says "+5.51 lb", as the note does, and the JSON's added_load has 4 places at most
    # (review 87: "+5.51156 lb", "11.023113109243878").
    r = rules(tmp_path, slot("squat", '{ policy = "linear", increment = 2.5 }'), weeks=3, units="kg")
    p = plan(tmp_path, r, athlete(tmp_path, "", units="lb"))
    text = export(p, REG, "text", {})
    assert "+5.51 lb" in text and "+11.02 lb" in text and "5.51156" not in text
    added = [ex["progression"]["added_load"] for w in json.loads(export(p, REG, "json", {}))["weeks"]
             for d in w["days"] for ex in d["exercises"]]
    assert added == [0, 5.5116, 11.0231]
