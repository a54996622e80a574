"""Collection: the module of an optional integration is left out of the doctest run where
its extra is not installed (its tests skip with the reason)."""

import importlib.util

collect_ignore = [] if importlib.util.find_spec("datatrove") else ["newsconv/datatrove.py"]
