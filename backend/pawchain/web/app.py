"""The app factory: settings in, a configured APIFlask app out (nothing is built at import)."""

from __future__ import annotations

from apiflask import APIBlueprint, APIFlask

from pawchain.config import Settings
from pawchain.web import rate_limits
from pawchain.web.auth import csrf
from pawchain.web.auth import routes as auth
from pawchain.web.core import answer_cache, errors, request_limits, security_headers, services
from pawchain.web.core.openapi_docs import add_spec_processor, describe_path_parameters
from pawchain.web.core.urls import API_PREFIX
from pawchain.web.docs import openapi_strict
from pawchain.web.docs import page as docs_page
from pawchain.web.game import health, home, stream
from pawchain.web.game import routes as game
from pawchain.web.market import orders, stats, trait_offers
from pawchain.web.market import routes as market
from pawchain.web.pets import collection, fancies, images, metadata, naming, preview, verify
from pawchain.web.pets import routes as pets
from pawchain.web.relay import events as relay_events
from pawchain.web.relay import routes as relay

API_VERSION = "1.0.0"

# Every area of the API, registered under API_PREFIX. Add a new area here (one line).
BLUEPRINTS: tuple[APIBlueprint, ...] = (
    health.bp,
    game.bp,
    pets.bp,
    fancies.bp,
    naming.bp,
    market.bp,
    orders.bp,
    trait_offers.bp,
    verify.bp,
    collection.bp,
    metadata.bp,
    images.bp,
    preview.bp,
    stats.bp,
    auth.bp,
    relay.bp,
    relay_events.bp,
    stream.bp,
    docs_page.bp,
)


def create_app(settings: Settings | None = None) -> APIFlask:
    """The game's web API for `settings` (default: from the environment, pawchain.config)."""
    settings = settings or Settings.from_env()
    app = APIFlask(
        __name__,
        title="Pawchain API",
        version=API_VERSION,
        spec_path=f"{API_PREFIX}/openapi.json",
        docs_path=None,  # our own page (docs/page.py): APIFlask's loads Swagger UI from a CDN
    )
    app.config.update(
        SETTINGS=settings,
        JSON_SORT_KEYS=False,
        DESCRIPTION="Pets, their families and history, metadata, pictures, breeding odds and "
        "collection statistics of the Pawchain game, read from the indexer's database; "
        "the signed order book, Sign-In with Ethereum and the gasless relay. "
        'Errors are JSON `{"error": {status, code, message, details}}`; big integers are strings.',
        HTTP_ERROR_SCHEMA=errors.ErrorResponse,
        VALIDATION_ERROR_SCHEMA=errors.ErrorResponse,
        VALIDATION_ERROR_STATUS_CODE=400,
        # No `servers` taken from the request: APIFlask builds the document once, from the
        # first request's Host, and keeps it, so that Host would name the server for every
        # later reader (and a Host no URL can be built from made the document a 500). Without
        # `servers`, OpenAPI readers use the origin they fetched the document from.
        AUTO_SERVERS=False,
    )
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep fields in schema order
    errors.install(app)
    add_spec_processor(app, describe_path_parameters)
    openapi_strict.init_app(app)  # after every other spec processor
    request_limits.init_app(app)  # before every other request hook
    services.init_app(app, settings)
    answer_cache.init_app(app)
    auth.init_app(app, settings)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint, url_prefix=API_PREFIX)
    app.register_blueprint(home.bp)  # `/` and the web app's routes (frontend/), outside the API
    csrf.init_app(app)
    rate_limits.init_app(app, settings.rate_limits)  # after the blueprints: it limits their routes
    security_headers.init_app(app, settings)
    return app
