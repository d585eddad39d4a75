"""newsfacts: rule-based extraction of numeric facts and quotes from news text.

Stages, in the order an article goes through them: :mod:`pipeline.ingest` (files to records),
:mod:`pipeline.normalize` (clean text), :mod:`pipeline.segment` (paragraphs, sentences),
:mod:`pipeline.facts` and :mod:`pipeline.quotes` with :mod:`pipeline.people` (extraction),
:mod:`pipeline.link` (facts inside quotes), :mod:`pipeline.schemas` (validation),
:mod:`pipeline.store` (Parquet), wired together by :mod:`pipeline.process` and run by
:mod:`pipeline.engines` from :mod:`pipeline.cli`.
"""
__version__ = "0.1.0"
SCHEMA_VERSION = 1
__all__ = ["__version__", "SCHEMA_VERSION"]
