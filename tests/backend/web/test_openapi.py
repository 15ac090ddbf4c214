"""The OpenAPI document and the offline docs page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from apiflask import APIFlask
from flask.testing import FlaskClient

from pawchain.web.docs.page import START_SCRIPT, SWAGGER_UI_DIR

# Routes that serve the documentation itself, not the API.
UNDOCUMENTED = {
    "/api/v1/openapi.json",
    "/api/v1/docs",
    "/api/v1/docs/start.js",
    "/api/v1/docs/assets/{name}",
}


@pytest.fixture(scope="module")
def spec(app: APIFlask) -> dict[str, Any]:
    response = app.test_client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def app_routes(app: APIFlask) -> set[str]:
    """Every rule of the app under /api/v1, in OpenAPI's path form (/pets/{pet_id})."""
    return {
        re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
    }


def refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs(item)


def test_it_is_openapi_3_with_our_title(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.")
    assert spec["info"]["title"] == "Pawchain API"
    assert spec["info"]["version"]


def test_every_route_is_documented_and_every_documented_path_exists(
    app: APIFlask, spec: dict[str, Any]
) -> None:
    assert set(spec["paths"]) == app_routes(app) - UNDOCUMENTED


def test_the_routes_common_md_fixes_are_all_there(spec: dict[str, Any]) -> None:
    for path in (
        "/api/v1/health",
        "/api/v1/pets",
        "/api/v1/pets/{pet_id}",
        "/api/v1/pets/{pet_id}/family",
        "/api/v1/pets/{pet_id}/history",
        "/api/v1/pets/{pet_id}/verify",
        "/api/v1/metadata/{pet_id}",
        "/api/v1/images/{genes}.{extension}",
        "/api/v1/pets/{pet_id}/image.{extension}",
        "/api/v1/breeding/preview",
        "/api/v1/stats",
    ):
        assert "get" in spec["paths"][path], path


def test_every_operation_documents_success_and_errors_in_the_error_shape(
    spec: dict[str, Any],
) -> None:
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            successes = sorted({"200", "201", "202", "204", "302"} & set(responses))
            assert successes, (path, method)
            assert responses[successes[0]]["description"]
            for status, response in responses.items():
                if status.startswith(("4", "5")):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorResponse"}, (path, status)
            if "{pet_id}" in path:
                assert "404" in responses, path


def test_query_parameters_are_documented(spec: dict[str, Any]) -> None:
    listed = {
        p["name"] for p in spec["paths"]["/api/v1/pets"]["get"]["parameters"] if p["in"] == "query"
    }
    assert {
        "owner",
        "generation_min",
        "generation_max",
        "body_shape",
        "belly_colour",
        "rarity",
        "status",
        "sort",
        "limit",
        "cursor",
    } <= listed
    preview = {p["name"]: p for p in spec["paths"]["/api/v1/breeding/preview"]["get"]["parameters"]}
    assert preview["matron"]["required"] and preview["sire"]["required"]


def test_path_parameters_say_what_they_must_be(spec: dict[str, Any]) -> None:
    [pet_id] = spec["paths"]["/api/v1/pets/{pet_id}"]["get"]["parameters"]
    assert pet_id["in"] == "path" and pet_id["required"]
    assert pet_id["schema"] == {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
    image = {
        p["name"]: p
        for p in spec["paths"]["/api/v1/images/{genes}.{extension}"]["get"]["parameters"]
    }
    assert image["extension"]["schema"]["enum"] == ["svg", "png"]


def test_every_reference_resolves(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    for ref in refs(spec):
        assert ref.startswith("#/components/schemas/") and ref.rsplit("/", 1)[1] in schemas, ref


def test_docs_page_loads_its_assets_from_this_server_only(api: FlaskClient) -> None:
    page = api.get("/api/v1/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.data.decode()
    assert "/api/v1/openapi.json" in html
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html), (
        "an external URL in the docs page"
    )
    assets = re.findall(r"""(?:src|href)="([^"]+)\"""", html)
    assert len(assets) >= 3
    for asset in assets:
        response = api.get(asset)
        try:
            assert response.status_code == 200, asset
            if (
                asset == "/api/v1/docs/start.js"
            ):  # the page's own script, a file so that its CSP forbids inline ones
                assert response.data.decode() == START_SCRIPT
                continue
            assert response.data == (SWAGGER_UI_DIR / asset.rsplit("/", 1)[1]).read_bytes(), asset
        finally:
            response.close()  # send_from_directory's file


def test_docs_page_without_swagger_ui_says_how_to_fix_it(app: APIFlask, tmp_path: Any) -> None:
    app.config["SWAGGER_UI_DIR"] = str(tmp_path)
    try:
        response = app.test_client().get("/api/v1/docs")
    finally:
        del app.config["SWAGGER_UI_DIR"]
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "docs_unavailable"
    assert "npm" in response.get_json()["error"]["message"]


def test_the_document_names_no_server_from_a_requests_host(app: APIFlask) -> None:
    # APIFlask builds the document once, in whichever request asks first, and keeps it: a
    # server taken from that request's Host would be named to every later reader (and a Host
    # no URL can be built from, "xn--zz", made the document a 500).
    with app.test_request_context("/api/v1/openapi.json", base_url="http://attacker.example"):
        document = app._get_spec("json", force_update=True)  # what the first request builds
    assert isinstance(document, dict)
    assert "servers" not in document
    assert "attacker.example" not in str(document)
