"""A pet's history: the activity rows about it (as `pet_id` or `other_pet_id`), newest first."""

from __future__ import annotations

from sqlalchemy import and_, or_, select, union
from sqlalchemy.orm import Session

from pawchain.queries.pagination import Page, decode_cursor, key_limit, page_of
from pawchain.store import Activity

HISTORY_SORT = "history"


def pet_history(
    session: Session, pet_id: int, limit: int, cursor: str | None = None
) -> Page[Activity]:
    """One page of `pet_id`'s events, newest first; the cursor is (block, log index), which
    is unique: a log's index counts the logs of its whole block.

    Each side of the OR is its own index range ((pet_id, block_number) and (other_pet_id,
    block_number)), unioned, so a pet with a long history costs a page, not its
    whole history.
    """
    after = None
    if cursor is not None:
        block, log = decode_cursor(
            cursor, HISTORY_SORT, [key_limit(Activity.block_number), key_limit(Activity.log_index)]
        )
        after = or_(
            Activity.block_number < block,
            and_(Activity.block_number == block, Activity.log_index < log),
        )
    sides = []
    for column in (Activity.pet_id, Activity.other_pet_id):
        side = select(Activity.block_number, Activity.tx_hash, Activity.log_index).where(
            column == pet_id
        )
        if after is not None:
            side = side.where(after)
        sides.append(
            side.order_by(Activity.block_number.desc(), Activity.log_index.desc()).limit(limit + 1)
        )
    # UNION (not ALL) drops an event that names the pet on both sides; keys only, because
    # PostgreSQL cannot compare JSON for DISTINCT.
    keys = union(*(side.subquery().select() for side in sides)).subquery()
    statement = (
        select(Activity)
        .join(
            keys,
            and_(
                Activity.block_number == keys.c.block_number,
                Activity.tx_hash == keys.c.tx_hash,
                Activity.log_index == keys.c.log_index,
            ),
        )
        .order_by(Activity.block_number.desc(), Activity.log_index.desc())
        .limit(limit + 1)
    )
    rows = list(session.scalars(statement))
    return page_of(rows, limit, HISTORY_SORT, lambda row: (row.block_number, row.log_index))
