"""engine: turn a coach's TOML rule file into a week-by-week training program.

The public names plugin authors use live here; importing this package stays
cheap (no jsonschema, no tree-sitter) so the CLI starts fast.
"""

from __future__ import annotations

import pluggy

__version__ = "0.1.0"

hookimpl = pluggy.HookimplMarker("engine")

from engine.components import EffortModel, Exporter, Progression, Selector  # noqa: E402

__all__ = ["EffortModel", "Exporter", "Progression", "Selector", "__version__", "hookimpl"]
