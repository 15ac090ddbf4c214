"""`GET /api/v1/health`: answers without touching anything (the benchmark's ceiling)."""

from __future__ import annotations

from apiflask import APIBlueprint
from apiflask.fields import String
from apiflask.schemas import Schema

bp = APIBlueprint("health", __name__, tag="Health")


class Health(Schema):
    status = String(required=True, metadata={"example": "ok"})


@bp.get("/health")
@bp.output(Health)
def health() -> dict[str, str]:
    """Liveness: the process answers HTTP. Reads no database and no chain."""
    return {"status": "ok"}
