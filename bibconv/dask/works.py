"""Duplicate works on Dask: the same work anywhere in a bag, through a task shuffle."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import NamedTuple

import dask.bag as db

from bibconv.lint.duplicates import work_keys
from bibconv.model import CslItem


class ItemRef(NamedTuple):
    """Where an item sits in a bag: its partition, its position there, and its id."""

    partition: int
    position: int
    id: str


class Duplicate(NamedTuple):
    """Items that share a key: ``reason`` is ``"DOI"``, ``"arXiv id"`` or ``"title"``
    (``value``: ``"folded title|first author|year"``)."""

    reason: str
    value: str
    items: tuple[ItemRef, ...]


def _keyed(items: Iterable[CslItem], numbers: Iterable[int]) -> list[tuple[int, str, str, ItemRef]]:
    (number,) = numbers
    return [
        (_bucket(reason, value), reason, value, ItemRef(number, index, str(item.get("id", ""))))
        for index, item in enumerate(items)
        for reason, value in work_keys(item)
    ]


def _bucket(reason: str, value: str) -> int:
    # A digest, not hash(): str hashes differ between worker processes (PYTHONHASHSEED).
    digest = hashlib.blake2b(f"{reason}\0{value}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def _bucket_of(record: tuple[int, str, str, ItemRef]) -> int:
    return record[0]


def _groups(
    buckets: Iterable[tuple[int, list[tuple[int, str, str, ItemRef]]]],
) -> list[Duplicate]:
    found: list[Duplicate] = []
    for _, records in buckets:
        by_key: dict[tuple[str, str], list[ItemRef]] = {}
        for _, reason, value, ref in records:
            by_key.setdefault((reason, value), []).append(ref)
        found.extend(
            Duplicate(reason, value, tuple(sorted(refs)))
            for (reason, value), refs in by_key.items()
            if len(refs) > 1
        )
    return found


def duplicates(bag: db.Bag) -> db.Bag:
    """A bag of :class:`Duplicate`: items anywhere in ``bag`` that look like one work (the
    keys of :func:`bibconv.lint.duplicates.work_keys`). Each item's keys are shuffled to
    the partition that owns them (``groupby(shuffle="tasks")``), so no task sees more
    than its share; an item that matches another on two keys is in two groups."""
    count = bag.npartitions
    keyed = db.map_partitions(_keyed, bag, db.range(count, npartitions=count))
    return keyed.groupby(_bucket_of, shuffle="tasks").map_partitions(_groups)
