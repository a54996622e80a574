"""Fuzzing newsconv through its whole command line (see ``harness.py``)."""
