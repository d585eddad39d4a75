from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = REPO / "seeds" / "000_0a0d639a27c3d5bc.txt"


def seed_document_text() -> str:
    """The seed article's cleaned text as the pipeline builds it (without running the reader)."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    title, body = lines[1], [line for line in lines[5:] if line.strip()]
    return title + "\n\n" + "\n\n".join(body)


@pytest.fixture
def seed_text() -> str:
    return seed_document_text()


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared material not present: {path}")
    return path
