"""Paths the tests share.  Tests that need ../shared (the seed contract, the dev corpus) read it
from beside the repository and are skipped, with the reason, where it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "fixtures" / "seed"
DEV = SHARED / "corpus" / "dev"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = ROOT / "examples"

needs_seed = pytest.mark.skipif(not SEED.is_dir(),
                                reason=f"seed contract not found at {SEED} (../shared absent)")
needs_dev = pytest.mark.skipif(not DEV.is_dir(),
                               reason=f"dev corpus not found at {DEV} (../shared absent)")
