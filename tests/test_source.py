"""Checks on the package's own source."""
import ast
from collections import Counter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"


def _module_level_names(tree: ast.Module) -> Counter:
    names: Counter = Counter()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] += 1
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] += 1
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_no_module_level_name_is_defined_twice(path):
    """A second definition silently replaces the first for every use in the module: a new
    ``_CLAUSE_OPENERS`` (marks) far below the old one (words) once changed fact holders."""
    names = _module_level_names(ast.parse(path.read_text(encoding="utf-8")))
    assert names, "the module defines nothing"
    assert [n for n, count in names.items() if count > 1] == []


def test_extraction_compiles_no_pattern(monkeypatch, seed_text):
    """Patterns are compiled once, at import.  A pattern built from a document's words
    (``regex.search(rf"...{word}...", text)``) is compiled again for most documents: it cost 5% of
    extraction when one rule did it for every name it tested."""
    import re

    import regex

    from pipeline.process import extract_document

    texts = [seed_text,
             "T\n\nTesla jumped 8.5% on Monday and Sales rose 3%. Shares of Tesla fell. "
             "\"We sold 50,000 cars,\" said chief executive Elon Musk, 52. The Six Nations drew 4 million."]
    extract_document(texts[1])  # anything a first call sets up is set up
    calls = []
    for module in (regex, re):
        for name in ("compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split"):
            monkeypatch.setattr(module, name, lambda *args, _name=name, **kwargs: calls.append(_name))
    extracted = [extract_document(text) for text in texts]
    assert all(e.facts and e.quotes for e in extracted)
    assert calls == []
