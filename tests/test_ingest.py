"""Readers: every format, encoding and broken input gives documents or rejects, never an exception.

Every fixture is built here, in ``tmp_path``; the seed comes from the repository's ``seeds/``.
"""
from __future__ import annotations

import gzip
import json
import os
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from pipeline import vocab
from pipeline.ingest import REASONS, RawDocument, ReadOptions, Reject, find_files, read_file, read_paths

UTC = timezone.utc
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
OPTIONS = ReadOptions()


def read(path: Path, **options) -> list[RawDocument | Reject]:
    items = list(read_file(str(path), ReadOptions(**options)))
    for item in items:  # the invariants every item keeps
        assert isinstance(item, (RawDocument, Reject))
        if isinstance(item, Reject):
            assert item.reason in REASONS and item.detail and item.source == str(path)
        else:
            assert item.body.strip() and item.source == str(path)
            assert item.published_at is None or item.published_at.tzinfo == UTC
    return items


def one(path: Path, **options) -> RawDocument | Reject:
    items = read(path, **options)
    assert len(items) == 1, items
    return items[0]


def docs(items):
    return [i for i in items if isinstance(i, RawDocument)]


def rejects(items):
    return [i for i in items if isinstance(i, Reject)]


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# ---------------------------------------------------------------------------------------------
# seed format
# ---------------------------------------------------------------------------------------------


def test_the_seed_article():
    (path,) = sorted(SEEDS.glob("*.txt"))
    doc = one(path)
    assert isinstance(doc, RawDocument)
    assert doc.format == "seed" and doc.encoding == "utf-8"
    assert doc.listed_date == date(2022, 8, 22)
    assert doc.section == "Puppet Masters"
    assert doc.title == "Kazakhstan's President meets Putin in Sochi to 'intensify bilateral ties'"
    assert doc.author == "Assel Satubaldina"
    assert doc.outlet == "Astana Times"
    assert doc.published_at == datetime(2022, 8, 20, 12, 0, tzinfo=UTC)
    paragraphs = doc.body.split("\n")
    assert len(paragraphs) == 7
    assert paragraphs[0].startswith("The two leaders voiced")
    for header in ("date 2022", "Puppet Masters", "Assel Satubaldina", "Astana Times", "12:00 UTC"):
        assert header not in doc.body
    assert doc.n_bytes == path.stat().st_size


SEED_BODY = "First paragraph, long enough to be a paragraph of the body of this article.\nSecond one.\n"


def test_seed_with_malformed_timestamp(tmp_path):
    doc = one(write(tmp_path / "a.txt", f"date 2022-08-22 World\nTitle\nAuthor\nOutlet\nSat, ?? Aug\n{SEED_BODY}"))
    assert doc.format == "seed" and doc.published_at is None
    assert (doc.title, doc.author, doc.outlet) == ("Title", "Author", "Outlet")
    assert doc.body.startswith("First paragraph") and "??" not in doc.body


def test_seed_with_mangled_date_and_blank_author(tmp_path):
    text = f"   date 2022-13-45 Puppet Masters\nTitle\n\nOutlet\nSat, 20 Aug 2022 12:00 UTC\n{SEED_BODY}"
    doc = one(write(tmp_path / "a.txt", text))
    assert doc.format == "seed" and doc.listed_date is None and doc.section == "Puppet Masters"
    assert (doc.title, doc.author, doc.outlet) == ("Title", None, "Outlet")
    assert doc.published_at == datetime(2022, 8, 20, 12, tzinfo=UTC)
    assert doc.body.startswith("First paragraph")


def test_seed_without_date_value_but_with_timestamp(tmp_path):
    doc = one(write(tmp_path / "a.txt", f"date Puppet Masters\nTitle\nAuthor\nOutlet\n2022-08-20 12:00\n{SEED_BODY}"))
    assert doc.format == "seed" and doc.listed_date is None and doc.section == "Puppet Masters"
    assert doc.published_at == datetime(2022, 8, 20, 12, tzinfo=UTC)


def test_seed_missing_timestamp_line_keeps_header_out_of_body(tmp_path):
    long_paragraph = "This paragraph is long. " * 10
    doc = one(write(tmp_path / "a.txt", f"date 2022-08-22\nTitle\nAuthor\nOutlet\n{long_paragraph}\n"))
    assert doc.format == "seed" and doc.section is None and doc.published_at is None
    assert doc.outlet == "Outlet" and doc.body == long_paragraph.strip()


def test_seed_with_header_only_is_empty(tmp_path):
    reject = one(write(tmp_path / "a.txt", "date 2022-08-22 X\nTitle\nAuthor\nOutlet\nSat, 20 Aug 2022 12:00 UTC\n"))
    assert reject.reason == "empty" and "no body" in reject.detail


def test_seed_detected_without_txt_extension(tmp_path):
    doc = one(write(tmp_path / "article", f"date 2022-08-22 X\nT\nA\nO\nSat, 20 Aug 2022 12:00 UTC\n{SEED_BODY}"))
    assert doc.format == "seed" and doc.title == "T"


# ---------------------------------------------------------------------------------------------
# plain text and encodings
# ---------------------------------------------------------------------------------------------


def test_txt_title_then_body(tmp_path):
    doc = one(write(tmp_path / "a.txt", "\n\nThe title  \n\nFirst para.\n\nSecond para.\n"))
    assert doc.format == "txt" and doc.title == "The title"
    assert doc.body == "First para.\n\nSecond para."
    assert (doc.source_id, doc.line, doc.author, doc.listed_date) == (None, None, None, None)


def test_txt_title_only_is_empty(tmp_path):
    reject = one(write(tmp_path / "a.txt", "Only a title\n\n  \n"))
    assert reject.reason == "empty" and "title only" in reject.detail


@pytest.mark.parametrize(("data", "detail"), [(b"", "zero-byte"), (b"  \n\t\r\n ", "whitespace")])
def test_empty_files(tmp_path, data, detail):
    reject = one(write(tmp_path / "a.txt", data))
    assert reject.reason == "empty" and detail in reject.detail


def test_crlf_and_cr_line_ends(tmp_path):
    doc = one(write(tmp_path / "a.txt", b"Title\r\n\r\nOne.\r\nTwo.\rThree.\r\n"))
    assert doc.title == "Title" and doc.body == "One.\nTwo.\nThree."


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        ("Title\n\nCaf\u00e9 \u00a35m \u201cquoted\u201d\n".encode(), "utf-8", "Caf\u00e9 \u00a35m \u201cquoted\u201d"),
        (b"\xef\xbb\xbfTitle\n\nBody \xc2\xa35m\n", "utf-8-sig", "Body \u00a35m"),
        (b"Title\n\nChina\xb4s \x93deal\x94 \x96 \xa35m\n", "cp1252", "China\u00b4s \u201cdeal\u201d \u2013 \u00a35m"),
        (b"Title\n\nBody \x81 \xe9t\xe9\n", "latin-1", "Body \x81 \u00e9t\u00e9"),  # 0x81 is undefined in cp1252
        # BBC sport/199.txt: ASCII but for one latin-1 pound sign: cp1252 keeps the pound
        (b"Title\n\n" + b"a" * 2000 + b" \xa315.8m\n", "cp1252", "a" * 2000 + " \u00a315.8m"),
        ("\ufeffTitle\n\nBody \u00e9\n".encode("utf-16"), "utf-16", "Body \u00e9"),
    ],
)
def test_encodings(tmp_path, data, encoding, expected):
    doc = one(write(tmp_path / "a.txt", data))
    assert doc.encoding == encoding and doc.body == expected


def test_utf8_with_a_stray_byte_keeps_its_valid_text(tmp_path):
    text = ("Caf\u00e9 costs \u00a35. " * 200).encode()
    doc = one(write(tmp_path / "a.txt", b"Title\n\n" + text + b" stray \xa3 byte\n"))
    assert doc.encoding == "utf-8 (replaced 1 bytes)"
    assert doc.body.startswith("Caf\u00e9 costs \u00a35.") and "stray \ufffd byte" in doc.body


def test_utf8_with_many_stray_bytes_falls_back(tmp_path):
    doc = one(write(tmp_path / "a.txt", "Title\n\n\u00e9 ".encode() + b"\xe9 " * 100 + b"\n"))
    assert doc.encoding == "cp1252" and "\u00e9" in doc.body


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
        (b"Title\n\nSome text\x00with a NUL\n", "NUL"),
        (b"Title\n\n" + bytes(range(1, 9)) * 50 + b"\n", "control"),
        (b"%PDF-1.4\n%...", "PDF"),
    ],
)
def test_binary_is_not_text(tmp_path, data, detail):
    reject = one(write(tmp_path / "a.txt", data))
    assert reject.reason == "not_text" and detail in reject.detail


def test_nul_byte_far_into_a_large_file(tmp_path):
    data = b"Title\n\n" + b"text " * 300_000 + b"\x00" + b"more\n"
    reject = one(write(tmp_path / "a.jsonl", data))
    assert reject.reason == "not_text" and "NUL" in reject.detail


def test_too_large_text_is_rejected_from_its_size(tmp_path):
    path = write(tmp_path / "big.txt", b"x" * 5000)
    reject = one(path, max_doc_bytes=1000)
    assert reject.reason == "too_large" and reject.n_bytes == 5000 and "1,000" in reject.detail


def test_gzip_text_too_large_when_unpacked(tmp_path):
    path = write(tmp_path / "big.txt.gz", gzip.compress(b"Title\n\n" + b"x" * 5000))
    reject = one(path, max_doc_bytes=1000)
    assert reject.reason == "too_large" and reject.n_bytes == 5007


def test_gzip_bomb_is_not_unpacked_in_full(tmp_path):
    path = write(tmp_path / "bomb.txt.gz", gzip.compress(b"Title\n\n" + b"a" * 50_000_000, compresslevel=1))
    reject = one(path, max_doc_bytes=1_000_000)
    assert reject.reason == "too_large" and reject.n_bytes < 5_000_000


def test_lone_surrogates_and_odd_file_names_become_valid_text(tmp_path):
    doc = one(write(tmp_path / "a.jsonl", '{"text": "bad \\udc80 escape", "title": "\\ud83d\\ude00 ok"}\n'))
    assert doc.body == "bad \ufffd escape" and doc.title == "\U0001F600 ok"
    odd = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(odd, "wb") as handle:
        handle.write(b"Title\n\nBody\n")
    (found,) = [f for f in find_files([str(tmp_path)]) if isinstance(f, str) and "caf" in f]
    doc = list(read_file(found))[0]
    assert doc.body == "Body" and doc.source.endswith("caf\\xe9.txt")
    doc.source.encode("utf-8")  # storable


def test_adversarial_texts_are_documents(tmp_path):
    quotes = one(write(tmp_path / "quotes.txt", "Quotes\n\n" + '"' * 100_000))
    assert isinstance(quotes, RawDocument) and len(quotes.body) == 100_000
    digits = one(write(tmp_path / "digits.txt", "Digits\n\nIt cost " + "9" * 10_000 + " dollars.\n"))
    assert isinstance(digits, RawDocument) and "9" * 10_000 in digits.body


def test_a_directory_or_missing_file_is_unreadable(tmp_path):
    assert one(tmp_path).reason == "unreadable"
    missing = one(tmp_path / "nope.txt")
    assert missing.reason == "unreadable" and "No such file" in missing.detail


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path):
    path = write(tmp_path / "secret.txt", "Title\n\nBody\n")
    path.chmod(0)
    reject = one(path)
    assert reject.reason == "unreadable" and "Permission" in reject.detail


# ---------------------------------------------------------------------------------------------
# JSON Lines and JSON
# ---------------------------------------------------------------------------------------------


def test_jsonl_broken_lines_are_rejects_and_good_lines_come_out(tmp_path):
    lines = [
        json.dumps({"id": 1, "title": "One", "text": "Body one."}),
        "{broken",
        json.dumps({"id": 2, "title": "Two", "text": "Body two."}),
        "",
        '{"id": 3, "text": "unterminated',
        json.dumps({"id": 4, "text": "Body four."}),
        "[1, 2]",
        "not json at all",
        json.dumps({"id": 5, "text": "Body five."}),
    ]
    items = read(write(tmp_path / "a.jsonl", "\n".join(lines) + "\n"))
    assert [(d.source_id, d.line) for d in docs(items)] == [("1", 1), ("2", 3), ("4", 6), ("5", 9)]
    assert [(r.reason, r.line) for r in rejects(items)] == [
        ("bad_record", 2), ("bad_record", 5), ("bad_record", 7), ("bad_record", 8)]
    assert "not valid JSON" in rejects(items)[0].detail and "array" in rejects(items)[2].detail
    assert all(d.format == "jsonl" for d in docs(items))


def test_jsonl_record_fields_and_missing_text(tmp_path):
    records = [
        {"ID": "a1", "Headline": "H", "published_at": "2022-08-20T12:00:00Z", "byline": ["Ann", "Bob"],
         "publisher": "Daily", "category": "World", "link": "http://x/1", "body": "Body."},
        {"id": "a2", "title": "No text here", "summary": "s"},
        {"id": "a3", "text": "   "},
        {"id": "a4", "text": {"nested": "object"}},
    ]
    items = read(write(tmp_path / "a.ndjson", "\n".join(map(json.dumps, records))))
    doc = items[0]
    assert (doc.source_id, doc.title, doc.author, doc.outlet, doc.section, doc.url) == (
        "a1", "H", "Ann, Bob", "Daily", "World", "http://x/1")
    assert doc.published_at == datetime(2022, 8, 20, 12, tzinfo=UTC)
    assert [(r.source_id, r.reason) for r in items[1:]] == [("a2", "bad_record"), ("a3", "empty"), ("a4", "bad_record")]
    assert "'title'" in items[1].detail and "'summary'" in items[1].detail  # names the fields seen


def test_jsonl_line_over_the_limit_is_skipped_not_truncated(tmp_path):
    lines = [json.dumps({"text": "small"}), json.dumps({"text": "x" * 5000}), json.dumps({"text": "after"})]
    items = read(write(tmp_path / "a.jsonl", "\n".join(lines)), max_doc_bytes=1000)
    assert [type(i).__name__ for i in items] == ["RawDocument", "Reject", "RawDocument"]
    assert items[1].reason == "too_large" and items[1].line == 2 and items[1].n_bytes > 5000
    assert items[2].body == "after" and items[2].line == 3


def test_options_override_field_names(tmp_path):
    record = {"text": "default body", "story_text": "chosen body", "hed": "Chosen title", "when": "2020-01-02",
              "key": 77}
    path = write(tmp_path / "a.jsonl", json.dumps(record))
    doc = one(path, text_field="STORY_TEXT", title_field="hed", date_field="when", id_field="key")
    assert (doc.body, doc.title, doc.source_id) == ("chosen body", "Chosen title", "77")
    assert doc.published_at == datetime(2020, 1, 2, tzinfo=UTC)
    reject = one(path, text_field="missing")
    assert reject.reason == "bad_record" and "'missing'" in reject.detail


ALLSIDES = {
    "topic": "healthcare", "source": "Fox News", "bias": 2, "url": "http://example.org/a",
    "title": "A title", "date": "2013-11-26", "authors": "Judson Berger, Ann Other",
    "content": "Tokenised text , with spaces .", "content_original": "Original text, as written.\n\nPara two.",
    "source_url": "www.example.org", "bias_text": "right", "ID": "01kkkrpZGTG5XkyB",
}


def test_allsides_single_object(tmp_path):
    doc = one(write(tmp_path / "01kkkrpZGTG5XkyB.json", json.dumps(ALLSIDES, indent=4)))
    assert doc.format == "json" and doc.line is None and doc.source_id == "01kkkrpZGTG5XkyB"
    assert doc.body == ALLSIDES["content_original"]
    assert (doc.title, doc.author, doc.outlet, doc.section, doc.url) == (
        "A title", "Judson Berger, Ann Other", "Fox News", "healthcare", "http://example.org/a")
    assert doc.published_at == datetime(2013, 11, 26, tzinfo=UTC)


def test_allsides_falls_back_to_content_when_original_is_empty(tmp_path):
    doc = one(write(tmp_path / "a.json", json.dumps({**ALLSIDES, "content_original": "", "date": "12/1/16"})))
    assert doc.body == ALLSIDES["content"] and doc.published_at == datetime(2016, 12, 1, tzinfo=UTC)


def test_json_array_streams_elements_with_lines(tmp_path):
    records = [{"id": i, "text": f"Body {i}.", "date": d} for i, d in enumerate(["0001-01-01", "2050-01-01", "bogus"])]
    items = read(write(tmp_path / "a.json", json.dumps(records, indent=2)))
    assert [d.source_id for d in docs(items)] == ["0", "1", "2"]
    assert [d.published_at for d in items] == [datetime(1, 1, 1, tzinfo=UTC), datetime(2050, 1, 1, tzinfo=UTC), None]
    assert [d.line for d in items] == [2, 7, 12]


def test_json_array_larger_than_a_chunk(tmp_path):
    records = [{"id": i, "text": "word " * 500} for i in range(1000)]  # about 2.5 MB, several chunks
    items = read(write(tmp_path / "a.json", json.dumps(records)))
    assert len(docs(items)) == 1000 and [d.source_id for d in items[:3]] == ["0", "1", "2"]


def test_json_broken_array_keeps_what_came_before_and_after(tmp_path):
    items = read(write(tmp_path / "a.json", '[{"text": "one"},\n {"text": "two"},\n {"text": oops}, {"text": "four"}]'))
    assert [type(i).__name__ for i in items] == ["RawDocument", "RawDocument", "Reject", "RawDocument"]
    assert items[2].reason == "bad_record" and items[2].line == 3 and "reading goes on at line 3" in items[2].detail
    assert items[3].body == "four"


def test_json_array_resumes_after_broken_elements_across_chunks(tmp_path):
    good = [json.dumps({"id": i, "text": "word " * 300}, indent=1) for i in range(2000)]  # ~3 MB: several chunks
    broken = {500: '{"id": 500, "text": "unterminated', 1200: '{"id": 1200, "text": x}'}
    elements = [broken.get(i, g) for i, g in enumerate(good)]
    items = read(write(tmp_path / "a.json", "[\n" + ",\n".join(elements) + "\n]\n"))
    assert [d.source_id for d in docs(items)] == [str(i) for i in range(2000) if i not in broken]
    assert [r.reason for r in rejects(items)] == ["bad_record", "bad_record"]
    assert all(r.n_bytes and r.n_bytes > 0 for r in rejects(items))


def test_json_array_element_over_the_limit_is_skipped(tmp_path):
    records = [{"id": 0, "text": "short"}, {"id": 1, "text": "long " * 3000}, {"id": 2, "text": "short too"}]
    items = read(write(tmp_path / "a.json", json.dumps(records)), max_doc_bytes=5000)
    assert [d.source_id for d in docs(items)] == ["0", "2"]
    assert [r.reason for r in rejects(items)] == ["too_large"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [("[]", "empty"), ("", "empty"), ("[{\"text\": \"a\"}", "bad_record"), ("42", "bad_record"),
     ("{\"text\": ", "bad_record"), ("null", "bad_record")],
)
def test_json_odd_files(tmp_path, data, reason):
    assert reason in [i.reason for i in rejects(read(write(tmp_path / "a.json", data)))]


def test_deeply_nested_json_is_a_bad_record(tmp_path):
    depth = 100_000
    reject = one(write(tmp_path / "deep.json", "[" * depth + "]" * depth))
    assert reject.reason == "bad_record" and "nested" in reject.detail
    line = one(write(tmp_path / "deep.jsonl", '{"a":' * depth + "1" + "}" * depth + "\n"))
    assert line.reason == "bad_record" and line.line == 1


def test_json_objects_in_a_row(tmp_path):
    items = read(write(tmp_path / "a.json", '{"text": "one"}\n{"text": "two"}\n'))
    assert [(d.body, d.line) for d in items] == [("one", 1), ("two", 2)]


def test_json_wrapper_object_newsapi_style(tmp_path):
    articles = [
        {"source": {"id": "bbc-news", "name": "BBC News"}, "author": "A", "title": "T1", "url": "http://x/1",
         "publishedAt": "2020-05-01T10:00:00Z", "content": "Body one."},
        {"source": {"id": None, "name": "Reuters"}, "title": "T2", "content": ""},
    ]
    items = read(write(tmp_path / "news.json", json.dumps({"status": "ok", "totalResults": 2, "articles": articles})))
    assert [type(i).__name__ for i in items] == ["RawDocument", "Reject"]
    assert (items[0].outlet, items[0].title, items[0].url) == ("BBC News", "T1", "http://x/1")
    assert items[0].published_at == datetime(2020, 5, 1, 10, tzinfo=UTC)
    assert items[1].reason == "empty"


def test_field_names_match_across_case_and_separators(tmp_path):
    doc = one(write(tmp_path / "a.jsonl", json.dumps({"Published-At": "2020-01-01", "Doc ID": "d", "TEXT": "x"})))
    assert (doc.source_id, doc.published_at) == ("d", datetime(2020, 1, 1, tzinfo=UTC))


def test_json_lines_saved_as_json_recover_after_a_broken_line(tmp_path):
    text = '{"text": "one"}\n{"text": oops}\n{"text": "three"}\n{"text": "four",\n{"text": "five"}\n'
    items = read(write(tmp_path / "a.json", text))
    assert [(type(i).__name__, i.line) for i in items] == [
        ("RawDocument", 1), ("Reject", 2), ("RawDocument", 3), ("Reject", 4), ("RawDocument", 5)]
    assert "reading goes on at line 3" in items[1].detail and items[1].n_bytes == len('{"text": oops}\n')


def test_broken_pretty_printed_object_is_one_reject(tmp_path):
    text = json.dumps(ALLSIDES, indent=4).replace('"title": "A title",', '"title": "A title"')
    reject = one(write(tmp_path / "a.json", text))
    assert reject.reason == "bad_record" and "line 7" in reject.detail


def test_json_object_over_the_limit(tmp_path):
    reject = one(write(tmp_path / "a.json", json.dumps({"text": "x" * 5000})), max_doc_bytes=1000)
    assert reject.reason == "too_large"


# ---------------------------------------------------------------------------------------------
# CSV and TSV
# ---------------------------------------------------------------------------------------------


def test_csv_cp1252_multiline_and_empty_rows(tmp_path):
    data = (
        b"Article,Date,Heading,NewsType\r\n"
        b'"KARACHI: China\xb4s \x93deal\x94.\r\nSecond line.",01-01-2015,sindh govt,business\r\n'
        b'"Plain, with comma",9/30/2015,heading two,business\r\n'
        b",,,\r\n"
        b",,,\r\n"
    )
    items = read(write(tmp_path / "Articles.csv", data))
    first, second = docs(items)
    assert first.encoding == "cp1252" and first.format == "csv"
    assert first.body == "KARACHI: China\u00b4s \u201cdeal\u201d.\r\nSecond line."
    assert (first.title, first.section, first.line) == ("sindh govt", "business", 2)
    assert first.published_at == datetime(2015, 1, 1, tzinfo=UTC)
    assert (second.line, second.published_at) == (4, datetime(2015, 9, 30, tzinfo=UTC))
    assert [(r.reason, r.line) for r in rejects(items)] == [("empty", 5), ("empty", 6)]


def test_csv_header_case_and_delimiter_sniffing(tmp_path):
    items = read(write(tmp_path / "a.csv", "DOC_ID;HEADLINE;TEXT\n7;A;Body; with semicolon in quotes?\n8;B;\"x;y\"\n"))
    assert [(d.source_id, d.title) for d in docs(items)] == [("7", "A"), ("8", "B")]
    assert docs(items)[1].body == "x;y"


def test_tsv(tmp_path):
    doc = one(write(tmp_path / "a.tsv", "id\ttitle\tcontent\nx1\tT\tBody, with, commas\n"))
    assert (doc.format, doc.source_id, doc.body) == ("tsv", "x1", "Body, with, commas")


def test_csv_without_text_column(tmp_path):
    items = read(write(tmp_path / "a.csv", "name,score\nann,3\nbob,4\n"))
    assert [(r.reason, r.line) for r in items] == [("bad_record", 2), ("bad_record", 3)]
    assert "'name'" in items[0].detail and "'score'" in items[0].detail


def test_csv_header_only_is_one_empty_reject(tmp_path):
    reject = one(write(tmp_path / "a.csv", "text,title\n"))
    assert reject.reason == "empty" and "no records" in reject.detail


def test_csv_row_over_the_limit(tmp_path):
    data = "text,title\nsmall,a\n" + "x" * 5000 + ",b\n\"quoted\n" + "y" * 3000 + "\",c\nafter,d\n"
    items = read(write(tmp_path / "a.csv", data), max_doc_bytes=1000)
    assert [(type(i).__name__, i.line) for i in items][:3] == [("RawDocument", 2), ("Reject", 3), ("Reject", 4)]
    assert {r.reason for r in rejects(items)} == {"too_large"}
    assert items[-1].body == "after"


def test_gzip_variants(tmp_path):
    items = read(write(tmp_path / "a.csv.gz", gzip.compress(b"text,title\nbody one,T\n")))
    assert [(d.format, d.body) for d in items] == [("csv", "body one")]
    items = read(write(tmp_path / "a.jsonl.gz", gzip.compress(b'{"text": "one"}\n{"text": "two"}\n')))
    assert [d.body for d in items] == ["one", "two"]
    doc = one(write(tmp_path / "noext", gzip.compress(b"Title\n\nBody\n")))  # gzip by magic bytes
    assert (doc.title, doc.body) == ("Title", "Body")


def test_bzip2_and_xz(tmp_path):
    import bz2
    import lzma

    assert [d.body for d in read(write(tmp_path / "a.jsonl.bz2", bz2.compress(b'{"text": "one"}\n')))] == ["one"]
    assert [d.body for d in read(write(tmp_path / "a.csv.xz", lzma.compress(b"text\ntwo\n")))] == ["two"]
    assert one(write(tmp_path / "b.txt", b"BZh9 is not bzip2\n\nBody\n")).title == "BZh9 is not bzip2"


def test_corrupt_gzip_is_unreadable(tmp_path):
    data = gzip.compress(b'{"text": "one"}\n' * 1000)
    reject = one(write(tmp_path / "a.jsonl.gz", data[: len(data) // 2]))
    assert reject.reason == "unreadable"


# ---------------------------------------------------------------------------------------------
# Parquet
# ---------------------------------------------------------------------------------------------


def test_parquet(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.table({
        "id": [1, 2, 3],
        "Title": ["One", "Two", None],
        "published": [datetime(2020, 1, 1, 12), datetime(2021, 1, 1), None],
        "text": ["Body one.", "", "Body three."],
    })
    path = tmp_path / "a.parquet"
    pq.write_table(table, path, row_group_size=2)
    items = read(path)
    assert [(type(i).__name__, i.source_id, i.line) for i in items] == [
        ("RawDocument", "1", 1), ("Reject", "2", 2), ("RawDocument", "3", 3)]
    assert items[0].published_at == datetime(2020, 1, 1, 12, tzinfo=UTC) and items[0].format == "parquet"
    assert items[1].reason == "empty"


def test_not_really_parquet(tmp_path):
    reject = one(write(tmp_path / "a.parquet", b"PAR1 but not really"))
    assert reject.reason == "unreadable"


# ---------------------------------------------------------------------------------------------
# Reuters SGML
# ---------------------------------------------------------------------------------------------

SGML = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="1">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS><D>cocoa</D></TOPICS>
<UNKNOWN>&#5;&#5;&#5;C T
&#22;&#22;&#1;f0704&#31;reute</UNKNOWN>
<TEXT>&#2;
<TITLE>BAHIA COCOA &lt;BC> REVIEW</TITLE>
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><AUTHOR>    by Jane Doe, Reuters</AUTHOR><BODY>Showers continued in
the Bahia cocoa zone &amp; &lt;BP> said 5.93 mln.
    The dry period means the temporao will be late.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="2">
<DATE> 2-MAR-1987 00:02:59.13&#5;&#5;&#5;F</DATE>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>ASSETS ROSE 720.4 MLN DLRS
</TITLE>Blah blah blah.
&#3;

</TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="3">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TEXT TYPE="UNPROC">&#2;
FEDERAL RESERVE WEEKLY REPORT
 Net free reserves.............644 vs.....1,337
</TEXT>
</REUTERS>
"""


def test_reuters_sgml(tmp_path):
    items = read(write(tmp_path / "reut2-000.sgm", SGML))
    doc, brief, unproc = items
    assert (doc.source_id, doc.line, doc.format, doc.title, doc.author, doc.outlet) == (
        "1", 2, "sgml", "BAHIA COCOA <BC> REVIEW", "Jane Doe, Reuters", "Reuters")
    assert doc.published_at == datetime(1987, 2, 26, 15, 1, 1, 790000, tzinfo=UTC)
    assert doc.body.startswith("Showers continued in\nthe Bahia cocoa zone & <BP> said 5.93 mln.")
    assert doc.body.endswith("Reuter") and "&#" not in doc.body and "\x03" not in doc.body
    assert (brief.reason, brief.source_id, brief.line) == ("empty", "2", 15)
    assert "title only" in brief.detail and "BRIEF" in brief.detail
    assert (unproc.reason, unproc.source_id) == ("empty", "3") and "no body" in unproc.detail
    assert sum(i.n_bytes for i in items) < len(SGML)


def test_reuters_sgml_broken_records(tmp_path):
    unclosed = SGML.replace("</REUTERS>\n<REUTERS TOPICS=\"NO\" NEWID=\"2\">", "\n<REUTERS TOPICS=\"NO\" NEWID=\"2\">")
    items = read(write(tmp_path / "a.sgm", unclosed + '<REUTERS NEWID="9">\n<BODY>cut off'))
    assert [(i.reason, i.source_id) for i in items] == [
        ("bad_record", "1"), ("empty", "2"), ("empty", "3"), ("bad_record", "9")]
    assert items[0].line == 2 and items[-1].line == SGML.count("\n") + 1 == 31


def test_reuters_record_over_the_limit(tmp_path):
    big = SGML.replace("Showers continued in", "Showers " + "x" * 3_000_000)
    items = read(write(tmp_path / "a.sgm", big), max_doc_bytes=1_000_000)
    assert [i.reason for i in items] == ["too_large", "empty", "empty"]
    assert items[0].n_bytes > 3_000_000 and items[1].line == 15


def test_sgml_detected_by_content(tmp_path):
    items = read(write(tmp_path / "reuters.dat", SGML))
    assert len(items) == 3 and items[0].format == "sgml"


# ---------------------------------------------------------------------------------------------
# finding files
# ---------------------------------------------------------------------------------------------


def test_find_files_sorted_recursive_and_skipping(tmp_path):
    for name in ["b/2.txt", "b/1.txt", "a.txt", "README.TXT", "LICENSE", "lewis.dtd", ".hidden.txt",
                 ".git/x.txt", "c/readme.md", "c/d/3.json", "license_texts/4.txt"]:
        write(tmp_path / name, "x")
    found = [os.path.relpath(p, tmp_path) for p in find_files([str(tmp_path)])]
    assert found == ["a.txt", "b/1.txt", "b/2.txt", "c/d/3.json", "license_texts/4.txt"]  # folders: only hidden skipped
    assert list(find_files([str(tmp_path / "README.TXT")])) == [str(tmp_path / "README.TXT")]


def test_find_files_symlink_loop_missing_and_duplicates(tmp_path):
    write(tmp_path / "d/a.txt", "Title\n\nBody\n")
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")
    os.symlink(tmp_path / "nowhere", tmp_path / "d" / "broken.txt")
    os.symlink("self.txt", tmp_path / "d" / "self.txt")
    os.mkfifo(tmp_path / "d" / "fifo.txt")
    found = list(find_files([str(tmp_path / "d"), str(tmp_path / "missing"), str(tmp_path / "d" / "a.txt")]))
    by_name = {os.path.basename(x if isinstance(x, str) else x.source): x for x in found[:-1]}
    assert by_name["a.txt"] == str(tmp_path / "d" / "a.txt")
    assert by_name["loop"].reason == "unreadable" and "loop" in by_name["loop"].detail
    assert "broken symlink" in by_name["broken.txt"].detail
    assert by_name["self.txt"].reason == "unreadable" and "loop" in by_name["self.txt"].detail
    assert "regular" in by_name["fifo.txt"].detail
    assert by_name["missing"].reason == "unreadable"
    assert found[-1].reason == "duplicate"  # a.txt named again
    assert len(found) == 7


def test_a_single_path_is_not_a_sequence_of_characters(tmp_path):
    write(tmp_path / "a.txt", "Title\n\nBody\n")
    assert [d.title for d in read_paths(str(tmp_path))] == ["Title"]
    assert [d.title for d in read_paths(tmp_path)] == ["Title"]


def test_read_paths_accounts_for_everything(tmp_path):
    write(tmp_path / "a.txt", "Title\n\nBody\n")
    write(tmp_path / "b.jsonl", '{"text": "one"}\n{bad\n{"text": "three"}\n')
    write(tmp_path / "c.csv", "text\nx\n,\n")
    write(tmp_path / "d.txt", b"")
    write(tmp_path / "e.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    items = list(read_paths([str(tmp_path), str(tmp_path / "nope")]))
    assert [(os.path.basename(i.source), type(i).__name__) for i in items] == [
        ("a.txt", "RawDocument"), ("b.jsonl", "RawDocument"), ("b.jsonl", "Reject"), ("b.jsonl", "RawDocument"),
        ("c.csv", "RawDocument"), ("c.csv", "Reject"), ("d.txt", "Reject"), ("e.png", "Reject"), ("nope", "Reject")]


def test_records_are_frozen():
    reject = Reject("s", None, None, "empty", "d", 0)
    with pytest.raises(AttributeError):
        reject.reason = "other"  # type: ignore[misc]


# ---------------------------------------------------------------------------------------------
# vocabulary files
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in (Path(vocab.__file__).parent / "vocab").glob("ingest_*")))
def test_vocab_file_is_sorted_unique_without_blanks(name):
    lines = [line for line in (Path(vocab.__file__).parent / "vocab" / name).read_text("utf-8").split("\n")[:-1]
             if not line.startswith("#")]
    assert lines and all(line.strip() == line and line for line in lines)
    assert lines == sorted(set(lines))


def test_field_vocab_names_are_unique_per_role():
    rows = vocab.table("ingest_fields.tsv")
    assert all(len(row) == 3 for row in rows)
    names = [name.lower().replace("_", "") for _, _, name in rows]
    assert len(names) == len(set(names))
    roles = {role for role, _, _ in rows}
    assert roles == {"text", "title", "date", "author", "outlet", "section", "url", "id"}


def test_docstring_examples():
    import doctest

    from pipeline import dates, ingest

    for module in (ingest, dates):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__


def test_permission_errors_are_rejects(tmp_path, monkeypatch):
    """Simulated, since tests may run as root (who reads files whatever their mode)."""
    from pipeline import ingest

    write(tmp_path / "d" / "a.txt", "Title\n\nBody\n")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ingest, "open", refuse, raising=False)
    reject = one(tmp_path / "d" / "a.txt")
    assert reject.reason == "unreadable" and "Permission denied" in reject.detail
    monkeypatch.setattr(ingest.os, "listdir", refuse)
    (folder,) = list(find_files([str(tmp_path / "d")]))
    assert folder.reason == "unreadable" and "cannot be listed" in folder.detail


def test_the_adversarial_corpus_of_issue_5(tmp_path):
    """Issue 5, point 2, at the reader: each file ends as documents or rejects with a stable reason."""
    root = tmp_path / "in"
    files = {
        "empty.txt": (b"", ["empty"]),
        "empty.json": (b"", ["empty"]),
        "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, ["not_text"]),
        "nul.txt": (b"Title\n\nSome text\x00 with NUL bytes.\n", ["not_text"]),
        "huge.txt": (b"x" * 200_000, ["too_large"]),  # the 50 MB line, against a 150 kB limit
        "quotes.txt": (b"Many marks\n\n" + b'"' * 100_000 + b"\n", ["doc"]),
        "digits.txt": (b"Big number\n\nThe debt is " + b"9" * 10_000 + b" dollars.\n", ["doc"]),
        "mixed.jsonl": (b'{"text": "a"}\n{broken\n{"text": "b"}\n{"text": "c\n{"text": "d"}\n[1, 2\n',
                        ["doc", "bad_record", "doc", "bad_record", "doc", "bad_record"]),
        "export.csv": ('id,title,text\r\n1,"Caf\u00e9","Prices rose,\r\nthe \u201cbureau\u201d said."\r\n'
                       '2,Second,"Sales fell."\r\n'.encode("cp1252"), ["doc", "doc"]),
        "nested.json": (b"[" * 100_000 + b"]" * 100_000, ["bad_record"]),
        "dates.json": (json.dumps([{"date": "0001-01-01", "text": "Old."},
                                   {"date": "2050-06-01T10:00:00Z", "text": "New."}]).encode(), ["doc", "doc"]),
    }
    for name, (data, _) in files.items():
        write(root / name, data)
    (root / "loop").mkdir()
    os.symlink(root / "loop", root / "loop" / "again")
    items = list(read_paths([str(root)], ReadOptions(max_doc_bytes=150_000)))
    got: dict[str, list[str]] = {}
    for item in items:
        got.setdefault(Path(item.source).name, []).append("doc" if isinstance(item, RawDocument) else item.reason)
    assert got == {**{name: reasons for name, (_, reasons) in files.items()}, "again": ["unreadable"]}
    csv_docs = [i for i in items if isinstance(i, RawDocument) and i.source.endswith("export.csv")]
    assert csv_docs[0].encoding == "cp1252" and "\u201cbureau\u201d" in csv_docs[0].body
    when = [i.published_at for i in items if isinstance(i, RawDocument) and i.source.endswith("dates.json")]
    assert when == [datetime(1, 1, 1, tzinfo=UTC), datetime(2050, 6, 1, 10, tzinfo=UTC)]


def test_a_failure_inside_a_reader_is_one_reject_for_the_rest(tmp_path, monkeypatch):
    from pipeline import ingest

    def two_then_fail(*args):
        yield RawDocument("x", None, 1, "csv", "utf-8", None, None, None, None, None, None, None, "a", 1)
        yield RawDocument("x", None, 2, "csv", "utf-8", None, None, None, None, None, None, None, "b", 1)
        raise MemoryError("simulated")

    monkeypatch.setattr(ingest, "_read_csv", two_then_fail)
    items = read_file(str(write(tmp_path / "a.csv", "text\na\nb\nc\n")))
    assert [type(i).__name__ for i in items][:2] == ["RawDocument", "RawDocument"]
    rejects_ = [i for i in read_file(str(tmp_path / "a.csv")) if isinstance(i, Reject)]
    assert len(rejects_) == 1 and rejects_[0].reason == "unreadable"
    assert "after 2 records" in rejects_[0].detail and "MemoryError" in rejects_[0].detail
