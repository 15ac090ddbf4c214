"""The game server's web API (APIFlask): pets, metadata, images, breeding preview, stats.

Thin views over `pawchain.queries` (plain SQL functions on a session) and the pure modules
(rules, render). One subpackage per resource (pets, market, auth, relay, docs, game) over
`core`; app.py is the factory. Layout: docs/architecture.md; routes and conventions: docs/api.md.
"""

from pawchain.web.app import BLUEPRINTS, create_app
from pawchain.web.core.urls import API_PREFIX

__all__ = ["API_PREFIX", "BLUEPRINTS", "create_app"]
