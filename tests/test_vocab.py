"""The vocabulary files themselves: sorted, no duplicates, no empty lines, no stray spaces."""
from importlib import resources

import pytest

VOCAB = resources.files("pipeline").joinpath("vocab")
FILES = sorted(p.name for p in VOCAB.iterdir() if p.name.endswith((".txt", ".tsv")))


def test_there_are_vocabulary_files():
    assert "abbreviations.txt" in FILES


@pytest.mark.parametrize("name", FILES)
def test_vocab_file_is_sorted_unique_and_clean(name):
    lines = VOCAB.joinpath(name).read_text(encoding="utf-8").splitlines()
    entries = [line for line in lines if not line.startswith("#")]
    assert entries, f"{name} is empty"
    assert all(entry and entry == entry.strip() for entry in entries), f"{name}: blank or padded line"
    keys = [entry.split("\t")[0] for entry in entries]
    assert len(set(entries)) == len(entries), f"{name}: duplicate lines"
    assert keys == sorted(keys), f"{name}: not sorted"
