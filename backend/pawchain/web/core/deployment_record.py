"""The deployment record the server runs on (bin/run writes it): which chain, which contracts.

Read once per app and kept (services.deployment): a new deployment means a new record, and
bin/run restarts the server after writing one. No record, an unreadable one, or one without a
contract a route needs is a 503 saying where the server looked, never a 500.
"""

from __future__ import annotations

from flask import current_app

from pawchain import deployment as records
from pawchain.config import Settings
from pawchain.web.core.errors import fail


def read_deployment() -> records.Deployment:
    """The current app's deployment record, read now; else 503 chain_not_configured."""
    settings: Settings = current_app.config["SETTINGS"]
    try:
        deployment = records.read(settings.deployment_path)
    except records.DeploymentRecordError as exc:
        fail(
            503,
            "chain_not_configured",
            f"The deployment record {settings.deployment_path} is unreadable: {exc}.",
        )
    if deployment is None:
        fail(
            503,
            "chain_not_configured",
            f"The server has no deployment record at {settings.deployment_path} "
            "(bin/run writes it), so it does not know the game's chain.",
        )
    return deployment


def require_contracts(deployment: records.Deployment, needs: tuple[str, ...]) -> records.Deployment:
    """`deployment` if it names every contract in `needs`; else 503 chain_not_configured."""
    missing = [name for name in needs if name not in deployment.contracts]
    if missing:
        fail(503, "chain_not_configured", f"The deployment record has no {', '.join(missing)}.")
    return deployment
