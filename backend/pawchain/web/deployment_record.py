"""The deployment record (bin/run writes it) as the routes that touch the chain need it: read
once per app, or a 503 saying why the server cannot reach the game's contracts."""

from __future__ import annotations

from flask import current_app

from pawchain import deployment as records
from pawchain.config import Settings
from pawchain.web.errors import fail

EXTENSION = "pawchain.deployment"


def deployment_or_503(required: tuple[str, ...] = ("PetToken",)) -> records.Deployment:
    """The app's deployment record, with the `required` contracts, or a 503 chain_not_configured."""
    deployment: records.Deployment | None = current_app.extensions.get(EXTENSION)
    if deployment is None:
        settings: Settings = current_app.config["SETTINGS"]
        try:
            deployment = records.read(settings.deployment_path)
        except records.DeploymentRecordError as exc:
            fail(503, "chain_not_configured", f"The deployment record {settings.deployment_path} is unreadable: {exc}.")
        if deployment is None:
            fail(503, "chain_not_configured",
                 f"The server has no deployment record at {settings.deployment_path} (bin/run writes it), "
                 "so it cannot read the chain.")
        current_app.extensions[EXTENSION] = deployment
    missing = [name for name in required if name not in deployment.contracts]
    if missing:
        fail(503, "chain_not_configured", f"The deployment record has no {', '.join(missing)}.")
    return deployment
