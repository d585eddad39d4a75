"""Bugs found by the corpus runs, kept fixed."""
from pipeline.people import _token_after
from pipeline.quotes import extract_quotes
from pipeline.segment import segment


def test_a_token_search_past_the_end_of_the_text_finds_nothing_instead_of_raising():
    assert _token_after("said", 4, 40) is None
    assert _token_after("said Smith", 4, 40) == (5, 10)


def test_an_attribution_at_the_very_end_of_a_document_does_not_raise():
    text = 'Title\n\nThe rules are changing, said'
    quotes = extract_quotes(text, segment(text))
    assert all(text[q.start:q.end] == q.text for q in quotes)


def test_inputs_can_be_fsspec_urls(tmp_path):
    import gzip
    import json

    import fsspec

    from pipeline.cli import main
    from pipeline.ingest import RawDocument, read_paths
    from pipeline.store import read_table

    fs = fsspec.filesystem("memory")
    root = f"/newsfacts-in-{tmp_path.name}"
    fs.pipe(f"{root}/a/story.txt", b"Title\n\nSales rose 5 percent, the firm said.\n")
    fs.pipe(f"{root}/b.jsonl.gz", gzip.compress(json.dumps({"id": "x", "text": "Prices fell 2 percent."}).encode()))
    fs.pipe(f"{root}/README.txt", b"not an article")
    items = list(read_paths([f"memory://{root}"]))
    assert [type(i) for i in items] == [RawDocument, RawDocument]
    assert items[0].source == f"memory://{root}/a/story.txt" and items[1].source_id == "x"
    out = tmp_path / "data"
    assert main(["run", f"memory://{root}", "--out", str(out), "--workers", "1"]) == 0
    assert len(read_table(out, "documents")) == 2 and len(read_table(out, "numeric_facts")) == 2
    missing = list(read_paths([f"memory://{root}-missing"]))
    assert [r.reason for r in missing] == ["unreadable"]
