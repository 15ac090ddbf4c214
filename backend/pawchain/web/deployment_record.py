"""The deployment record the server runs on (bin/run writes it): which chain, which contracts.

Read once per app and kept: a new deployment means a new record, and bin/run restarts the
server after writing one. No record, an unreadable one, or one without a contract a route
needs is a 503 saying where the server looked, never a 500.
"""

from __future__ import annotations

from flask import current_app

from pawchain import deployment as records
from pawchain.config import Settings
from pawchain.web.errors import fail

EXTENSION = "pawchain.deployment"


def current_deployment(*needs: str) -> records.Deployment:
    """The app's deployment record, naming every contract in `needs` (default: PetToken);
    else 503 chain_not_configured."""
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
                 "so it does not know the game's chain.")
        current_app.extensions[EXTENSION] = deployment
    missing = [name for name in (needs or ("PetToken",)) if name not in deployment.contracts]
    if missing:
        fail(503, "chain_not_configured", f"The deployment record has no {', '.join(missing)}.")
    return deployment
