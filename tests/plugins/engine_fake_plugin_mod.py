"""A plugin installed through an entry point of a fake distribution (tests/unit/test_plugins.py's
`fake_dist` copies it onto sys.path)."""

import engine

__version__ = "9.9"


@engine.hookimpl
def engine_register_selectors(register):
    register(engine.Selector("from-entry-point", lambda ctx: ctx.candidates[: ctx.count], "From a dist."))
