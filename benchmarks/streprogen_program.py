"""benchmarks/two-day.toml written for streprogen (run by streprogen_compare.py
in streprogen's own environment). Start weights are the engine's week-1
loads for athletes/sam.toml; `python streprogen_program.py N` builds and
renders the program N times and prints the mean milliseconds per build."""

import sys
import time
import warnings

from streprogen import Program

# streprogen warns when a rep range cannot reach its intensity goal; the
# benchmark measures building the program, not reading those warnings.
warnings.filterwarnings("ignore", category=UserWarning)


def build() -> str:
    program = Program(name="Two-day lower body", duration=12, units="lb", round_to=5)
    with program.Day("Monday"):
        program.DynamicExercise("Squat", start_weight=255, min_reps=4, max_reps=6)
        program.DynamicExercise("Hip thrust", start_weight=250, min_reps=6, max_reps=10)
        program.StaticExercise("Dumbbell step-up", "2 x 8")
    with program.Day("Thursday"):
        program.DynamicExercise("Deadlift", start_weight=335, min_reps=4, max_reps=6)
        program.DynamicExercise("Romanian deadlift", start_weight=190, min_reps=6, max_reps=10)
        program.StaticExercise("Hamstring curl", "2 x 10")
    program.render()
    return program.to_txt()


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    if n == 0:
        sys.stdout.write(build())
    else:
        build()  # warm up
        t0 = time.perf_counter()
        for _ in range(n):
            build()
        print((time.perf_counter() - t0) / n * 1000)
