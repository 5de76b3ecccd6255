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


# -- many calls, one handoff (engine.guard.run_each) -----------------------------

def test_calls_run_in_turn_in_one_thread_each_keeping_what_it_printed():
    from engine.guard import Budget, Call, run_each

    def speaks(text: str):
        def call() -> int | None:
            print(text, end="")
            os.write(1, f"[{text}]".encode())
            return threading.get_ident()
        return call

    calls = [Call(name, speaks(name), Budget(5)) for name in ("a", "b", "c")]
    run_each(calls)
    assert all(c.ok for c in calls)
    assert len({c.value for c in calls}) == 1 and calls[0].value != threading.get_ident()
    assert [c.printed for c in calls] == ["a[a]", "b[b]", "c[c]"]


def test_a_call_over_its_time_is_left_behind_and_the_rest_run_in_a_new_thread():
    from engine.guard import Budget, Call, run_each

    release, kept = threading.Event(), []
    calls = [Call("a", threading.get_ident, Budget(5)),
             Call("slow", lambda: release.wait(30), Budget(0.2), then=kept.append),
             Call("c", threading.get_ident, Budget(5))]
    begun = time.monotonic()
    run_each(calls)
    # Its own limit holds, though the call before it had more time.
    assert time.monotonic() - begun < 2.5
    assert calls[0].ok and calls[2].ok and calls[0].value != calls[2].value
    assert calls[1].timed_out and not calls[1].ok
    release.set()
    time.sleep(0.2)
    assert kept == []  # what it made once it was given up on is not kept


def test_a_plugin_spends_one_budget_over_its_calls_and_one_out_of_it_does_not_start():
    from engine.guard import Budget, Call, run_each

    budget, started = Budget(0.3), []
    calls = [Call("p", lambda: time.sleep(0.2), budget),
             Call("p", lambda: time.sleep(1), budget),
             Call("p", lambda: started.append(1), budget)]
    run_each(calls)
    assert calls[0].ok and calls[1].timed_out
    assert calls[2].timed_out and started == []  # nothing left of its time: never called


def test_a_call_not_wanted_is_skipped_and_then_keeps_what_fn_made():
    from engine.guard import Budget, Call, run_each

    first = Call("x", lambda: 1 / 0, Budget(5))
    second = Call("x", lambda: 2, Budget(5), wanted=lambda: not first.ok, then=lambda v: v * 10)
    third = Call("x", lambda: 3, Budget(5), wanted=lambda: not second.ok)
    run_each([first, second, third])
    assert isinstance(first.error, ZeroDivisionError)
    assert second.ok and second.value == 20
    assert third.skipped and third.value is None
