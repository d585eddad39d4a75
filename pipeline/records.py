"""Rows of the extractors' record classes, built without a frozen dataclass's ``__init__``.

A frozen dataclass sets each field in its ``__init__`` through ``object.__setattr__``, which costs
the extractors a noticeable share of their time when they make thousands of rows a batch.
:func:`slot_filler` writes, once per class, a function like that ``__init__`` which stores the
values through the slot descriptors instead: the instances are the same (same fields, equality,
hash), and the class stays frozen to everyone else.
"""
from __future__ import annotations

from dataclasses import fields
from typing import Callable, TypeVar

__all__ = ["slot_filler"]

T = TypeVar("T")


def slot_filler(cls: type[T]) -> Callable[..., T]:
    """A function of the field values, in field order, that returns ``cls(*values)`` for a frozen
    dataclass with ``slots=True`` (and no ``__post_init__``), one statement a field.

    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True, slots=True)
    ... class Point:
    ...     x: int
    ...     y: int
    >>> slot_filler(Point)(1, 2) == Point(1, 2)
    True
    """
    names = [f.name for f in fields(cls)]
    scope = {"new": object.__new__, "cls": cls} | {f"set_{n}": getattr(cls, n).__set__ for n in names}
    body = "".join(f"    set_{n}(row, {n})\n" for n in names)
    exec(f"def fill({', '.join(names)}):\n    row = new(cls)\n{body}    return row\n", scope)  # noqa: S102
    return scope["fill"]
