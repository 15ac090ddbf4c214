"""Alembic's environment for pawchain.store: the engine comes from pawchain.store.migrate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from pawchain.store.models import Base

config = context.config
engine = config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError(
        "run migrations through pawchain.store.migrate (`pawchain db upgrade`), not the alembic CLI"
    )

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things: batch mode copies the table instead, so later
        # migrations that change columns run on both databases.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
