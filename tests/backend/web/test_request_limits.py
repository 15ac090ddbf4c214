"""Each limit on what a stranger can send (pawchain.web.core.request_limits) answers with the API's
JSON error, before any view or parser runs, and writes nothing."""

from __future__ import annotations

import io
import json
import time

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from pawchain.http_limits import MAX_HEADER_BYTES, MAX_HEADERS, MAX_URL_BYTES
from pawchain.store import SignedOrder, SignInNonce
from pawchain.web.core.database import engine_of
from pawchain.web.core.request_limits import MAX_BODY_BYTES, MAX_JSON_DEPTH, json_depth

JSON = {"Content-Type": "application/json"}
POSTS = [
    "/api/v1/orders",
    "/api/v1/relay/forward",
    "/api/v1/auth/sign-in",
    "/api/v1/trait-offers",
    "/api/v1/trait-offers/1/picks",
]


def error_of(response, status: int, code: str) -> dict:
    assert (response.status_code, response.mimetype) == (status, "application/json"), response.data[
        :300
    ]
    error = response.get_json()["error"]
    assert (error["status"], error["code"]) == (status, code)
    assert error["message"].endswith(".")
    return error


def nested(depth: int) -> bytes:
    return b'{"a":' * depth + b"1" + b"}" * depth


@pytest.mark.parametrize("path", POSTS)
def test_a_body_nested_past_the_limit_is_400_json_too_deep(api: FlaskClient, path: str) -> None:
    # 1,000 deep raised RecursionError in the parsers (a 500); the scan counts without recursing
    for body in (b"[" * 1000 + b"]" * 1000, nested(MAX_JSON_DEPTH + 1), b"[" * 50_000):
        started = time.monotonic()
        error = error_of(api.post(path, data=body, headers=JSON), 400, "json_too_deep")
        assert time.monotonic() - started < 0.5
        assert error["details"]["maximum"] == MAX_JSON_DEPTH


def test_a_body_at_the_depth_limit_reaches_the_view(api: FlaskClient) -> None:
    response = api.post("/api/v1/orders", data=nested(MAX_JSON_DEPTH), headers=JSON)
    assert (
        response.get_json()["error"]["code"] == "invalid_parameter"
    )  # the schema's answer: "a" is no field


def test_brackets_inside_strings_do_not_count_as_depth() -> None:
    assert json_depth(b'{"a": "[[[[{{{{", "b": ["\\"[[["]}') == 2
    assert json_depth(b'"]]]]"') == 0
    assert json_depth(b"[[],[[]]]") == 3


def test_a_body_past_the_size_limit_is_413(api: FlaskClient) -> None:
    body = json.dumps({"message": "x" * MAX_BODY_BYTES, "signature": "0x"}).encode()
    error = error_of(
        api.post("/api/v1/auth/sign-in", data=body, headers=JSON), 413, "body_too_large"
    )
    assert error["details"] == {"size": len(body), "maximum": MAX_BODY_BYTES}


def test_a_chunked_body_past_the_size_limit_is_413(api: FlaskClient) -> None:
    # no Content-Length: the limit is found while reading
    body = b'{"a": "' + b"x" * (MAX_BODY_BYTES + 10) + b'"}'
    response = api.post(
        "/api/v1/orders",
        input_stream=io.BytesIO(body),
        headers={**JSON, "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )  # as gunicorn marks a chunked body
    assert response.status_code == 413 and response.get_json()["error"]["status"] == 413


def test_malformed_json_is_400_saying_where(api: FlaskClient) -> None:
    error = error_of(
        api.post("/api/v1/orders", data=b'{"kind": "listing",\n "order": }', headers=JSON),
        400,
        "invalid_json",
    )
    assert "not valid JSON" in error["message"] and (
        error["details"]["line"],
        error["details"]["column"],
    ) == (2, 11)
    error_of(api.post("/api/v1/orders", data=b"\xff\xfe{}", headers=JSON), 400, "invalid_json")
    # an integer past Python's 4,300-digit limit for int() (a ValueError in any parser)
    error_of(
        api.post("/api/v1/orders", data=b'{"kind": ' + b"1" * 5000 + b"}", headers=JSON),
        400,
        "invalid_json",
    )


def test_a_json_object_giving_a_key_twice_is_400(api: FlaskClient) -> None:
    # Python's parser would keep the last "kind" and drop the first without a word.
    for path in POSTS:
        body = b'{"kind": "listing", "order": {"a": 1}, "kind": "offer"}'
        error = error_of(api.post(path, data=body, headers=JSON), 400, "invalid_json")
        assert "'kind' twice" in error["message"] and error["details"]["key"] == "kind", error
    deep = b'{"order": {"offers": [{"price": "1", "price": "2"}]}}'
    error = error_of(api.post("/api/v1/orders", data=deep, headers=JSON), 400, "invalid_json")
    assert error["details"]["key"] == "price"
    # the same key in two objects is no repeat: the schema, not the parser, answers
    answer = api.post(
        "/api/v1/orders", data=b'{"kind": "listing", "order": {"kind": 1}}', headers=JSON
    )
    assert answer.get_json()["error"]["code"] != "invalid_json", answer.get_json()


def test_nan_and_infinity_are_not_json(api: FlaskClient) -> None:
    for constant in (b"NaN", b"Infinity", b"-Infinity"):
        body = b'{"kind": "listing", "order": {"pet_id": ' + constant + b"}}"
        error = error_of(api.post("/api/v1/orders", data=body, headers=JSON), 400, "invalid_json")
        assert constant.lstrip(b"-").decode() in error["message"], error


def test_a_body_of_the_wrong_json_type_is_named_in_words(api: FlaskClient) -> None:
    for body in (b'"a string"', b"[]", b"null", b"7"):
        error = error_of(
            api.post("/api/v1/orders", data=body, headers=JSON), 400, "invalid_parameter"
        )
        assert error["message"] == "The body: Must be a JSON object ({...}).", error
    nested = b'{"kind": "listing", "order": "x", "signature": "0x"}'
    error = error_of(
        api.post("/api/v1/orders", data=nested, headers=JSON), 400, "invalid_parameter"
    )
    assert "Parameter 'order': Must be a JSON object" in error["message"], error
    assert "_schema" not in error["message"]


def test_a_body_that_is_not_json_is_415(api: FlaskClient) -> None:
    for path in POSTS:
        error = error_of(
            api.post(path, data="kind=listing", content_type="application/x-www-form-urlencoded"),
            415,
            "json_required",
        )
        assert "application/json" in error["message"]


def test_a_url_past_the_limit_is_414(api: FlaskClient) -> None:
    error = error_of(api.get("/api/v1/pets?owner=" + "a" * MAX_URL_BYTES), 414, "url_too_long")
    assert error["details"]["maximum"] == MAX_URL_BYTES
    error_of(
        api.get("/api/v1/" + "x" * MAX_URL_BYTES), 414, "url_too_long"
    )  # before the router's 404
    assert (
        api.get("/api/v1/pets?owner=" + "a" * 3000).get_json()["error"]["code"]
        == "invalid_parameter"
    )


def test_headers_past_the_limits_are_431(api: FlaskClient) -> None:
    error_of(
        api.get("/api/v1/health", headers={"X-Long": "a" * MAX_HEADER_BYTES}),
        431,
        "headers_too_large",
    )
    many = {f"X-H{i}": "a" for i in range(MAX_HEADERS + 1)}
    error_of(api.get("/api/v1/health", headers=many), 431, "headers_too_large")
    big = {f"X-H{i}": "a" * (MAX_HEADER_BYTES // 2) for i in range(5)}
    error_of(api.get("/api/v1/health", headers=big), 431, "headers_too_large")


def test_refused_requests_write_nothing(api: FlaskClient) -> None:
    engine = engine_of(api.application)

    def rows() -> tuple[int, int]:
        with engine.connect() as connection:
            return (
                connection.scalar(select(func.count()).select_from(SignedOrder)) or 0,
                connection.scalar(select(func.count()).select_from(SignInNonce)) or 0,
            )

    before = rows()
    api.post("/api/v1/auth/nonce", data=b"[" * 100, headers=JSON)  # would issue a nonce
    api.post("/api/v1/auth/nonce", headers={"X-Long": "a" * MAX_HEADER_BYTES})
    api.post("/api/v1/orders", data=nested(100), headers=JSON)
    assert rows() == before


def test_the_openapi_document_lists_the_limits_errors_and_requires_bodies(api: FlaskClient) -> None:
    spec = api.get("/api/v1/openapi.json").get_json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert {"400", "413", "414", "415", "431"} <= set(operation["responses"]), (
                method,
                path,
            )
            if "requestBody" in operation:
                assert operation["requestBody"]["required"] is True, (method, path)
            if "{" in path:
                assert "404" in operation["responses"], (method, path)
