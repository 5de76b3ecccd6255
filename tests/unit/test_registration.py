"""What a plugin's component must be to be registered (engine/registration.py):
an exporter's extension names output files (`engine batch` writes
`<athlete><extension>`), so anything but a plain file extension, a path
such as `../x` above all, refuses that exporter with a warning naming the
plugin; the plugin's other components are kept."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

import engine
from engine.testing import invoke, make_registry

GLUTE_DAY = Path(__file__).resolve().parents[2] / "rules" / "glute-day.toml"
GOOD = re.compile(r"\.[A-Za-z0-9][A-Za-z0-9._-]{0,15}")


def _plugin(extension):
    class Exports:
        @engine.hookimpl
        def engine_register_exporters(self, register):
            register(engine.Exporter("odd", lambda plan, options: "odd\n", "Odd.", extension))

        @engine.hookimpl
        def engine_register_selectors(self, register):
            register(engine.Selector("kept", lambda ctx: ctx.candidates[: ctx.count]))

    return Exports()


EXTENSIONS = st.one_of(
    st.sampled_from(["../x", "/../../x", "./x", "/etc/passwd", ".", "..", "", "csv", ".csv/", ".c\\v", ". csv",
                     ".csv\n", ".\x00", "." + "a" * 17, ".-x", "._x", "\u2024csv", ".cs\u00e9"]),
    st.text(max_size=20), st.from_regex(GOOD, fullmatch=True),
    st.sampled_from([None, 5, b".csv", [".csv"]]),
)


@settings(max_examples=200, deadline=None)
@given(extension=EXTENSIONS)
@example(".csv")
@example(".tar.gz")
def test_an_exporter_extension_must_be_a_plain_file_extension(extension):
    reg = make_registry(_plugin(extension))
    assert "kept" in reg.selectors
    good = isinstance(extension, str) and GOOD.fullmatch(extension) is not None
    assert ("odd" in reg.exporters) is good
    if good:
        assert reg.failures == []
        return
    [failure] = reg.failures
    assert (failure.plugin, failure.hook) == ("Exports-0", "engine_register_exporters")
    assert failure.message.startswith(f"exporter 'odd': extension {extension!r} is not a file extension")


def test_a_refused_exporter_is_named_when_the_run_asks_for_it():
    result = invoke(["run", str(GLUTE_DAY), "-f", "odd"], plugins=[_plugin("/../../x")])
    assert result.exit_code == 2
    assert ("engine: warning: plugin 'Exports-0' failed in engine_register_exporters: exporter 'odd': "
            "extension '/../../x' is not a file extension") in result.stderr
    assert "no exporter named 'odd' is installed" in result.stderr and "failed to load: Exports-0" in result.stderr
