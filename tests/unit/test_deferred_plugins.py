"""Plugins whose distributions declare their components are loaded only
when a run needs one (engine.deferred): a run of built-ins never imports
them, a run that names one of their components loads just that plugin, and
what lists or describes every component loads them all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import cli
from engine.entrypoints import entry_points, entry_points_of
from engine.plugins import DECLARED_GROUPS, ENTRY_POINT_GROUP, build_registry

ROOT = Path(__file__).resolve().parents[2]
GLUTE_DAY = ROOT / "rules" / "glute-day.toml"

# Each plugin notes its import in the file $ENGINE_TEST_IMPORTS names.
NOTE = "import os\nopen(os.environ['ENGINE_TEST_IMPORTS'], 'a').write(__name__ + '\\n')\n"

TSV = NOTE + textwrap.dedent('''
    import engine

    @engine.hookimpl
    def engine_register_exporters(register):
        register(engine.Exporter("tsv", lambda plan, options: "TSV " + options.get("sep", "tab") + "\\n",
                                 "Tab-separated.", ".tsv",
                                 {"properties": {"sep": {"type": "string", "description": "Separator."}},
                                  "additionalProperties": False}))
''')

PICKER = NOTE + textwrap.dedent('''
    import engine

    @engine.hookimpl
    def engine_register_selectors(register):
        register(engine.Selector("first-ones", lambda ctx: ctx.candidates[: ctx.count], "The first candidates."))
        register(engine.Selector("undeclared", lambda ctx: ctx.candidates[: ctx.count], "Not declared."))
''')

GREEDY = NOTE + textwrap.dedent('''
    import engine

    @engine.hookimpl
    def engine_register_selectors(register):
        register(engine.Selector("greedy", lambda ctx: ctx.candidates[: ctx.count], "Greedy."))

    @engine.hookimpl
    def engine_check_plan(plan):
        return "checked by greedy"
''')


def _dist(site: Path, name: str, module: str, source: str | None, entry_points_txt: str) -> None:
    info = site / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(entry_points_txt)
    if source is not None:
        (site / f"{module}.py").write_text(source)


@pytest.fixture
def site(tmp_path, monkeypatch):
    """Four distributions: three declare their components (one of them
    breaks at import), one does not."""
    site = tmp_path / "site"
    tag = tmp_path.name.replace("-", "_")[-12:]  # module names unique to this test: none is imported yet
    mods = {k: f"ondemand_{k}_{tag}" for k in ("tsv", "picker", "broken", "greedy", "eager")}
    _dist(site, "engine_tsv", mods["tsv"], TSV,
          f"[engine]\ntsv = {mods['tsv']}\n\n[engine.exporters]\ntsv = {mods['tsv']}\n")
    _dist(site, "engine_picker", mods["picker"], PICKER,
          f"[engine]\npicker = {mods['picker']}\n\n[engine.selectors]\nfirst-ones = {mods['picker']}\n")
    _dist(site, "engine_broken", mods["broken"], None,  # no module: it fails to load
          f"[engine]\nbroken = {mods['broken']}\n\n[engine.progressions]\nbroken-policy = {mods['broken']}\n")
    _dist(site, "engine_greedy", mods["greedy"], GREEDY,
          f"[engine]\ngreedy = {mods['greedy']}\n\n[engine.selectors]\ngreedy = {mods['greedy']}\n")
    _dist(site, "engine_eager", mods["eager"], NOTE + "import engine\n", f"[engine]\neager = {mods['eager']}\n")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("ENGINE_TEST_IMPORTS", str(tmp_path / "imports.txt"))
    monkeypatch.setenv("ENGINE_PLUGINS", "tsv,picker,broken,greedy,eager")
    monkeypatch.delenv("ENGINE_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    yield Site(site, mods)
    for mod in mods.values():
        sys.modules.pop(mod, None)


class Site:
    def __init__(self, path: Path, mods: dict[str, str]) -> None:
        self.path, self.mods = path, mods


def imported(site: Site) -> list[str]:
    path = site.path.parent / "imports.txt"
    names = {v: k for k, v in site.mods.items()}
    return sorted(names[m] for m in path.read_text().split()) if path.exists() else []


def cli_run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def rules_with(tmp_path: Path, old: str, new: str) -> Path:
    text = GLUTE_DAY.read_text("utf-8")
    assert old in text
    path = tmp_path / "rules.toml"
    path.write_text(text.replace(old, new, 1))
    return path


def test_a_run_of_built_ins_imports_only_the_plugin_that_declares_nothing(site):
    result = cli_run("run", GLUTE_DAY)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Glute and hamstring day")
    assert imported(site) == ["eager"]
    assert "broken" not in result.stderr  # not loaded, so not a failure of this run


def test_a_format_loads_the_plugin_that_declares_it(site):
    result = cli_run("run", GLUTE_DAY, "-f", "tsv")
    assert (result.exit_code, result.stdout) == (0, "TSV tab\n")
    assert imported(site) == ["eager", "tsv"]


def test_an_extension_loads_the_exporters_plugins(site, tmp_path):
    result = cli_run("run", GLUTE_DAY, "-o", tmp_path / "plan.tsv")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "plan.tsv").read_text() == "TSV tab\n"
    assert imported(site) == ["eager", "tsv"]  # of the three, only tsv declares an exporter


def test_an_extension_a_built_in_writes_loads_nothing(site, tmp_path):
    assert cli_run("run", GLUTE_DAY, "-o", tmp_path / "plan.json").exit_code == 0
    assert imported(site) == ["eager"]


def test_an_options_table_is_checked_against_the_plugin_that_declares_it(site, tmp_path):
    good = rules_with(tmp_path, "[[slot]]", '[export.tsv]\nsep = ";"\n\n[[slot]]')
    result = cli_run("run", good, "-f", "tsv")
    assert (result.exit_code, result.stdout) == (0, "TSV ;\n")
    bad = rules_with(tmp_path, "[[slot]]", "[export.tsv]\nsep = 3\n\n[[slot]]")
    result = cli_run("run", bad)
    assert result.exit_code == 1
    assert "$.export.tsv.sep" in result.stderr and "expected a string, got 3" in result.stderr


def test_a_selector_loads_its_plugin_and_only_it(site, tmp_path):
    path = rules_with(tmp_path, 'selector = "rotate"', 'selector = "first-ones"')
    result = cli_run("run", path, "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["weeks"][0]["days"][0]["exercises"][0]["id"] == "squat"
    assert imported(site) == ["eager", "picker"]
    assert "undeclared" in result.stderr  # it registered a selector it does not declare: told so


def test_an_unknown_name_loads_every_plugin_and_names_the_one_that_failed(site, tmp_path):
    path = rules_with(tmp_path, 'policy = "double"', 'policy = "broken-policy"')
    result = cli_run("run", path)
    assert result.exit_code == 1
    assert "plugin 'broken' failed in load: ModuleNotFoundError" in result.stderr
    assert "plugin 'broken' failed to load, and may be the one that provides it" in result.stderr
    path = rules_with(tmp_path, 'selector = "rotate"', 'selector = "undeclared"')
    assert cli_run("run", path).exit_code == 0  # found all the same, in the plugin that has it


def test_a_plugin_loaded_on_demand_is_refused_the_hooks_of_every_run(site, tmp_path):
    path = rules_with(tmp_path, 'selector = "rotate"', 'selector = "greedy"')
    result = cli_run("run", path)
    assert result.exit_code == 0, result.output
    assert "plugin 'greedy' failed in engine_check_plan: not called" in result.stderr
    assert "checked by greedy" not in result.output


def test_strict_loads_every_plugin(site):
    result = cli_run("--strict", "run", GLUTE_DAY)
    assert result.exit_code == 1
    assert "engine: error: plugin 'broken' failed in load" in result.stderr
    assert imported(site) == ["eager", "greedy", "picker", "tsv"]


def test_the_plugins_command_and_the_schema_load_them_all(site):
    data = json.loads(cli_run("plugins", "--format", "json").stdout)
    shown = {p["name"]: (p["on_demand"], p["registers"]) for p in data["plugins"]}
    assert shown["tsv"] == (True, {"exporters": ["tsv"]})
    assert shown["picker"] == (True, {"selectors": ["first-ones", "undeclared"]})
    assert shown["eager"] == (False, {})
    assert "tsv 1.0 (loaded when a run needs it)" in cli_run("plugins").stdout
    schema = json.loads(cli_run("schema").stdout)
    assert "tsv" in schema["properties"]["export"]["properties"]


def test_a_registry_loads_on_demand():
    """The library's own registry: has() loads the declaring plugin."""
    registry = build_registry(load_entry_points=False)
    assert registry.deferred is None and registry.has("exporters", "json")
    assert not registry.has("exporters", "no-such-exporter")


def test_a_name_shared_with_a_plugin_loaded_at_start_is_loaded_at_start(tmp_path, monkeypatch):
    """Of several entry points of one name the first that loads wins, so
    none of them waits."""
    site = tmp_path / "site"
    _dist(site, "engine_a", "shared_a_mod", NOTE + "import engine\n", "[engine]\nshared = shared_a_mod\n")
    _dist(site, "engine_b", "shared_b_mod", NOTE + "import engine\n",
          "[engine]\nshared = shared_b_mod\n\n[engine.exporters]\nx = shared_b_mod\n")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("ENGINE_TEST_IMPORTS", str(tmp_path / "imports.txt"))
    monkeypatch.setenv("ENGINE_PLUGINS", "shared")
    try:
        registry = build_registry(load_entry_points=True)
        assert registry.deferred is None
        assert [p.name for p in registry.plugins if not p.builtin] == ["shared"]
    finally:
        sys.modules.pop("shared_a_mod", None)
        sys.modules.pop("shared_b_mod", None)


def test_one_pass_over_several_groups_finds_what_each_group_alone_finds(site):
    groups = (ENTRY_POINT_GROUP, *DECLARED_GROUPS, "console_scripts")
    assert entry_points_of(groups) == {group: entry_points(group) for group in groups}


def test_a_plain_run_in_a_new_process_imports_no_plugin_that_declares(site, tmp_path):
    """As a coach runs it: the installed plugins of this checkout declare
    their components too, so none is imported by a run of built-ins."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site.path), str(ROOT)])}
    env.pop("ENGINE_PLUGINS")
    declaring = ["engine_csv", "engine_ical", "engine_variety", *(site.mods[k] for k in ("tsv", "picker", "greedy"))]
    code = ("import sys, runpy; sys.argv = ['engine', 'run', sys.argv[1]]\n"
            "try:\n    runpy.run_module('engine', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m in sys.argv[2:]), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, str(GLUTE_DAY), *declaring], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.startswith("Glute and hamstring day"), done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"
    assert imported(site) == ["eager"]


def test_a_batch_loads_every_plugin_once_and_its_workers_what_they_need(site, tmp_path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site.path), str(ROOT)])}
    done = subprocess.run([sys.executable, "-m", "engine", "batch", str(GLUTE_DAY), str(ROOT / "athletes" / "sam.toml"),
                           str(ROOT / "athletes" / "alex.toml"), "-o", str(tmp_path / "out"), "-f", "tsv", "-j", "2"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "sam.tsv").read_text() == "TSV tab\n"
    assert done.stderr.count("plugin 'broken' failed in load") == 1  # found once, by the batch, not by each worker


def _site(tmp_path, monkeypatch, dists: dict[str, tuple[str, str | None, str]], selected: str):
    """Distributions named in `dists`: {dist: (module, source or None, entry_points.txt)}."""
    site = tmp_path / "site"
    for dist, (module, source, text) in dists.items():
        _dist(site, dist, module, source, text)
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("ENGINE_TEST_IMPORTS", str(tmp_path / "imports.txt"))
    monkeypatch.setenv("ENGINE_PLUGINS", selected)
    monkeypatch.delenv("ENGINE_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    return [module for module, _, _ in dists.values()]


def _exporter(name: str, extension: str, says: str) -> str:
    return NOTE + textwrap.dedent(f'''
        import engine

        @engine.hookimpl
        def engine_register_exporters(register):
            register(engine.Exporter({name!r}, lambda plan, options: {says!r}, "Test.", {extension!r}))
    ''')


def _exporting(dist: str, exporter: str, says: str, *declared: str,
               group: str = "engine.exporters", name: str = "") -> dict[str, tuple[str, str, str]]:
    """The distribution `engine_<dist>`: plugin `name` (by default `dist`), module `od_<dist>`, registering
    `exporter`, and declaring `declared` names under `group`."""
    module = f"od_{dist}"
    text = f"[engine]\n{name or dist} = {module}\n"
    text += f"\n[{group}]\n" + "".join(f"{d} = {module}\n" for d in declared) if declared else ""
    return {f"engine_{dist}": (module, _exporter(exporter, f".{exporter[:2]}", says), text)}


@pytest.fixture
def clean_modules():
    before = set(sys.modules)
    yield
    for mod in set(sys.modules) - before:
        if mod.startswith("od_"):
            sys.modules.pop(mod, None)


def test_an_extension_no_declared_exporter_writes_loads_every_plugin(tmp_path, monkeypatch, clean_modules):
    # The plugin declares only a selector and registers a .sly exporter too: -o plan.sly finds it.
    source = PICKER + _exporter("sly", ".sly", "SLY\n").replace(NOTE, "")
    declared = "[engine]\nsly = od_sly\n\n[engine.selectors]\nfirst-ones = od_sly\n"
    _site(tmp_path, monkeypatch, {"engine_sly": ("od_sly", source, declared)}, "sly")
    result = cli_run("run", GLUTE_DAY, "-o", tmp_path / "plan.sly")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "plan.sly").read_text() == "SLY\n"
    assert "exporter 'sly'" in result.stderr and "does not declare" in result.stderr


def test_a_clash_with_a_plugin_loaded_at_start_up_is_named_on_every_run(tmp_path, monkeypatch, clean_modules):
    twins = {**_exporting("twin1", "twin", "one\n", "twin"), **_exporting("twin9", "twin", "nine\n")}
    _site(tmp_path, monkeypatch, twins, "twin1,twin9")
    for args in ((), ("-f", "twin")):
        result = cli_run("run", GLUTE_DAY, *args)
        assert result.exit_code == 0, result.output
        assert "plugin 'twin1' failed in engine_register_exporters: exporter 'twin' is already registered by " \
               "'twin9'" in result.stderr
    assert cli_run("run", GLUTE_DAY, "-f", "twin").stdout == "nine\n"  # loaded at start-up, so first


def test_two_distributions_of_one_plugin_name_load_at_start_up_and_the_first_wins(tmp_path, monkeypatch,
                                                                                    clean_modules):
    _site(tmp_path, monkeypatch, {**_exporting("samea", "same-a", "A\n", "same-a", name="same"),
                                  **_exporting("sameb", "same-b", "B\n", "same-b", name="same")}, "same")
    registry = build_registry()  # (which distribution is found first is the file system's order)
    assert registry.deferred is None and len({"same-a", "same-b"} & set(registry.exporters)) == 1
    assert registry.failures == []


def test_a_malformed_declaration_is_named_and_its_plugin_loads_at_every_start(tmp_path, monkeypatch, clean_modules):
    _site(tmp_path, monkeypatch, {
        "engine_malf": ("od_malf", _exporter("malf", ".ml", "M\n"),
                        "[engine]\nmalf = od_malf\n\n[engine.exporters]\nthis line has no equals\n"),
    }, "malf")
    registry = build_registry()
    assert registry.deferred is None and "malf" in registry.exporters
    [failure] = registry.failures
    assert failure.plugin == "malf"
    assert "[engine.exporters]: expected 'name = module', got 'this line has no equals'" in failure.message
    assert failure.message.endswith("its declarations are ignored, so it is loaded on every run")
    path = rules_with(tmp_path, '"squat"', '"squatt"')
    result = cli_run("run", path)
    assert result.exit_code == 1 and "may be the one that provides it" not in result.stderr  # it loaded fine


def test_a_name_declared_but_not_registered_is_named_and_nothing_else_is_loaded(tmp_path, monkeypatch,
                                                                                 clean_modules):
    _site(tmp_path, monkeypatch, {**_exporting("liar", "liar", "L\n", "liar-x", "liar"),
                                  **_exporting("other", "other", "O\n", "other-sel", group="engine.selectors")},
          "liar,other")
    result = cli_run("run", GLUTE_DAY, "-f", "liar-x")
    assert result.exit_code == 2
    assert "plugin 'liar' failed in engine_register_exporters: declared a component it did not register: " \
           "exporter 'liar-x', under [engine.exporters]" in result.stderr
    assert "failed to load" not in result.stderr  # liar loaded; it is not among the plugins that failed
    assert "od_other" not in (tmp_path / "imports.txt").read_text()


def _both(dist: str, exporter: str, selector_says: str, *declared: str) -> dict[str, tuple[str, str, str]]:
    """`engine_<dist>`: an exporter and the selector `dup-sel` (picking `selector_says`), declaring `declared`
    ("exporters:name" or "selectors:name")."""
    module = f"od_{dist}"
    source = _exporter(exporter, f".{dist[:2]}", "X\n") + textwrap.dedent(f'''
        @engine.hookimpl
        def engine_register_selectors(register):
            register(engine.Selector("dup-sel", lambda ctx: [c for c in ctx.candidates if c.id == {selector_says!r}]
                                     or ctx.candidates[: ctx.count], "Picks one."))
    ''')
    groups: dict[str, list[str]] = {}
    for item in declared:
        kind, _, name = item.partition(":")
        groups.setdefault(kind, []).append(name)
    text = f"[engine]\n{dist} = {module}\n" + "".join(
        f"\n[engine.{kind}]\n" + "".join(f"{n} = {module}\n" for n in names) for kind, names in groups.items())
    return {f"engine_{dist}": (module, source, text)}


def test_a_name_two_plugins_declare_goes_to_the_first_whatever_the_run_loads_first(tmp_path, monkeypatch,
                                                                                 clean_modules):
    # dupb is loaded for its exporter first; dupa declares dup-sel too, so it loads with it, first, and keeps it.
    _site(tmp_path, monkeypatch, {**_both("dupa", "dupa-x", "squat", "selectors:dup-sel"),
                                  **_both("dupb", "dupb-x", "deadlift", "selectors:dup-sel", "exporters:dupb-x")},
          "dupa,dupb")
    path = rules_with(tmp_path, 'selector = "rotate"', 'selector = "dup-sel"')
    plain, by_dupb = cli_run("run", path, "-f", "json"), cli_run("run", path, "-f", "dupb-x")
    assert json.loads(plain.stdout)["weeks"][0]["days"][0]["exercises"][0]["id"] == "squat"
    clash = "plugin 'dupb' failed in engine_register_selectors: selector 'dup-sel' is already registered by 'dupa'"
    assert clash in plain.stderr and clash in by_dupb.stderr
    assert by_dupb.stdout == "X\n"


def test_a_name_declared_but_never_registered_loads_nothing_else_the_second_time_either(tmp_path, monkeypatch,
                                                                                      clean_modules):
    _site(tmp_path, monkeypatch, {**_exporting("liar", "liar", "L\n", "liar-x", "liar"),
                                  **_exporting("other", "other", "O\n", "other-sel", group="engine.selectors")},
          "liar,other")
    registry = build_registry()
    assert not registry.has("exporters", "liar-x") and not registry.has("exporters", "liar-x")
    assert "od_other" not in (tmp_path / "imports.txt").read_text()
    assert [f.message for f in registry.failures] == [
        "declared a component it did not register: exporter 'liar-x', under [engine.exporters]"]
    shown = cli_run("plugins").stdout  # every plugin: what each declares and does not register is named
    assert "failed: plugin 'other' failed in engine_register_selectors: declared a component it did not register: " \
           "selector 'other-sel'" in shown


@pytest.mark.parametrize("how", ["autoload off", "chosen"])
def test_a_missing_component_names_the_installed_plugins_left_out(site, tmp_path, monkeypatch, how):
    # "greedy" is not allowed here, and greedy is installed: the message says why it was not loaded.
    if how == "autoload off":
        monkeypatch.delenv("ENGINE_PLUGINS")
        monkeypatch.setenv("ENGINE_DISABLE_PLUGIN_AUTOLOAD", "1")
    else:
        monkeypatch.setenv("ENGINE_PLUGINS", "tsv")
    path = rules_with(tmp_path, 'selector = "ordered"', 'selector = "greedy"')
    result = cli_run("run", path)
    assert result.exit_code == 1
    why = ("plugin autoloading is off (ENGINE_DISABLE_PLUGIN_AUTOLOAD)" if how == "autoload off"
           else "ENGINE_PLUGINS chooses tsv")
    assert f'"greedy" is not allowed here; choose one of: ordered, random, rotate; {why}: installed plugins not ' \
           "loaded: " in result.stderr
    assert "'greedy'" in result.stderr and ("'tsv'" in result.stderr) == (how == "autoload off")


def test_a_plugin_chosen_that_is_not_installed_is_warned_about(site, monkeypatch):
    monkeypatch.setenv("ENGINE_PLUGINS", "tsv,nonexistent")
    result = cli_run("run", GLUTE_DAY)
    assert result.exit_code == 0
    assert "plugin 'nonexistent' failed in load: ENGINE_PLUGINS names 'nonexistent', which no installed plugin " \
           "is called (installed: " in result.stderr
