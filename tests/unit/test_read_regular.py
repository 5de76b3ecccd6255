"""Reading an input file: all of it, or one byte past the limit, whatever size it says it has."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.documents import read_regular


@given(st.binary(max_size=300), st.integers(0, 320))
@settings(max_examples=100, deadline=None)
def test_a_file_is_read_whole_or_one_byte_past_the_limit(tmp_path_factory, data, limit):
    path = tmp_path_factory.mktemp("read") / "f.toml"
    path.write_bytes(data)
    assert read_regular(path, limit) == data[: limit + 1]


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs /proc")
def test_a_file_that_says_it_is_empty_is_read_on_to_its_end():
    raw = read_regular("/proc/self/status", 1 << 20)
    assert os.stat("/proc/self/status").st_size == 0 and b"Name:" in raw
    assert read_regular("/proc/self/status", 3) == raw[:4]
