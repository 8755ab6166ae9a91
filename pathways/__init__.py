"""asylum-pathways: the asylum routes reported in 2017, as a cited rule graph."""

import os
import sys
import types

__version__ = "0.1.0"

# pydantic plugins (validation observers, such as tracing services) are never loaded: this
# tool reports nothing anywhere. Set PYDANTIC_DISABLE_PLUGINS yourself to change it.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
_PLUGINS_OFF = ("__all__", "1", "true")  # the values pydantic reads as "no plugins at all"
_PLUGIN_LOADER = "pydantic.plugin._loader"


def _no_plugins() -> tuple[()]:
    return ()


if os.environ["PYDANTIC_DISABLE_PLUGINS"] in _PLUGINS_OFF and _PLUGIN_LOADER not in sys.modules:
    # With plugins off, pydantic's loader answers "none" without looking; but importing it
    # imports importlib.metadata (email, zipfile, socket...) for the look it will not make:
    # ~15 ms of a 130 ms walk. Every validator pydantic builds asks this module (its only
    # caller: pydantic.plugin._schema_validator, which imports get_plugins from it), so it
    # is given the same answer up front. tests/test_startup.py checks that caller's import.
    _loader = types.ModuleType(_PLUGIN_LOADER, "pydantic plugins: off (see pathways/__init__.py)")
    _loader.get_plugins = _no_plugins  # type: ignore[attr-defined]
    sys.modules[_PLUGIN_LOADER] = _loader
