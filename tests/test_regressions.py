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
