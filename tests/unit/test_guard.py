"""Plugin code runs in one reused loader thread, within its time limit."""

from __future__ import annotations

import os
import threading
import time

import pytest

from engine.guard import TimedOut, call_limited


def test_calls_share_one_loader_thread_and_keep_their_output_apart():
    def where() -> int | None:
        print("hello")
        return threading.get_ident()

    first, printed = call_limited(where, 5, "a")
    second, _ = call_limited(where, 5, "b")
    assert first == second != threading.get_ident()
    assert printed == "hello\n"


def test_a_call_over_its_limit_is_left_behind_and_the_next_call_gets_a_new_thread():
    release = threading.Event()
    with pytest.raises(TimedOut):
        call_limited(lambda: release.wait(30), 0.2, "slow")
    value, _ = call_limited(lambda: threading.get_ident(), 5, "next")
    release.set()
    assert value != threading.get_ident()


def test_an_error_reaches_the_caller_and_the_thread_serves_the_next_call():
    def boom() -> None:
        raise SystemExit(3)

    with pytest.raises(SystemExit):
        call_limited(boom, 5, "exits")
    assert call_limited(lambda: 42, 5, "after")[0] == 42


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork only")
def test_a_forked_child_gets_its_own_loader_thread():
    call_limited(lambda: None, 5, "parent")  # the parent's thread exists
    pid = os.fork()
    if pid == 0:  # the child: the parent's thread did not come along
        code = 1
        try:
            start = time.monotonic()
            code = 0 if call_limited(lambda: 7, 2, "child")[0] == 7 and time.monotonic() - start < 1.5 else 1
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
