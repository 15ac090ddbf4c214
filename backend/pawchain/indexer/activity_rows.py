"""A batch's new events as the activity log's rows: value tuples the driver takes as they are.

The indexer writes one row an event. Built as a dict per event and then turned into the
driver's tuple (store.bulk_rows.insert_rows), a row cost more of our CPU than decoding its
log; here each row is the tuple itself, in ACTIVITY_COLUMNS' order, its arguments' JSON
written by the event's template (chain.args_json) or else by the column's own serializer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from pawchain.chain.args_json import ArgsJson
from pawchain.indexer.events import ChainEvent
from pawchain.indexer.handlers.base import EventSpec, pet_of
from pawchain.store import Activity
from pawchain.store.bulk_rows import column_converter, insert_values

ACTIVITY_COLUMNS = (
    "block_number",
    "tx_hash",
    "log_index",
    "tx_index",
    "block_hash",
    "block_time",
    "contract",
    "event",
    "pet_id",
    "other_pet_id",
    "args",
    "event_id",
)
EventKind = tuple[str, str]  # (contract, event)
_UNNAMED = (None, None, None)  # an event no module names and no template writes


class ActivityRows:
    """Writes events to the activity log, knowing per kind of event its pet arguments
    (the handler modules' EventSpecs) and its arguments' JSON template, if it has one."""

    def __init__(
        self, specs: Mapping[EventKind, EventSpec], templates: Mapping[EventKind, ArgsJson]
    ):
        kinds = set(specs) | set(templates)
        self._kinds: dict[EventKind, tuple[str | None, str | None, ArgsJson | None]] = {
            kind: (
                specs[kind].pet if kind in specs else None,
                specs[kind].other_pet if kind in specs else None,
                templates.get(kind),
            )
            for kind in kinds
        }

    def insert(self, session: Session, events: Sequence[ChainEvent], first_id: int) -> None:
        """INSERT the rows of `events`, numbered from stream id `first_id`."""
        table = Activity.__table__
        serialise = column_converter(table.c.args, session.get_bind().dialect)
        kinds = self._kinds
        rows: list[tuple[Any, ...]] = []
        for event_id, event in enumerate(events, first_id):
            pet, other_pet, template = kinds.get((event.contract, event.event), _UNNAMED)
            args = event.args
            rows.append(
                (
                    event.block_number,
                    event.tx_hash,
                    event.log_index,
                    event.tx_index,
                    event.block_hash,
                    event.block_time,
                    event.contract,
                    event.event,
                    pet_of(args, pet),
                    pet_of(args, other_pet),
                    template(args) if template is not None else serialise(args),
                    event_id,
                )
            )
        insert_values(session, table, ACTIVITY_COLUMNS, rows)
