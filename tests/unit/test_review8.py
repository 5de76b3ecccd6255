"""A coach's eighth review, checked by hand: a session too easy at the
equipment's heaviest. Each case is worked out in its comments with Epley,
%1RM = 1 / (1 + n/30), n = reps + 10 - RPE (reps to failure).
"""

from __future__ import annotations

from pathlib import Path

from test_training import log, plan, rules, series, slot

DB_BENCH = '''
[[exercise]]
id = "db-bench"
name = "Dumbbell bench press"
category = "secondary"
loading = "dumbbell"
implements = 2
equipment = ["dumbbells", "bench"]
tags = ["press"]

[exercise.prescription]
sets = [3, 4]
reps = [8, 12]
rpe = [7, 8]
'''

PUSH_UP = '''
[[exercise]]
id = "push-up"
name = "Push-up"
category = "tertiary"
loading = "bodyweight"
equipment = []
tags = ["press"]

[exercise.prescription]
sets = [2, 4]
reps = [10, 20]
rpe = [7, 8]

[[exercise.variant]]
id = "bodyweight"
name = "Bodyweight push-up"
equipment = []
harder = "vest"

[[exercise.variant]]
id = "vest"
name = "Weighted-vest push-up"
ratio = 1.0
equipment = ["weighted-vest"]
'''


def person(tmp_path: Path, units: str, bodyweight: float, body: str) -> Path:
    path = tmp_path / "a.toml"
    path.write_text(f'[athlete]\nname = "A"\nunits = "{units}"\nbodyweight = {bodyweight}\n{body}')
    return path


# -- a session too easy at the equipment's heaviest ---------------------------------------------------


def test_the_reviewers_too_easy_session_at_the_heaviest_vest_moves_the_reps_by_effort(tmp_path):
    # kg, bodyweight 75, vest up to 20 kg: 20 kg x 11, 11 @ 4, 4.5 on 2 x 10. The best set, 95 x 11 @ 4, is
    # an e1RM of 95 x (1 + 17/30) = 148.83; 95 is 63.8% of it, 17 reps to failure: 14 reps are RPE 7 (15
    # would be 8): 2 x 14, not 12.
    r = rules(tmp_path, slot("push-up", '{ policy = "double", increment = 2.5 }', "tertiary", pick="push-up/vest"),
              weeks=2, units="kg", extra=PUSH_UP)
    a = person(tmp_path, "kg", 75, '[equipment]\nmachines = { weighted-vest = { step = 2, max = 20 } }\n'
                                   '[maxes]\n"push-up/vest" = { load = 20, reps = 10, rpe = 7 }\n')
    lg = log(tmp_path, "2027-01-04,push-up,vest,11,20,kg,4\n2027-01-04,push-up,vest,11,20,kg,4.5\n")
    w1, w2 = series(plan(tmp_path, r, a, (lg,)), "push-up")
    assert (w1.target.reps, w1.sets[0].load) == (10, 20.0)
    assert (len(w2.sets), w2.target.reps, w2.sets[0].load) == (2, 14, 20.0)
    assert w2.target.note == ("20 kg is the heaviest the equipment makes; too easy: every set at RPE 4.5 or less "
                              "last time, well under the target's 7: 95 kg with bodyweight is 63.8% of the e1RM "
                              "148.83 kg: 14 reps reach RPE 7 at it")


def _db_week_two(tmp_path: Path, dumbbells: str, top: str, reps: int, load: float) -> list:
    """lb, double progression by 5 lb: the two weeks after 3 x `reps` x `load` a hand @ 5."""
    r = rules(tmp_path, slot("db-bench", '{ policy = "double", increment = 5 }', "secondary"), weeks=2,
              extra=DB_BENCH)
    a = person(tmp_path, "lb", 165, f"[equipment]\ndumbbells = {dumbbells}\n[maxes]\ndb-bench = {top}\n")
    return series(plan(tmp_path, r, a, (log(tmp_path, f"2027-01-04,db-bench,,{reps},{load:g},lb,5\n" * 3),)),
                  "db-bench")


def test_a_too_easy_session_at_the_heaviest_dumbbells_moves_the_reps_by_effort(tmp_path):
    # lb, dumbbells up to 50: 50 x 10, 10, 10 @ 5 on 3 x 8 (8-12 @ 7-8): e1RM 2 x 50 x (1 + 15/30) = 150.
    # 100 is 66.7% of it, 15 reps to failure: 12 reps are RPE 7 (not 11, the plain rep).
    w1, w2 = _db_week_two(tmp_path, "[30, 35, 40, 45, 50]", "{ load = 50, reps = 8, rpe = 8 }", 10, 50)
    assert (w2.target.reps, w2.sets[0].load) == (12, 50.0)
    assert w2.target.note == ("50 lb is the heaviest the equipment makes; too easy: every set at RPE 5 or less last "
                              "time, well under the target's 7: 2 x 50 lb (100 lb) is 66.7% of the e1RM 150 lb: "
                              "12 reps reach RPE 7 at it")


def test_a_too_easy_session_at_a_full_stack_moves_the_reps_by_effort(tmp_path):
    # lb, leg curl stack up to 100: 100 x 10, 10 @ 6, 6 on 2 x 10 (10-15 @ 8-9): e1RM 100 x (1 + 14/30)
    # = 146.67; 14 reps to failure: 12 reps are RPE 8, the bottom of the target (11 would be 7).
    r = rules(tmp_path, slot("hamstring-curl", '"double"', "tertiary"), weeks=2)
    a = person(tmp_path, "lb", 180, "[equipment]\nmachines = { leg-curl-machine = { step = 10, max = 100 } }\n"
                                    "[maxes]\nhamstring-curl = { load = 100, reps = 10, rpe = 8 }\n")
    lg = log(tmp_path, "2027-01-04,hamstring-curl,,10,100,lb,6\n" * 2)
    w1, w2 = series(plan(tmp_path, r, a, (lg,)), "hamstring-curl")
    assert (w1.target.reps, w1.sets[0].load) == (10, 100.0)
    assert (w2.target.reps, w2.sets[0].load) == (12, 100.0)
    assert w2.target.note.endswith("100 lb is 68.2% of the e1RM 146.67 lb: 12 reps reach RPE 8 at it")
