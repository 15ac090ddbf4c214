"""Shared reads for the web tests."""

from __future__ import annotations

from apiflask import APIFlask
from sqlalchemy import select

from pawchain.store import Pet, session_factory
from pawchain.web.core.database import engine_of


def pets_in(app: APIFlask) -> list[Pet]:
    """Every pet row of the app's database, read directly (what the API's answers must match)."""
    with session_factory(engine_of(app))() as session:
        return list(session.scalars(select(Pet).order_by(Pet.id)))
