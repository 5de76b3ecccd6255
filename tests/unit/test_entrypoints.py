"""The entry-point reader finds what importlib.metadata finds: on this
environment, for every group installed here, and on synthetic layouts of
distributions built for the rules it follows."""

from __future__ import annotations

import importlib.metadata
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from engine import entrypoints
from engine.entrypoints import EntryPoint, Malformed, header, scan


def reference(group: str) -> list[tuple[str, str, str | None]]:
    return [(e.name, e.value, _version(e.dist)) for e in importlib.metadata.entry_points(group=group)]


def _version(dist: importlib.metadata.Distribution | None) -> str | None:
    """No metadata file means no version (the importlib_metadata backport,
    which some libraries put on sys.meta_path, raises instead)."""
    try:
        return dist.version if dist else None
    except Exception:  # noqa: BLE001 - importlib_metadata.MetadataNotFound
        return None


def ours(group: str) -> list[tuple[str, str, str | None]]:
    found = scan(group)
    assert all(isinstance(e, EntryPoint) for e in found), found
    return [(e.name, e.value, e.version) for e in found if isinstance(e, EntryPoint)]


def test_every_group_of_this_environment_matches_importlib_metadata():
    groups = {ep.group for dist in importlib.metadata.distributions() for ep in dist.entry_points}
    assert {"engine", "console_scripts", "pytest11"} <= groups  # the plugins and the test tools are installed
    for group in sorted(groups):
        assert ours(group) == reference(group), group
    assert {e.name for e in entrypoints.entry_points("engine")} >= {"csv", "ical", "variety"}


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def dist(site: Path, folder: str, entry_points: str | None, metadata: str | None = None,
         metadata_name: str = "METADATA") -> None:
    if entry_points is not None:
        write(site / folder / "entry_points.txt", entry_points)
    if metadata is not None:
        write(site / folder / metadata_name, metadata)
    (site / folder).mkdir(parents=True, exist_ok=True)


def test_synthetic_layouts_match_importlib_metadata(tmp_path, monkeypatch):
    first, second, egg, archive = tmp_path / "a", tmp_path / "b", tmp_path / "legacy-1.0-py3.11.egg", tmp_path / "z.zip"
    # The same distribution in two path entries, spelled differently: the first wins.
    dist(first, "Foo_Bar-1.0.dist-info", "[engine]\nfoo = foo_mod\n",
         "Metadata-Version: 2.1\nName: Foo_Bar\nVersion: 1.0\n")
    dist(second, "foo.bar-2.0.dist-info", "[engine]\nfoo = foo_mod_two\nextra = x\n",
         "Metadata-Version: 2.1\nName: foo.bar\nVersion: 2.0\n")
    # Comments, blank lines, indentation, other groups, doubled brackets, extras, '=' in a value.
    dist(first, "plugin_b-0.3.dist-info", (
        "# a comment\n\n[console_scripts]\nb = b:main\n  [ [engine] ]\n[[engine]]\n"
        "   spaced   =   b.mod : attr [extra1, extra2]  \n# engine = commented\nodd = m:a=b\n"),
        "Metadata-Version: 2.1\nName: plugin-b\nSummary: folded\n  over two lines\nversion:   0.3  \n\nbody\n")
    # egg-info folder with PKG-INFO, an egg-info file, no metadata at all, an upper-case suffix.
    dist(first, "eggy.egg-info", "[engine]\neggy = eggy\n", "Metadata-Version: 1.1\nName: eggy\nVersion: 7\n",
         "PKG-INFO")
    write(first / "single-0.1.egg-info", "Metadata-Version: 1.0\nName: single\nVersion: 0.1\n")
    dist(first, "bare.dist-info", "[engine]\nbare = bare\n")
    dist(second, "Upper-1.0.DIST-INFO", "[engine]\nupper = upper\n", "Name: Upper\nVersion: 1.0\n")
    # An .egg directory (EGG-INFO) and a zip archive on the path.
    dist(egg, "EGG-INFO", "[engine]\nlegacy = legacy\n", "Metadata-Version: 1.1\nName: legacy\nVersion: 1.0\n",
         "PKG-INFO")
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("zipped-3.0.dist-info/METADATA", "Name: zipped\r\nVersion: 3.0\r\n")
        z.writestr("zipped-3.0.dist-info/entry_points.txt", "[engine]\r\nzipped = zipped\r\n")
        z.writestr("zipped.py", "")
    path = [str(first), str(tmp_path / "missing"), str(second), str(egg), str(archive), str(tmp_path / "a.txt")]
    write(tmp_path / "a.txt", "not a zip")
    monkeypatch.setattr(sys, "path", path)
    assert ours("engine") == reference("engine")
    assert ours("console_scripts") == reference("console_scripts")
    names = {name for name, _, _ in ours("engine")}
    assert {"foo", "spaced", "odd", "eggy", "bare", "upper", "legacy", "zipped"} <= names
    assert "extra" not in names  # the second foo.bar is shadowed by the first


def test_a_line_without_equals_is_reported_where_importlib_metadata_would_raise(tmp_path, monkeypatch):
    dist(tmp_path, "broken-1.0.dist-info", "[engine]\ngood = good\njust a module\n", "Name: broken\nVersion: 1.0\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    found = entrypoints.entry_points("engine")
    assert [type(e) for e in found] == [EntryPoint, Malformed]
    assert found[1] == Malformed(str(tmp_path / "broken-1.0.dist-info"), "just a module")
    with pytest.raises(TypeError):
        reference("engine")


def test_headers_are_read_as_the_email_parser_reads_them():
    # Distribution.metadata wraps the parsed message in _adapters.Message.
    import email
    from importlib.metadata import _adapters

    for text in ("Name: x\nVersion: 1\n", "name: x\nVERSION:2\n", "Version: 1\nVersion: 2\n",
                 "Summary: a\n b\nVersion: 3\n", "Version: 4\n\tfolded\n", "\nVersion: 5\n",
                 "Name: x\nno colon here\nVersion: 6\n", "Version:\n", "Name: x\n", ""):
        assert header(text, "Version") == _adapters.Message(email.message_from_string(text)).get("Version"), text


names = st.sampled_from(["foo", "Foo", "foo_bar", "Foo-Bar", "foo.bar", "baz", "qux"])
versions = st.sampled_from(["1.0", "2.0", "0.1.dev1", None])
lines = st.lists(st.sampled_from([
    "a = mod_a", "b=mod_b:attr", "  c = pkg.mod : obj.attr  ", "# a = commented", "", "[other]", "[engine]",
    "d = mod_d [extra]"]), max_size=6)
distributions = st.lists(st.tuples(names, versions, st.sampled_from(["dist-info", "egg-info"]), lines), max_size=4)


@settings(max_examples=60, deadline=None)
@given(st.lists(distributions, min_size=1, max_size=3))
def test_generated_layouts_match_importlib_metadata(layout):
    with tempfile.TemporaryDirectory() as tmp:
        path = []
        for i, entries in enumerate(layout):
            site = Path(tmp) / f"site{i}"
            site.mkdir()
            for j, (name, version, kind, body) in enumerate(entries):
                folder = f"{name}-{j}.{kind}" if version is None else f"{name}-{version}.{kind}"
                metadata = f"Name: {name}\n" + (f"Version: {version}\n" if version else "")
                if not (site / folder).exists():
                    dist(site, folder, "[engine]\n" + "\n".join(body) + "\n", metadata)
            path.append(str(site))
        saved = sys.path[:]
        sys.path[:] = path
        try:
            assert ours("engine") == reference("engine")
        finally:
            sys.path[:] = saved


@given(st.text(alphabet=st.sampled_from("aZ09-_.é İ"), max_size=12))
def test_names_normalise_as_importlib_metadata_normalises_them(name):
    assert entrypoints.normalize(name) == importlib.metadata.Prepared.normalize(name)


@given(st.text(alphabet=st.sampled_from("Na: \t\x7f\x1fé-_!~\r"), max_size=10))
def test_a_header_line_is_recognised_as_the_email_parser_recognises_it(line):
    import re

    assert entrypoints.is_header(line) == bool(re.match(r"[\041-\071\073-\176]*:", line))


VALUE_PATTERN = r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$"  # importlib.metadata's


@given(st.text(alphabet=st.sampled_from("ab_.:[] \t\n\x1c\u2003é٣²-="), max_size=14))
@example("pkg.mod:obj.attr [extra1, extra2]")
@example("pkg.mod : attr \n")
@example("mod [x\n]")
def test_an_entry_point_value_is_read_as_importlib_metadata_reads_it(value):
    import re

    match = re.match(VALUE_PATTERN, value)
    expected = (match.group("module"), match.group("attr") or "") if match else None
    assert entrypoints.parse_value(value) == expected
