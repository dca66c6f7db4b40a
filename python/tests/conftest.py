"""Shared fixtures: the golden folder (tests that need it skip without it) and the vrsx CLI."""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(os.environ.get("VRSX_GOLDEN_DIR", REPO.parent / "shared" / "golden"))


def golden_available() -> bool:
    return (GOLDEN / "files").is_dir() and (GOLDEN / "expected").is_dir()


requires_golden = pytest.mark.skipif(not golden_available(), reason="../shared/golden is absent")


@pytest.fixture
def golden() -> Path:
    if not golden_available():
        pytest.skip("../shared/golden is absent")
    return GOLDEN


@pytest.fixture
def vrsx_cli() -> str:
    cli = os.environ.get("VRSX_CLI")
    if not cli or not os.path.exists(cli):
        pytest.skip("VRSX_CLI (the built vrsx tool) is not set")
    return cli
