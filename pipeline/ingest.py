"""Readers: any news file in, raw documents or reject rows out, one record at a time.

:func:`read_paths` walks files and folders (:func:`find_files`) and streams every record of every
file (:func:`read_file`) as a :class:`RawDocument`, or as a :class:`Reject` saying why it could not
be read.  Every input record yields exactly one of the two; no reader raises, whatever the bytes.

Formats are chosen by extension, else by content:

========  ===============================================================================
seed      first line ``date YYYY-MM-DD Section``, then title, author, outlet, a timestamp
          line (``Sat, 20 Aug 2022 12:00 UTC``), then one paragraph per line
txt       the first non-empty line is the title, the rest the body
jsonl     one JSON object per line (``.jsonl``, ``.ndjson``); a broken line is one reject
json      a JSON array of objects, one object, or several objects in a row
csv, tsv  a header row then one record per row (quoted multi-line fields, delimiter sniffed)
parquet   one record per row, read a record batch at a time
sgml      Reuters-21578 ``.sgm``: one record per ``<REUTERS>`` element
========  ===============================================================================

``.gz``, ``.bz2`` and ``.xz`` files (known by their magic bytes) are decompressed on the fly.  Record fields are found by
the usual names (``vocab/ingest_fields.tsv``; case, ``_``, ``-`` and spaces ignored), and
:class:`ReadOptions` overrides win.  Text is decoded as UTF-8 (with or without BOM, or UTF-16/32
with a BOM); a UTF-8 file with a few stray bytes (< 50, < 1 per 1000) keeps its valid text and
the strays become U+FFFD; otherwise cp1252, else latin-1.  The encoding used is recorded on every
document.  Bodies come out raw: entity decoding, mojibake repair and layout are
:mod:`pipeline.normalize`'s job (except Reuters SGML, whose ``&lt;`` and ``&#3;`` are the
format's own escaping and are undone here).

Bounds: a document over ``max_doc_bytes`` is a ``too_large`` reject, never truncated; a one-document
file is judged by its size without being read, and no reader holds more than about one document
(plus a 1 MiB chunk) of a file in memory.  Each file is read twice, streaming: once to choose its
encoding and rule out binary content, once to parse it (small files are read once, into memory).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.jsonl").write_text('{"id": 7, "title": "T", "text": "Body."}\\n{broken\\n')
>>> [(type(r).__name__, r.source_id, r.line) for r in read_paths([str(folder)])]
[('RawDocument', '7', 1), ('Reject', None, 2)]
"""
from __future__ import annotations

import bz2
import codecs
import csv
import dataclasses
import errno
import functools
import gzip
import html.entities
import io
import json
import logging
import lzma
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from json import JSONDecodeError, JSONDecoder
from typing import IO

from pipeline import vocab
from pipeline.dates import parse_datetime, parse_iso_date
from pipeline.limits import DEFAULT_MAX_BYTES

__all__ = [
    "REASONS",
    "RawDocument",
    "Reject",
    "ReadOptions",
    "find_files",
    "read_file",
    "read_paths",
]

log = logging.getLogger(__name__)

REASONS = ("unreadable", "not_text", "empty", "bad_record", "too_large", "duplicate", "timeout")
"""Why an input was not turned into a document: one stable enum for the rejects table."""

CHUNK = 1 << 20  # bytes (or characters) read at a time
HEAD = 1 << 16  # bytes looked at to recognise a format or binary content
SMALL_FILE = 1 << 20  # a file up to this size is read once, into memory
MAX_DETAIL_NAMES = 12  # field names listed in a bad_record detail


# ---------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as its file holds it; ``body`` is raw (not cleaned)."""

    source: str  # the file path as given or found
    source_id: str | None  # the record's own id (JSON "id", CSV id column, Reuters NEWID)
    line: int | None  # 1-based first line (JSONL, CSV, SGML, JSON array element; Parquet row)
    format: str  # seed | txt | jsonl | json | csv | tsv | parquet | sgml
    encoding: str  # utf-8, utf-8-sig, cp1252, latin-1, "utf-8 (replaced N bytes)", ...
    title: str | None
    author: str | None
    outlet: str | None
    section: str | None
    url: str | None
    published_at: datetime | None  # timezone-aware UTC
    listed_date: date | None  # the seed header's date
    body: str
    n_bytes: int  # bytes of the record in the source


@dataclass(frozen=True, slots=True)
class Reject:
    """An input that did not become a document, and why."""

    source: str
    source_id: str | None
    line: int | None
    reason: str  # one of REASONS
    detail: str  # one readable sentence
    n_bytes: int | None


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Field-name overrides (exact, else case-insensitive) and the document size limit."""

    text_field: str | None = None
    title_field: str | None = None
    date_field: str | None = None
    id_field: str | None = None
    max_doc_bytes: int = DEFAULT_MAX_BYTES


Item = RawDocument | Reject


# ---------------------------------------------------------------------------------------------
# Finding files
# ---------------------------------------------------------------------------------------------

SKIPPED_PREFIXES = ("readme", "license", "licence")  # dataset documentation, not articles
SKIPPED_SUFFIXES = (".dtd",)  # SGML document type definitions


def _skipped(name: str) -> bool:
    """A file found in a folder that is not read (hidden folders are skipped when listing)."""
    lower = name.lower()
    return name.startswith(".") or lower.startswith(SKIPPED_PREFIXES) or lower.endswith(SKIPPED_SUFFIXES)


def find_files(paths: Sequence[str]) -> Iterator[str | Reject]:
    """Every file under ``paths``, folders searched recursively in sorted (deterministic) order.

    Inside folders, hidden files and folders (``.name``), files named ``README*``, ``LICENSE*``
    and ``*.dtd`` are skipped; a file named directly in ``paths`` is always read.  Missing paths,
    unreadable folders, broken symlinks, symlink loops and non-regular files (FIFOs, devices)
    come out as :class:`Reject` rows; a file or folder reached a second time is a ``duplicate``.
    Never raises.

    >>> list(find_files(["/no/such/path"]))[0].reason
    'unreadable'
    """
    if isinstance(paths, (str, bytes, os.PathLike)):  # one path, not a sequence of characters
        paths = [paths]
    seen_files: set[tuple[int, int]] = set()
    seen_dirs: set[tuple[int, int]] = set()
    for top in paths:
        top = os.fsdecode(top)
        walk = _walk_remote(top) if _remote(top) else _walk(top, seen_files, seen_dirs)
        for found in walk:
            yield _shown_source(found) if isinstance(found, Reject) else found


def _remote(path: str) -> tuple | None:
    """(file system, path) for an fsspec URL (``s3://...``, ``memory://...``), None for a local path."""
    if "://" not in path or path.startswith("file://"):
        return None
    import fsspec  # only remote inputs need it

    return fsspec.core.url_to_fs(path)


def _walk_remote(top: str) -> Iterator[str | Reject]:
    """The files under an fsspec URL, sorted, as URLs; the same names skipped as locally."""
    fs, root = _remote(top)
    try:
        if fs.isfile(root):
            yield top
            return
        found = sorted(fs.find(root))
    except Exception as exc:  # any file-system error: the path cannot be read, the run goes on
        yield Reject(top, None, None, "unreadable", f"cannot list: {type(exc).__name__}: {exc}", None)
        return
    if not found:
        yield Reject(top, None, None, "unreadable", "no such file or folder, or it is empty", None)
    for path in found:
        relative = path[len(root):].lstrip("/")
        if not any(_skipped(part) for part in relative.split("/")):
            yield fs.unstrip_protocol(path)


def _open_raw(source: str) -> IO[bytes]:
    """The bytes of a local file or of an fsspec URL."""
    remote = _remote(source)
    return remote[0].open(remote[1], "rb") if remote else open(source, "rb")


def _size(source: str) -> int:
    """Size in bytes of a regular file (local or URL); OSError when it is not one."""
    remote = _remote(source)
    if remote:
        try:
            return remote[0].size(remote[1])
        except FileNotFoundError:
            raise
        except Exception as exc:
            raise OSError(str(exc)) from exc
    st = os.stat(source)
    if not stat.S_ISREG(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, "not a regular file")
    return st.st_size


def _shown(path: str) -> str:
    """A path as text: a name that is not UTF-8 shows its odd bytes as ``\\xff`` (Arrow needs UTF-8)."""
    if _valid_text(path) is path:
        return path
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _shown_source(item: Item) -> Item:
    shown = _shown(item.source)
    return item if shown == item.source else dataclasses.replace(item, source=shown)


def _walk(top: str, seen_files: set, seen_dirs: set) -> Iterator[str | Reject]:
    """Depth-first walk with an explicit stack (no recursion limit); names sorted per folder."""
    stack: list[tuple[str, tuple[int, int] | None, bool]] = [(top, None, True)]
    ancestors: set[tuple[int, int]] = set()  # folders on the current path: a link back is a loop
    while stack:
        path, leaving, named = stack.pop()
        if leaving is not None:
            ancestors.discard(leaving)
            continue
        try:
            st = os.stat(path)
        except OSError as exc:
            yield _path_reject(path, exc)
            continue
        key = (st.st_dev, st.st_ino)
        if stat.S_ISDIR(st.st_mode):
            if key in ancestors:
                yield Reject(path, None, None, "unreadable",
                             "symlink loop: this folder leads back to a folder that encloses it", None)
                continue
            if key in seen_dirs:
                yield Reject(path, None, None, "duplicate", "folder already searched through another path", None)
                continue
            try:
                names = sorted(os.listdir(path))
            except OSError as exc:
                yield Reject(path, None, None, "unreadable", f"folder cannot be listed: {_oserror(exc)}", None)
                continue
            seen_dirs.add(key)
            ancestors.add(key)
            stack.append((path, key, False))
            stack.extend((os.path.join(path, name), None, False) for name in reversed(names) if name[0] != ".")
        elif stat.S_ISREG(st.st_mode):
            if named or not _skipped(os.path.basename(path)):
                if key in seen_files:
                    yield Reject(path, None, None, "duplicate", "file already read through another path", st.st_size)
                else:
                    seen_files.add(key)
                    yield path
        else:
            yield Reject(path, None, None, "unreadable", "not a regular file (a FIFO, socket or device)", None)


def _path_reject(path: str, exc: OSError) -> Reject:
    if isinstance(exc, FileNotFoundError) and os.path.islink(path):
        detail = "broken symlink: its target does not exist"
    elif exc.errno == 40:  # ELOOP: a symlink that points at itself, directly or not
        detail = "symlink loop: the link never reaches a file"
    else:
        detail = f"cannot open: {_oserror(exc)}"
    return Reject(path, None, None, "unreadable", detail, None)


def _oserror(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


# ---------------------------------------------------------------------------------------------
# Reading files
# ---------------------------------------------------------------------------------------------


def read_paths(paths: Sequence[str], options: ReadOptions = ReadOptions()) -> Iterator[Item]:
    """Every record under ``paths``, streamed: :func:`find_files` then :func:`read_file`."""
    for found in find_files(paths):
        if isinstance(found, Reject):
            yield found
        else:
            yield from read_file(found, options)


def read_file(path: str, options: ReadOptions = ReadOptions()) -> Iterator[Item]:
    """The records of one file, each as a :class:`RawDocument` or a :class:`Reject`; never raises.

    A file that yields no record at all (an empty JSON array, a CSV with only a header) yields one
    ``empty`` reject, so every file is accounted for.  An error in the middle of a file (a
    truncated gzip stream, say) ends it with one ``unreadable`` reject for the rest.

    >>> [r.reason for r in read_file("/no/such/file.txt")]
    ['unreadable']
    """
    source = os.fsdecode(path)
    shown = _shown(source)
    count = 0
    try:
        for item in _read(source, options):
            count += 1
            yield item if shown == source else dataclasses.replace(item, source=shown)
    except Exception as exc:  # the promise of this function: any failure is a reject row
        log.debug("reading %s failed", shown, exc_info=True)
        where = f"after {count} records" if count else "before any record"
        message = _valid_text(str(exc)[:200]) or type(exc).__name__
        reason = "timeout" if isinstance(exc, TimeoutError) else "unreadable"
        yield Reject(shown, None, None, reason, f"reading stopped {where}: {type(exc).__name__}: {message}", None)
        count += 1
    if not count:
        yield Reject(shown, None, None, "empty", "the file holds no records", None)


@dataclass(frozen=True, slots=True)
class _Encoding:
    label: str  # as recorded on documents
    codec: str  # as Python names it
    total: int  # bytes of (decompressed) content
    single_byte: bool  # one byte per character: n_bytes is the length


@dataclass(frozen=True, slots=True)
class _Context:
    source: str
    format: str
    encoding: str
    options: ReadOptions


# Format by extension; anything else is recognised by its first bytes.
_EXTENSIONS = {
    ".txt": "txt", ".text": "txt",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv", ".tab": "tsv",
    ".parquet": "parquet", ".pq": "parquet",
    ".sgm": "sgml", ".sgml": "sgml",
}

# Compressed files, by magic number, and the name suffix that says so (dropped to find the format).
_COMPRESSIONS = (
    (re.compile(rb"\A\x1f\x8b"), gzip.open),
    (re.compile(rb"\ABZh[1-9](?:1AY&SY|\x17rE8P\x90)"), bz2.open),  # block or end-of-stream magic
    (re.compile(rb"\A\xfd7zXZ\x00"), lzma.open),
)
_COMPRESSED_SUFFIX = re.compile(r"\.(?:gz|gzip|bz2|xz)\Z")

# Magic numbers of binary files that are sometimes saved under a text name.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x7fELF", "an executable"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"RIFF", "a RIFF media file"),
)
_MAGIC_PREFIXES = tuple(magic for magic, _ in _MAGIC)
_UNICODE_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)

# Byte-level scans.  Stdlib `re`: single character classes cannot backtrack, and it is faster here.
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])  # not tab, newlines, FF, ESC
_CP1252_HOLES = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")  # the five bytes cp1252 leaves undefined
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # not text: JSON "\\udc80" escapes, odd file names
_HEAD_SIGNS = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:(?P<json>[{\[])|(?P<sgml><!DOCTYPE\s+lewis|<REUTERS\b))")


def _read(source: str, options: ReadOptions) -> Iterator[Item]:
    """Recognise the file, check it is text, pick its encoding, hand it to its format's reader."""
    limit = options.max_doc_bytes
    try:
        size = _size(source)
    except IsADirectoryError:
        yield _reject(source, "unreadable", "not a regular file", None)
        return
    except OSError as exc:
        yield _path_reject(source, exc)
        return
    if size == 0:
        yield _reject(source, "empty", "zero-byte file", 0)
        return

    name = os.path.basename(source).lower()
    with _open_raw(source) as raw:  # a small file whole (its size + 1 shows whether it grew), else a head
        head = raw.read(size + 1 if size < SMALL_FILE else HEAD)
    unpack = next((opener for magic, opener in _COMPRESSIONS if magic.match(head)), None)
    compressed = unpack is not None
    name = _COMPRESSED_SUFFIX.sub("", name)
    opener: Callable[[], IO[bytes]]  # reopens the content, for the encoding scan then the reader
    data: bytes | None = None  # the whole content, when small enough to have been read at once
    if unpack is not None:
        opener = lambda: unpack(_open_raw(source), "rb")  # noqa: E731
        with opener() as unpacked:
            head = unpacked.read(HEAD)
    elif len(head) <= size < SMALL_FILE:
        data = head
        opener = lambda: io.BytesIO(data)  # noqa: E731
    else:
        opener = lambda: _open_raw(source)  # noqa: E731
    head = head[:HEAD]
    fmt = _EXTENSIONS.get(os.path.splitext(name)[1]) or _format_from_head(head)

    if fmt == "parquet" or head.startswith(b"PAR1"):
        if compressed:
            yield _reject(source, "unreadable", "compressed Parquet is not supported: decompress it first", size)
        else:
            yield from _read_parquet(_Context(source, "parquet", "utf-8", options))
        return
    binary = _binary_kind(head)
    if binary:
        yield _reject(source, "not_text", f"binary content: {binary}", size)
        return
    if fmt == "txt" and not compressed and size > limit:
        # one document per file, and the size is known without reading it
        yield _reject(source, "too_large", f"{size:,} bytes is over the {limit:,}-byte document limit", size)
        return

    single = fmt == "txt"  # one document per file: no need to read past the limit
    encoding = _scan((data,) if data is not None else _chunks(opener), head, limit if single else None)
    if isinstance(encoding, tuple):  # (reason, detail, n_bytes): not text after all, or blank
        yield _reject(source, *encoding)
        return
    if single and encoding.total > limit:
        yield _reject(source, "too_large", f"over {limit:,} bytes unpacked: more than the document limit",
                      encoding.total)
        return

    if fmt == "txt":
        if data is not None:
            text = data.decode(encoding.codec, "replace")
        else:
            with _open_text(opener, encoding) as stream:
                text = stream.read()
        yield _read_text(text, encoding, source)
        return
    with _open_text(opener, encoding) as stream:
        if fmt == "jsonl":
            yield from _read_jsonl(stream, encoding, _Context(source, "jsonl", encoding.label, options))
        elif fmt == "json":
            yield from _read_json(stream, encoding, _Context(source, "json", encoding.label, options))
        elif fmt in ("csv", "tsv"):
            yield from _read_csv(stream, encoding, _Context(source, fmt, encoding.label, options))
        else:
            yield from _read_sgml(stream, encoding, _Context(source, "sgml", encoding.label, options))


def _reject(source: str, reason: str, detail: str, n_bytes: int | None,
            source_id: str | None = None, line: int | None = None) -> Reject:
    return Reject(source, source_id, line, reason, detail, n_bytes)


def _format_from_head(head: bytes) -> str:
    """json or sgml when the first bytes say so; else plain text (seed or txt)."""
    match = _HEAD_SIGNS.match(head)
    if match is None:
        return "txt"
    return "json" if match["json"] else "sgml"


def _binary_kind(head: bytes) -> str | None:
    """What binary content the first bytes show, or None for text."""
    if head.startswith(_MAGIC_PREFIXES):
        return next(kind for magic, kind in _MAGIC if head.startswith(magic))
    if head.startswith(tuple(bom for bom, _ in _UNICODE_BOMS)):
        return None  # UTF-16/32 text is full of NUL bytes
    nul = head.find(b"\x00")
    if nul >= 0:
        return f"NUL byte at offset {nul:,}"
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls * 100 > len(head):
        return f"{controls:,} control bytes in the first {len(head):,}"
    return None


def _chunks(opener: Callable[[], IO[bytes]]) -> Iterator[bytes]:
    with opener() as raw:
        while chunk := raw.read(CHUNK):
            yield chunk


def _scan(chunks: Iterable[bytes], head: bytes, stop_after: int | None) -> _Encoding | tuple[str, str, int | None]:
    """One streaming pass over the bytes: choose the encoding, or say why this is not text.

    UTF-8 (``utf-8-sig`` with a BOM) when it decodes; UTF-8 with replacement when it decodes but
    for a few stray bytes (< 50 and < 1 per 1000) among valid multi-byte characters; otherwise
    cp1252 when every byte is defined there, else latin-1 (which decodes anything).  A file whose
    only non-ASCII bytes are strays (BBC ``sport/199.txt``: one ``\\xa3``) is single-byte text, so
    cp1252 keeps its ``£`` instead of replacing it.
    """
    for bom, codec in _UNICODE_BOMS:
        if head.startswith(bom):
            return _Encoding(codec, codec, sum(map(len, chunks)), False)
    has_bom = head.startswith(codecs.BOM_UTF8)
    total = stray = 0
    multibyte = False
    cp1252 = True
    has_text = False
    decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    for chunk in chunks:
        nul = chunk.find(b"\x00")
        if nul >= 0:
            return "not_text", f"binary content: NUL byte at offset {total + nul:,}", None
        total += len(chunk)
        has_text = has_text or not chunk.isspace()
        if stop_after is not None and total > stop_after:
            break  # the caller rejects it as too large (and a gzip bomb is not unpacked in full)
        if chunk.isascii() and not decoder.getstate()[0]:
            continue
        cp1252 = cp1252 and not any(hole in chunk for hole in _CP1252_HOLES)
        stray, multibyte = _count(decoder.decode(chunk), stray, multibyte)
    stray, multibyte = _count(decoder.decode(b"", final=True), stray, multibyte)
    if not has_text:
        return "empty", f"whitespace only ({total:,} bytes)", total
    utf8 = "utf-8-sig" if has_bom else "utf-8"
    if not stray:
        return _Encoding(utf8, utf8, total, False)
    if multibyte and stray < 50 and stray * 1000 < total:
        return _Encoding(f"{utf8} (replaced {stray} bytes)", utf8, total, False)
    if cp1252:
        return _Encoding("cp1252", "cp1252", total, True)
    return _Encoding("latin-1", "latin-1", total, True)


def _valid_text(text: str) -> str:
    """``text`` with lone surrogates (which UTF-8 and Arrow refuse) replaced by U+FFFD."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")  # five times faster than searching for the surrogate range
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", text)
    return text


def _count(text: str, stray: int, multibyte: bool) -> tuple[int, bool]:
    """Add the stray bytes (kept as surrogates by ``surrogateescape``) and whether a valid
    multi-byte character occurs, from two encodings (faster than scanning with a pattern):
    a stray is 1 byte back with ``surrogateescape`` and 3 with ``surrogatepass``."""
    if text.isascii():
        return stray, multibyte
    escaped = len(text.encode("utf-8", "surrogateescape"))
    passed = len(text.encode("utf-8", "surrogatepass"))
    strays = (passed - escaped) // 2
    return stray + strays, multibyte or escaped > len(text)


def _open_text(opener: Callable[[], IO[bytes]], encoding: _Encoding):
    """A text stream; ``errors="replace"`` keeps even a file changed since the scan readable."""
    return io.TextIOWrapper(opener(), encoding=encoding.codec, errors="replace", newline="")


def _byte_length(text: str, encoding: _Encoding) -> int:
    if encoding.single_byte or text.isascii():
        return len(text)
    return len(text.encode(encoding.codec, "replace"))


class _LineTooLong(Exception):
    """A line longer than the document limit; it has been skipped."""

    def __init__(self, line: int, n_bytes: int):
        super().__init__(line, n_bytes)
        self.line = line
        self.n_bytes = n_bytes


class _Lines:
    """The lines of a text stream, never holding more than ``limit`` characters of one line.

    Counts lines and bytes as it goes; a longer line is skipped and raises :class:`_LineTooLong`
    (the iterator stays usable, so the next record still comes out).
    """

    __slots__ = ("_readline", "_limit", "_encoding", "_pushed", "line_no", "n_bytes")

    def __init__(self, stream: IO[str], limit: int, encoding: _Encoding):
        self._readline = stream.readline
        self._limit = limit
        self._encoding = encoding
        self._pushed: str | None = None
        self.line_no = 0
        self.n_bytes = 0

    def __iter__(self) -> _Lines:
        return self

    def push_back(self, line: str) -> None:
        """Return one line, to be read again (counts are adjusted)."""
        self._pushed = line
        self.line_no -= 1
        self.n_bytes -= _byte_length(line, self._encoding)

    def __next__(self) -> str:
        if self._pushed is not None:
            line, self._pushed = self._pushed, None
        else:
            line = self._readline(self._limit + 1)
        if not line:
            raise StopIteration
        self.line_no += 1
        n_bytes = _byte_length(line, self._encoding)
        if len(line) > self._limit and not line.endswith(("\n", "\r")):
            while True:  # skip the rest of the line, a chunk at a time
                rest = self._readline(CHUNK)
                n_bytes += _byte_length(rest, self._encoding)
                if not rest or rest.endswith(("\n", "\r")):
                    break
            self.n_bytes += n_bytes
            raise _LineTooLong(self.line_no, n_bytes)
        self.n_bytes += n_bytes
        return line


def _too_large(ctx: _Context, n_bytes: int, source_id: str | None = None, line: int | None = None) -> Reject:
    return Reject(ctx.source, source_id, line, "too_large",
                  f"{n_bytes:,} bytes is over the {ctx.options.max_doc_bytes:,}-byte document limit", n_bytes)


# ---------------------------------------------------------------------------------------------
# Plain text and the seed format
# ---------------------------------------------------------------------------------------------

# The seed header's first line: "date 2022-08-22 Puppet Masters" (leading spaces allowed).
_SEED_FIRST_LINE = re.compile(
    r"""
    [ \t]* date (?=[ \t]|\Z)                  # the keyword, then a space or the end
    [ \t]* (?P<token>[^ \t]*)                  # the listed date when there is one
    [ \t]* (?P<rest>.*) \Z                     # the section: the rest of the line
    """,
    re.VERBOSE,
)
_SEED_DATE = re.compile(r"\d{1,4}-\d{1,2}-\d{1,4}\Z")  # a date token shaped YYYY-MM-DD (maybe invalid)
_DIGIT = re.compile(r"\d")
SEED_FIELDS = 3  # title, author, outlet, before the timestamp line
MAX_TITLE = 400  # characters: a longer line is a paragraph, not a header field
MAX_HEADER_FIELD = 120  # characters, for author, outlet and a malformed timestamp
MAX_TIMESTAMP = 60


def _read_text(text: str, encoding: _Encoding, source: str) -> Item:
    """A seed file or a plain text file: one document."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return _reject(source, "empty", "no text, only blank lines", encoding.total)
    seed = _seed_header(lines, first)
    if seed is not None:
        return _seed_document(lines, seed, source, encoding)
    title = lines[first].strip()
    body = "\n".join(lines[first + 1:]).strip()
    if not body:
        return _reject(source, "empty", "title only: the text has no line after its title", encoding.total)
    return RawDocument(source, None, None, "txt", encoding.label, title, None, None, None, None, None, None,
                       body, encoding.total)


def _is_timestamp(line: str) -> bool:
    return len(line.strip()) <= MAX_TIMESTAMP and parse_datetime(line) is not None


def _seed_header(lines: list[str], first: int) -> dict | None:
    """The seed header starting at line ``first``, or None when this is not a seed file.

    The first line decides (``date 2022-08-22 Section``); a first line ``date ...`` with a mangled
    date still counts when a timestamp line follows within four lines.  Header lines up to the
    timestamp are title, author, outlet in that order; without a timestamp line, the header ends
    at the first line too long to be a header field, so no header line ever reaches the body.
    """
    match = _SEED_FIRST_LINE.match(lines[first])
    if match is None:
        return None
    after = lines[first + 1:first + 2 + SEED_FIELDS]
    # the timestamp line, preferably where it belongs (after title, author and outlet)
    stamp = next((i for i in range(len(after) - 1, -1, -1) if _is_timestamp(after[i])), None)
    token, rest = match["token"], match["rest"]
    if _SEED_DATE.match(token):
        listed, section = parse_iso_date(token), rest
    elif stamp is None:
        return None  # "date" opens the text, but nothing else says seed
    elif _DIGIT.search(token):
        listed, section = None, rest  # a mangled date
    else:
        listed, section = None, f"{token} {rest}"  # no date at all
    if stamp is not None:
        fields, timestamp, body_from = after[:stamp], after[stamp], first + stamp + 2
    else:
        fields = []
        for i, line in enumerate(after[:SEED_FIELDS]):
            if len(line.strip()) > (MAX_TITLE if i == 0 else MAX_HEADER_FIELD):
                break
            fields.append(line)
        body_from = first + 1 + len(fields)
        timestamp = None
        if len(fields) == SEED_FIELDS and body_from < len(lines):
            candidate = lines[body_from].strip()
            if len(candidate) <= MAX_TIMESTAMP and not candidate.endswith((".", "!", "?", '"', "\u201d")):
                timestamp, body_from = candidate, body_from + 1  # a malformed timestamp line
    values = [_clean(f) for f in fields] + [None] * (SEED_FIELDS - len(fields))
    return {
        "listed_date": listed,
        "section": _clean(section),
        "title": values[0], "author": values[1], "outlet": values[2],
        "published_at": parse_datetime(timestamp) if timestamp else None,
        "body_from": body_from,
    }


def _seed_document(lines: list[str], seed: dict, source: str, encoding: _Encoding) -> Item:
    body = "\n".join(lines[seed["body_from"]:]).strip()
    if not body:
        return _reject(source, "empty", "seed header but no body", encoding.total)
    return RawDocument(source, None, None, "seed", encoding.label, seed["title"], seed["author"], seed["outlet"],
                       seed["section"], None, seed["published_at"], seed["listed_date"], body, encoding.total)


def _clean(value: str | None) -> str | None:
    """A header or metadata value: stripped, None when blank."""
    if value is None:
        return None
    value = value.strip()
    return value or None


# ---------------------------------------------------------------------------------------------
# Records with named fields: JSON, CSV, Parquet
# ---------------------------------------------------------------------------------------------

ROLES = ("text", "title", "date", "author", "outlet", "section", "url", "id")  # of vocab/ingest_fields.tsv


def _field_key(name: str) -> str:
    """A field name as matched: lower case, without ``_``, ``-`` or spaces (publishedAt = published_at)."""
    return name.lower().replace("_", "").replace("-", "").replace(" ", "")


# matched field name -> (role, rank); a lower rank wins when several are filled
_FIELDS: dict[str, tuple[str, int]] = {
    _field_key(name): (role, int(rank)) for role, rank, name in vocab.table("ingest_fields.tsv")}
_OVERRIDES = (("text", "text_field"), ("title", "title_field"), ("date", "date_field"), ("id", "id_field"))


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return value != value  # NaN, as pandas writes a missing cell
    if isinstance(value, (list, tuple)):
        return all(_blank(v) for v in value)
    return False


def _find_key(keys: Sequence, name: str) -> str | None:
    """``name`` among ``keys``: exactly, else case-insensitively."""
    if name in keys:
        return name
    lower = name.lower()
    return next((k for k in keys if isinstance(k, str) and k.lower() == lower), None)


@functools.lru_cache(maxsize=256)
def _layout(keys: tuple, overrides: tuple[tuple[str, str | None], ...]) -> tuple[tuple[str, tuple], ...]:
    """For records with these field names: each role's candidate fields, best first.

    Cached: a CSV or Parquet file, and most JSON corpora, repeat one set of names.
    """
    candidates: dict[str, list[tuple[int, str]]] = {}
    for key in keys:
        hit = _FIELDS.get(_field_key(key)) if isinstance(key, str) else None
        if hit is not None:
            candidates.setdefault(hit[0], []).append((hit[1], key))
    layout = {role: tuple(key for _, key in sorted(found)) for role, found in candidates.items()}
    for role, wanted in overrides:  # an option names the one field for its role
        if wanted is not None:
            key = _find_key(keys, wanted)
            layout[role] = () if key is None else (key,)
    return tuple((role, keys_) for role, keys_ in layout.items() if keys_)


def _pick(mapping: Mapping, options: ReadOptions) -> dict[str, str]:
    """role -> field name: options first, then the best-ranked field with a value."""
    overrides = tuple((role, getattr(options, option)) for role, option in _OVERRIDES)
    try:
        layout = _layout(tuple(mapping), overrides)
    except TypeError:  # an unhashable key cannot come from JSON, CSV or Parquet; be safe anyway
        layout = _layout.__wrapped__(tuple(mapping), overrides)
    return {role: next((k for k in keys if not _blank(mapping[k])), keys[0]) for role, keys in layout}


def _as_text(value: object, joiner: str) -> str | None:
    """A field value as text: strings, bytes, lists of strings, numbers; else None."""
    if isinstance(value, str):
        return _valid_text(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, dict):  # NewsAPI: "source": {"id": "bbc-news", "name": "BBC News"}
        name = value.get("name")
        return _valid_text(name) if isinstance(name, str) else None
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return _valid_text(joiner.join(v for v in value if v.strip()))
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    return None


def _meta(mapping: Mapping, picked: dict[str, str], role: str) -> str | None:
    key = picked.get(role)
    return None if key is None else _clean(_as_text(mapping[key], ", "))


def _when(value: object) -> datetime | None:
    """A date field as an aware UTC datetime: ISO and other strings, datetimes, dates."""
    try:
        if isinstance(value, datetime):
            if value.tzinfo is None:
                return value.replace(tzinfo=timezone.utc)
            return value.astimezone(timezone.utc)
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    except (ValueError, OverflowError):
        return None
    return parse_datetime(value) if isinstance(value, str) else None


def _field_names(mapping: Mapping) -> str:
    names = [repr(k)[:40] for k in list(mapping)[:MAX_DETAIL_NAMES]]
    more = len(mapping) - len(names)
    return ", ".join(names) + (f" and {more:,} more" if more > 0 else "") if names else "none"


def _from_mapping(mapping: Mapping, ctx: _Context, line: int | None, n_bytes: int) -> Item:
    """One record with named fields -> a document, or the reason it is not one."""
    picked = _pick(mapping, ctx.options)
    source_id = _meta(mapping, picked, "id")
    if n_bytes > ctx.options.max_doc_bytes:
        return _too_large(ctx, n_bytes, source_id, line)
    key = picked.get("text")
    if (key is None or _blank(mapping[key])) and all(_blank(v) for v in mapping.values()):
        return Reject(ctx.source, source_id, line, "empty", "every field of the record is empty", n_bytes)
    if key is None:
        wanted = ctx.options.text_field
        what = f"no field {wanted!r}" if wanted else "no text field"
        return Reject(ctx.source, source_id, line, "bad_record", f"{what} among the fields {_field_names(mapping)}", n_bytes)
    body = _as_text(mapping[key], "\n\n")
    if body is None:
        kind = type(mapping[key]).__name__
        return Reject(ctx.source, source_id, line, "bad_record", f"text field {key!r} holds a {kind}, not text", n_bytes)
    if not body.strip():
        return Reject(ctx.source, source_id, line, "empty", f"text field {key!r} is empty", n_bytes)
    date_key = picked.get("date")
    return RawDocument(
        ctx.source, source_id, line, ctx.format, ctx.encoding,
        _meta(mapping, picked, "title"), _meta(mapping, picked, "author"), _meta(mapping, picked, "outlet"),
        _meta(mapping, picked, "section"), _meta(mapping, picked, "url"),
        None if date_key is None else _when(mapping[date_key]), None, body, n_bytes,
    )


def _not_an_object(ctx: _Context, value: object, line: int | None, n_bytes: int) -> Reject:
    kind = {list: "an array", str: "a string", int: "a number", float: "a number", bool: "a boolean"}.get(
        type(value), "null")
    return Reject(ctx.source, None, line, "bad_record", f"the JSON value is {kind}, not an object with fields", n_bytes)


def _read_jsonl(stream: IO[str], encoding: _Encoding, ctx: _Context) -> Iterator[Item]:
    """One object per line; blank lines are skipped; a broken line is one bad_record."""
    lines = _Lines(stream, ctx.options.max_doc_bytes, encoding)
    decode = _DECODER.decode
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return
        except _LineTooLong as long:
            yield _too_large(ctx, long.n_bytes, line=long.line)
            continue
        if not line.strip():
            continue
        n_bytes = _byte_length(line, encoding)
        try:
            value = decode(line)
        except JSONDecodeError as exc:
            yield Reject(ctx.source, None, lines.line_no, "bad_record",
                         f"not valid JSON ({exc.msg}, column {exc.colno})", n_bytes)
            continue
        except RecursionError:
            yield Reject(ctx.source, None, lines.line_no, "bad_record", "JSON nested too deeply to read", n_bytes)
            continue
        if isinstance(value, dict):
            yield _from_mapping(value, ctx, lines.line_no, n_bytes)
        else:
            yield _not_an_object(ctx, value, lines.line_no, n_bytes)


_DECODER = JSONDecoder()
_JSON_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's own whitespace (linear, no backtracking)
# Where reading resumes after a broken value: the "{" of the next line that opens an object
# (objects in a row), or of the next object element of an array ("}," then "{").
_NEXT_OBJECT = re.compile(r"(?<=\n)(?=\{)")
_NEXT_ELEMENT = re.compile(
    r"(?:\}[ \t\n\r]{0,200},[ \t\n\r]{0,200}"  # "}, {": one object element ends, the next begins
    r"|,[ \t\r]{0,200}\n[ \t\n\r]{0,200})"      # ",\n  {": the next element on a line of its own
    r"(?=\{)")
_SEPARATOR_TAIL = 512  # characters kept at a chunk edge, longer than any separator above


def _read_json(stream: IO[str], encoding: _Encoding, ctx: _Context) -> Iterator[Item]:
    """A JSON array of objects, one object, or objects in a row, streamed element by element.

    A lone object is one document without a line number; array elements and objects in a row
    carry the line they start on.  A value that does not parse (or is larger than the limit) is one
    reject, and reading goes on at the next place where a value plausibly starts: among objects in
    a row (JSON Lines saved as ``.json``), the next line that starts with ``{``; in an array, the
    next ``}`` ``,`` ``{`` (the end of one object element and the start of the next) or ``,`` then
    ``{`` on a new line (a broken string may have swallowed the closing brace).  That is a
    guess, since a broken value hides where it really ends, but it keeps the good elements after a
    bad one instead of losing the rest of the file.
    """
    limit = ctx.options.max_doc_bytes
    buf = ""
    pos = 0
    line = 1
    eof = False
    in_array = False
    started = False
    pending: tuple[int, int, object] | None = None  # held back to learn whether it is a lone object
    values = 0  # top-level values (or array elements) parsed
    skipped = 0  # broken top-level values passed over

    def refill(want: int) -> bool:
        nonlocal buf, pos, eof
        chunk = stream.read(max(CHUNK, want))
        if not chunk:
            eof = True
            return False
        buf = buf[pos:] + chunk
        pos = 0
        return True

    def skip_to(stop: int) -> int:
        """Move ``pos`` to ``stop``, counting lines; the bytes passed over."""
        nonlocal pos, line
        passed = _byte_length(buf[pos:stop], encoding)
        line += buf.count("\n", pos, stop)
        pos = stop
        return passed

    def skip_to_next_value(start: int) -> tuple[bool, int]:
        """Move ``pos`` to where the next value plausibly starts (see above); also the bytes passed
        over (False: the end of the file came first)."""
        passed = 0
        resume = _NEXT_ELEMENT if in_array else _NEXT_OBJECT
        while (found := resume.search(buf, start)) is None:
            # keep a short tail: the separator may straddle the chunk edge
            passed += skip_to(max(pos, len(buf) - _SEPARATOR_TAIL))
            if eof or not refill(0):
                return False, passed + skip_to(len(buf))
            start = pos
        return True, passed + skip_to(found.end())

    def records(start_line: int, n_bytes: int, value: object, lone: bool) -> Iterator[Item]:
        where = None if lone else start_line
        if n_bytes > limit:
            yield _too_large(ctx, n_bytes, line=where)
        elif not isinstance(value, dict):
            yield _not_an_object(ctx, value, where, n_bytes)
        elif lone and (inner := _wrapped_records(value, ctx.options)) is not None:
            for record in inner:  # {"status": "ok", "articles": [{...}, ...]}
                yield _from_mapping(record, ctx, None, _byte_length(_json_text(record), encoding))
        else:
            yield _from_mapping(value, ctx, where, n_bytes)

    while True:
        # skip whitespace (and, inside an array, the comma between elements)
        end = _JSON_SPACE.match(buf, pos).end()
        line += buf.count("\n", pos, end)
        pos = end
        if pos == len(buf):
            if not eof and refill(0):
                continue
            if pending is not None:
                yield from records(*pending, lone=not in_array and values == 1 and not skipped)
            if in_array:
                yield Reject(ctx.source, None, line, "bad_record", "the JSON array is not closed before the end of the file", None)
            return
        if not started:
            started = True
            if buf[pos] == "[":
                in_array = True
                pos += 1
                continue
        if in_array and buf[pos] == "]":
            if pending is not None:
                yield from records(*pending, lone=False)
            return  # anything after the closing bracket is ignored
        if in_array and pending is not None:
            if buf[pos] != ",":
                yield from records(*pending, lone=False)
                yield Reject(ctx.source, None, line, "bad_record", f"expected ',' or ']' between array elements, found {buf[pos]!r}", None)
                return
            pos += 1
            yield from records(*pending, lone=False)
            pending = None
            continue
        try:
            value, end = _DECODER.raw_decode(buf, pos)
            if end == len(buf) and not eof and buf[end - 1].isdigit():
                raise JSONDecodeError("value may continue", buf, end)  # a number cut by the chunk edge
        except JSONDecodeError as exc:
            too_long = len(buf) - pos > limit
            cut = exc.msg.startswith("Unterminated string") or exc.pos >= len(buf) - 8  # may go on in the next chunk
            if cut and not eof and not too_long:
                refill(len(buf) - pos)
                continue
            if pending is not None:
                yield from records(*pending, lone=False)
                pending = None
            where = f"line {line + buf.count(chr(10), pos, exc.pos)}"
            reason, detail = (("too_large", "a value longer than the document limit (or one that does not parse)")
                              if too_long else ("bad_record", f"not valid JSON ({exc.msg}, {where})"))
            start_line = line
            found, passed = skip_to_next_value(pos + 1)
            skipped += 1
            yield Reject(ctx.source, None, start_line, reason,
                         f"{detail}; reading goes on at line {line}" if found else detail, passed)
            if not found:
                return
            continue
        except RecursionError:
            if pending is not None:
                yield from records(*pending, lone=False)
            yield Reject(ctx.source, None, line, "bad_record", "JSON nested too deeply to read", None)
            return
        n_bytes = _byte_length(buf[pos:end], encoding)
        if pending is not None:  # a second top-level value: objects in a row
            yield from records(*pending, lone=False)
        pending = (line, n_bytes, value)
        values += 1
        line += buf.count("\n", pos, end)
        pos = end


def _wrapped_records(value: dict, options: ReadOptions) -> list | None:
    """The records of a lone object that wraps them: no text field, one list of objects."""
    if "text" in _pick(value, options):
        return None
    lists = [v for v in value.values() if isinstance(v, list) and v and all(isinstance(e, dict) for e in v)]
    return lists[0] if len(lists) == 1 else None


def _json_text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


_DELIMITERS = (",", "\t", ";", "|")


def _delimiter(first_line: str, fmt: str) -> str:
    """The delimiter the header line uses most; ties and none go to the format's own."""
    default = "\t" if fmt == "tsv" else ","
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: (counts[d], d == default))
    return best if counts[best] else default


def _read_csv(stream: IO[str], encoding: _Encoding, ctx: _Context) -> Iterator[Item]:
    """A header row, then one record per row; ``line`` is the record's first line."""
    limit = ctx.options.max_doc_bytes
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)  # process-wide: the default 128 KiB is below an article's limit
    lines = _Lines(stream, limit, encoding)
    try:
        first = next((line for line in lines if line.strip()), None)
    except _LineTooLong as long:
        yield Reject(ctx.source, None, long.line, "too_large", "the header line is longer than the document limit", long.n_bytes)
        return
    if first is None:
        return
    lines.push_back(first)
    reader = csv.reader(lines, delimiter=_delimiter(first, ctx.format))
    header: list[str] | None = None
    while True:
        start_line, start_bytes = lines.line_no + 1, lines.n_bytes
        try:
            row = next(reader)
        except StopIteration:
            return
        except _LineTooLong as long:
            yield _too_large(ctx, lines.n_bytes - start_bytes, line=start_line)
            continue
        except csv.Error as exc:
            reason = "too_large" if "field limit" in str(exc) else "bad_record"
            yield Reject(ctx.source, None, start_line, reason, f"CSV error: {exc}", lines.n_bytes - start_bytes)
            continue
        if not row:
            continue
        if header is not None and not any(cell and not cell.isspace() for cell in row):  # ",,," (fast path)
            yield Reject(ctx.source, None, start_line, "empty", "every field of the record is empty",
                         lines.n_bytes - start_bytes)
            continue
        if header is None:
            header = [cell.strip() for cell in row]
            continue
        yield _from_mapping(dict(zip(header, row)), ctx, start_line, lines.n_bytes - start_bytes)


def _read_parquet(ctx: _Context) -> Iterator[Item]:
    """One record per row, a record batch at a time; ``line`` is the 1-based row number."""
    import pyarrow.parquet as pq  # imported here: Arrow is slow to import and most runs read text

    row = 0
    with _open_raw(ctx.source) as raw, pq.ParquetFile(raw) as parquet:
        for batch in parquet.iter_batches(batch_size=512):
            for mapping in batch.to_pylist():
                row += 1
                yield _from_mapping(mapping, ctx, row, sum(map(_value_bytes, mapping.values())))


def _value_bytes(value: object) -> int:
    """Roughly what a Parquet cell holds: UTF-8 bytes of text, 8 for a number or a date."""
    if isinstance(value, str):
        return len(value) if value.isascii() else len(value.encode("utf-8", "replace"))
    return len(value) if isinstance(value, (bytes, list, dict)) else 8


# ---------------------------------------------------------------------------------------------
# Reuters-21578 SGML
# ---------------------------------------------------------------------------------------------

# Character references: &lt; &amp; &#3; &#x1F;.  Linear (each branch a bounded run of one class),
# so the stdlib ``re`` serves without a timeout, six times faster than ``regex`` on Reuters.
_ENTITY = re.compile(
    r"""
    &(?:
        \#(?P<decimal>\d{1,7})               # &#3;
      | \#[xX](?P<hex>[0-9a-fA-F]{1,6})       # &#x1F;
      | (?P<name>[A-Za-z][A-Za-z0-9]{1,31})  # &lt;
    );
    """,
    re.VERBOSE,
)
_BYLINE = re.compile(r"\A\s*by\s+", re.IGNORECASE)  # "    by Patti Domm, Reuters"


def _element(text: str, tag: str) -> str | None:
    """The text inside the first ``<TAG>...</TAG>``; the format escapes ``<`` in text as ``&lt;``."""
    start = text.find(f"<{tag}>")
    if start < 0:
        return None
    start += len(tag) + 2
    end = text.find(f"</{tag}>", start)
    return None if end < 0 else text[start:end]


def _attribute(text: str, tag: str, name: str) -> str | None:
    """The value of ``name="..."`` inside the first ``<TAG ...>`` opening tag."""
    start = text.find(f"<{tag} ")
    close = text.find(">", start)
    if start < 0 or close < 0:
        return None
    found = text.find(f' {name}="', start, close)
    if found < 0:
        return None
    found += len(name) + 3
    end = text.find('"', found, close)
    return None if end < 0 else text[found:end]


def _entity(match: re.Match) -> str:
    """The character a reference stands for; control characters (``&#3;``) are dropped."""
    number = match["decimal"] or match["hex"]
    if number is None:
        return html.entities.html5.get(match["name"] + ";", match[0])
    code = int(number, 16 if match["hex"] else 10)
    if code in (9, 10, 13) or 32 <= code < 127 or (160 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF):
        return chr(code)
    return ""


def _sgml_text(value: str) -> str:
    return _ENTITY.sub(_entity, value) if "&" in value else value


SGML_OUTLET = "Reuters"  # a <REUTERS> element is Reuters newswire (Reuters-21578), whoever the byline
_SGML_OPEN_TAG = "<REUTERS"
_SGML_CLOSE_TAG = "</REUTERS>"


def _read_sgml(stream: IO[str], encoding: _Encoding, ctx: _Context) -> Iterator[Item]:
    """One record per ``<REUTERS>`` ... ``</REUTERS>``; text between records is skipped.

    Works on chunks with ``str.find`` rather than line by line (the corpus has 690,000 lines);
    ``line`` is counted from the newlines passed.  A record longer than the limit is skipped up to
    its closing tag without being held in memory.
    """
    limit = ctx.options.max_doc_bytes
    buf, pos, line, eof = "", 0, 1, False  # ``line`` is the line number at ``buf[pos]``
    skipping: list[int] | None = None  # [first line, bytes so far] of a too-large record

    def refill() -> None:
        nonlocal buf, pos, eof
        chunk = stream.read(CHUNK)
        eof = not chunk
        buf, pos = buf[pos:] + chunk, 0

    while True:
        if skipping is not None:  # pass over a too-large record up to its closing tag
            end = buf.find(_SGML_CLOSE_TAG, pos)
            stop = end + len(_SGML_CLOSE_TAG) if end >= 0 else max(pos, len(buf) - len(_SGML_CLOSE_TAG))
            skipping[1] += _byte_length(buf[pos:stop], encoding)
            line += buf.count("\n", pos, stop)
            pos = stop
            if end >= 0 or eof:
                yield _too_large(ctx, skipping[1], line=skipping[0])
                skipping = None
            else:
                refill()
            continue
        start = buf.find(_SGML_OPEN_TAG, pos)
        if start < 0:  # no record starts in the buffer: keep a tail that may hold half a tag
            if eof:
                return
            cut = max(pos, len(buf) - len(_SGML_OPEN_TAG))
            line += buf.count("\n", pos, cut)
            pos = cut
            refill()
            continue
        line += buf.count("\n", pos, start)
        pos = start
        end = buf.find(_SGML_CLOSE_TAG, pos)
        following = buf.find(_SGML_OPEN_TAG, pos + 1, end if end >= 0 else len(buf))
        if following >= 0 or (end < 0 and eof):  # a record that never closes
            stop = following if following >= 0 else len(buf)
            yield Reject(ctx.source, _attribute(buf[pos:stop], "REUTERS", "NEWID"), line, "bad_record",
                         "the <REUTERS> record is not closed", _byte_length(buf[pos:stop], encoding))
            line += buf.count("\n", pos, stop)
            pos = stop
            continue
        if end < 0 and len(buf) - pos > limit:
            skipping = [line, 0]
            continue
        if end < 0:
            refill()
            continue
        stop = end + len(_SGML_CLOSE_TAG)
        record = buf[pos:stop]
        n_bytes = _byte_length(record, encoding)
        yield _too_large(ctx, n_bytes, line=line) if n_bytes > limit else _sgml_record(record, ctx, line, n_bytes)
        line += record.count("\n")
        pos = stop


def _sgml_record(text: str, ctx: _Context, line: int, n_bytes: int) -> Item:
    """One ``<REUTERS>`` element: NEWID, DATE, TITLE, AUTHOR and BODY; no BODY is an empty reject."""
    source_id = _attribute(text, "REUTERS", "NEWID")
    title, body, author, stamp = (_element(text, tag) for tag in ("TITLE", "BODY", "AUTHOR", "DATE"))
    title = _clean(_sgml_text(title)) if title is not None else None
    if body is None:
        kind = _attribute(text, "TEXT", "TYPE")
        typed = f'TYPE="{kind}" ' if kind else ""
        what = "title only" if title else "no body"
        return Reject(ctx.source, source_id, line, "empty", f"{what}: the {typed}record has no <BODY>", n_bytes)
    body = _sgml_text(body).strip()
    if not body:
        return Reject(ctx.source, source_id, line, "empty", "the <BODY> is empty", n_bytes)
    author = _clean(_BYLINE.sub("", _sgml_text(author))) if author is not None else None
    return RawDocument(ctx.source, source_id, line, "sgml", ctx.encoding, title, author, SGML_OUTLET, None, None,
                       parse_datetime(stamp), None, body, n_bytes)
