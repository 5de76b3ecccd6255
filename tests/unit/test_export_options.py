"""An exporter option the exporter refuses (`engine.CannotExport` naming
the option): given on the command line with -O, the error names `-O KEY`
(wrong use, exit 2); given in the rule file's [export.NAME], it is located
there (exit 1)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine
from engine.testing import invoke

GLUTE_DAY = Path(__file__).resolve().parents[2] / "rules" / "glute-day.toml"


class Picky:
    """An exporter whose `start` must be a calendar date."""

    @engine.hookimpl
    def engine_register_exporters(self, register):
        def render(plan, options):
            try:
                dt.date.fromisoformat(str(options.get("start", "2026-12-07")))
            except ValueError:
                raise engine.CannotExport(f"start {options['start']!r} is not a calendar date",
                                          option="start") from None
            return "ok\n"

        register(engine.Exporter("picky", render, "Picky.", ".pk", {
            "properties": {"start": {"type": "string", "maxLength": 20}, "label": {"type": "string"}}}))


def _calendar_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


VALUES = st.one_of(st.sampled_from(["2026-02-30", "2026-13-01", "tomorrow", "0000-01-01", "2026-12-07"]),
                   st.text(alphabet="0123456789-", min_size=1, max_size=10))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=VALUES)
def test_a_refused_option_names_where_it_was_given(tmp_path, value):
    good = _calendar_date(value)
    on_command_line = invoke(["run", str(GLUTE_DAY), "-f", "picky", "-O", f"start={json.dumps(value)}"],
                             plugins=[Picky()])
    assert on_command_line.exit_code == (0 if good else 2), on_command_line.stderr
    if not good:
        assert on_command_line.stderr == (f"engine run: error: -O start: picky export: start {value!r} "
                                          "is not a calendar date\n")
    rules = tmp_path / "rules.toml"
    text = GLUTE_DAY.read_text("utf-8") + f"\n[export.picky]\nstart = {json.dumps(value)}\n"
    rules.write_text(text, "utf-8")
    in_file = invoke(["run", str(rules), "-f", "picky", "-O", "label=x"], plugins=[Picky()])
    assert in_file.exit_code == (0 if good else 1), in_file.stderr
    if not good:
        line = len(text.splitlines())
        assert in_file.stderr.startswith(f"{rules}:{line}:9: $.export.picky.start: picky export: start ")


def test_a_batch_says_the_option_not_the_rule_file(tmp_path):
    sam = Path(__file__).resolve().parents[2] / "athletes" / "sam.toml"
    result = invoke(["batch", str(GLUTE_DAY), str(sam), "-o", str(tmp_path / "out"), "-f", "picky",
                     "-O", "start=2026-02-30"], plugins=[Picky()])
    assert result.exit_code == 1
    assert "  picky export: start '2026-02-30' is not a calendar date\n" in result.stderr
    assert "$.export.picky" not in result.stderr
