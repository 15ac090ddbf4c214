"""Bad input gets a 4xx JSON error that names the parameter and says why; no input gets a 5xx."""

from __future__ import annotations

import base64
import json
from urllib.parse import quote

import pytest
from apiflask import APIFlask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ADDRESS = "0x" + "ab" * 20
HUGE = "9" * 40
# Cursors that decode but do not belong to their list (base64url of the JSON in the comment).
WRONG_SORT_CURSOR = "WyJvbGRlc3QiLDVd"  # ["oldest",5], sent with sort=newest
OTHER_LIST_CURSOR = "WyJzYWxlcyIsMSwyXQ"  # ["sales",1,2], sent to the auctions
SHORT_CURSOR = "WyJvcmRlcnMiLDFd"  # ["orders",1]: one key short
BIGINT_CURSOR = "WyJvcmRlcnMiLDExODA1OTE2MjA3MTc0MTEzMDM0MjQsMV0"  # a time past BIGINT

# (url, status, code, words the message must contain)
BAD_INPUTS = [
    ("/api/v1/pets/999999", 404, "pet_not_found", ["999999"]),
    ("/api/v1/pets/0", 404, "pet_not_found", ["0"]),
    ("/api/v1/pets/-1", 400, "invalid_parameter", ["pet_id"]),
    (f"/api/v1/pets/{HUGE}", 404, "pet_not_found", [HUGE]),
    ("/api/v1/pets/abc", 400, "invalid_parameter", ["pet_id", "abc"]),
    ("/api/v1/pets/1.5", 400, "invalid_parameter", ["pet_id"]),
    ("/api/v1/pets/abc/family", 400, "invalid_parameter", ["pet_id"]),
    ("/api/v1/pets/999999/family", 404, "pet_not_found", []),
    ("/api/v1/pets/1/family?depth=0", 400, "invalid_parameter", ["depth"]),
    ("/api/v1/pets/1/family?depth=x", 400, "invalid_parameter", ["depth"]),
    ("/api/v1/pets/999999/history", 404, "pet_not_found", []),
    ("/api/v1/pets/1/history?limit=101", 400, "page_too_large", ["limit", "100"]),
    ("/api/v1/pets/1/history?cursor=garbage", 404, "invalid_cursor", ["cursor"]),
    ("/api/v1/pets/abc/verify", 400, "invalid_parameter", ["pet_id"]),
    ("/api/v1/pets/abc/image.svg", 400, "invalid_parameter", ["pet_id"]),
    ("/api/v1/pets/999999/image.png", 404, "pet_not_found", []),
    ("/api/v1/metadata/abc", 400, "invalid_parameter", ["pet_id"]),
    ("/api/v1/metadata/0", 404, "pet_not_found", []),
    ("/api/v1/pets?owner=0x123", 400, "invalid_parameter", ["owner", "address"]),
    ("/api/v1/pets?owner=" + "0x" + "g" * 40, 400, "invalid_parameter", ["owner"]),
    ("/api/v1/pets?body_shape=32", 400, "invalid_parameter", ["body_shape"]),
    ("/api/v1/pets?body_shape=31", 400, "invalid_parameter", ["body_shape"]),
    ("/api/v1/pets?eye_colour=-1", 400, "invalid_parameter", ["eye_colour"]),
    ("/api/v1/pets?mouth=blue", 400, "invalid_parameter", ["mouth"]),
    ("/api/v1/pets?rarity=shiny", 400, "invalid_parameter", ["rarity", "Legendary"]),
    ("/api/v1/pets?rarity=6", 400, "invalid_parameter", ["rarity"]),
    ("/api/v1/pets?status=sleeping", 400, "invalid_parameter", ["status"]),
    ("/api/v1/pets?sort=cheapest", 400, "invalid_parameter", ["sort"]),
    ("/api/v1/pets?limit=0", 400, "invalid_parameter", ["limit"]),
    ("/api/v1/pets?limit=101", 400, "page_too_large", ["limit", "100"]),
    ("/api/v1/pets?limit=abc", 400, "invalid_parameter", ["limit"]),
    (f"/api/v1/pets?limit={HUGE}", 400, "page_too_large", ["limit"]),
    ("/api/v1/pets?cursor=garbage", 404, "invalid_cursor", ["cursor"]),
    (f"/api/v1/pets?cursor={WRONG_SORT_CURSOR}", 404, "invalid_cursor", ["cursor"]),
    ("/api/v1/pets?generation_min=-1", 400, "invalid_parameter", ["generation_min"]),
    (f"/api/v1/pets?generation_max={HUGE}", 400, "invalid_parameter", ["generation_max"]),
    ("/api/v1/pets?bodyshape=3", 400, "invalid_parameter", ["bodyshape"]),
    ("/api/v1/images/0xzz.svg", 400, "invalid_genes", ["genes_hex"]),
    ("/api/v1/images/" + "1" * 65 + ".png", 400, "invalid_genes", ["genes_hex"]),
    ("/api/v1/images/0x1.gif", 404, "not_found", []),
    # Numbers in ASCII digits only: int() reads "١" (Arabic-Indic one), "1_0" and " 1" too, and
    # str.isdigit() is true for "¹" and "²" (whose int() raised: a 500).
    ("/api/v1/pets/%D9%A1", 400, "invalid_parameter", ["pet_id"]),
    ("/api/v1/pets?limit=%D9%A1%D9%A0", 400, "invalid_parameter", ["limit"]),
    ("/api/v1/pets?limit=1_0", 400, "invalid_parameter", ["limit"]),
    ("/api/v1/pets?generation_min=%201", 400, "invalid_parameter", ["generation_min"]),
    ("/api/v1/pets?body_shape=%D9%A3", 400, "invalid_parameter", ["body_shape"]),
    ("/api/v1/pets?rarity=%C2%B9", 400, "invalid_parameter", ["rarity"]),
    ("/api/v1/pets?rarity=%201", 400, "invalid_parameter", ["rarity"]),
    ("/api/v1/pets?price_min=%D9%A1", 400, "invalid_parameter", ["price_min"]),
    ("/api/v1/market/sales?pet=%D9%A1", 400, "invalid_parameter", ["pet"]),
    ("/api/v1/market/prices?days=%D9%A1", 400, "invalid_parameter", ["days"]),
    ("/api/v1/orders?pet=%EF%BC%91", 400, "invalid_parameter", ["pet"]),  # fullwidth one
    ("/api/v1/trait-offers?variant=%D9%A1", 400, "invalid_parameter", ["variant"]),
    ("/api/v1/trait-offers/%D9%A1", 400, "invalid_parameter", ["trait_offer_id"]),
    ("/api/v1/breeding/preview?matron=%D9%A1&sire=1", 400, "invalid_parameter", ["matron"]),
    ("/api/v1/relay/requests/%C2%B2", 404, "relay_request_not_found", []),
    ("/api/v1/relay/requests/%D9%A1/events", 404, "relay_request_not_found", []),
    ("/api/v1/pets?cursor=", 400, "invalid_parameter", ["cursor"]),
    ("/api/v1/pets?cursor=a%2Bb", 400, "invalid_parameter", ["cursor"]),  # "+": not base64url
    ("/api/v1/breeding/preview", 400, "invalid_parameter", ["matron", "sire"]),
    ("/api/v1/breeding/preview?matron=1", 400, "invalid_parameter", ["sire"]),
    ("/api/v1/breeding/preview?matron=x&sire=1", 400, "invalid_parameter", ["matron"]),
    ("/api/v1/breeding/preview?matron=1&sire=999999", 404, "pet_not_found", ["999999"]),
    ("/api/v1/pets?price_min=abc", 400, "invalid_parameter", ["price_min", "wei"]),
    ("/api/v1/pets?price_max=-1", 400, "invalid_parameter", ["price_max"]),
    ("/api/v1/pets?price_max=" + "9" * 80, 400, "invalid_parameter", ["price_max"]),
    ("/api/v1/pets?for_sale=perhaps", 400, "invalid_parameter", ["for_sale"]),
    ("/api/v1/market/auctions?kind=raffle", 400, "invalid_parameter", ["kind"]),
    ("/api/v1/market/auctions?seller=0x12", 400, "invalid_parameter", ["seller"]),
    ("/api/v1/market/auctions?sort=cheapest", 400, "invalid_parameter", ["sort"]),
    ("/api/v1/market/auctions?limit=101", 400, "page_too_large", ["limit", "100"]),
    ("/api/v1/market/auctions?cursor=garbage", 404, "invalid_cursor", ["cursor"]),
    (f"/api/v1/market/auctions?cursor={OTHER_LIST_CURSOR}", 404, "invalid_cursor", ["cursor"]),
    ("/api/v1/market/sales?pet=abc", 400, "invalid_parameter", ["pet"]),
    ("/api/v1/market/sales?pet=0", 400, "invalid_parameter", ["pet"]),
    ("/api/v1/market/sales?account=nobody", 400, "invalid_parameter", ["account"]),
    ("/api/v1/market/sales?since=-5", 400, "invalid_parameter", ["since"]),
    (f"/api/v1/market/sales?since={HUGE}", 400, "invalid_parameter", ["since"]),
    ("/api/v1/market/sales?cursor=garbage", 404, "invalid_cursor", ["cursor"]),
    ("/api/v1/market/prices?days=0", 400, "invalid_parameter", ["days"]),
    ("/api/v1/market/prices?days=366", 400, "invalid_parameter", ["days"]),
    ("/api/v1/market/prices?days=x", 400, "invalid_parameter", ["days"]),
    ("/api/v1/market/prices?trait=eye_colour", 422, "invalid_parameter", ["variant"]),
    ("/api/v1/market/prices?variant=2", 422, "invalid_parameter", ["trait"]),
    ("/api/v1/market/prices?trait=wings&variant=2", 400, "invalid_parameter", ["trait"]),
    ("/api/v1/market/prices?rarity=shiny", 400, "invalid_parameter", ["rarity"]),
    ("/api/v1/market/prices?generation=65536", 400, "invalid_parameter", ["generation"]),
    ("/api/v1/market/prices?venue=gift", 400, "invalid_parameter", ["venue"]),
    ("/api/v1/activity?pet=x", 400, "invalid_parameter", ["pet"]),
    ("/api/v1/activity?event=", 400, "invalid_parameter", ["event"]),
    ("/api/v1/activity?event=Nope", 400, "invalid_parameter", ["event", "AuctionWon"]),
    ("/api/v1/activity?event=auctionwon", 400, "invalid_parameter", ["event", "AuctionWon"]),
    ("/api/v1/activity?limit=101", 400, "page_too_large", ["limit"]),
    ("/api/v1/activity?cursor=garbage", 404, "invalid_cursor", ["cursor"]),
    ("/api/v1/activity?who=me", 400, "invalid_parameter", ["who"]),
    ("/api/v1/orders?state=zombie", 400, "invalid_parameter", ["state"]),
    ("/api/v1/orders?kind=swap", 400, "invalid_parameter", ["kind"]),
    ("/api/v1/orders?signer=0x1", 400, "invalid_parameter", ["signer", "address"]),
    ("/api/v1/orders?pet=0", 400, "invalid_parameter", ["pet"]),
    ("/api/v1/orders?limit=101", 400, "page_too_large", ["limit", "100"]),
    ("/api/v1/orders?cursor=garbage", 404, "invalid_cursor", ["cursor"]),
    (f"/api/v1/orders?cursor={SHORT_CURSOR}", 404, "invalid_cursor", ["cursor"]),
    (f"/api/v1/orders?cursor={BIGINT_CURSOR}", 404, "invalid_cursor", ["cursor"]),
    ("/api/v1/orders?who=me", 400, "invalid_parameter", ["who"]),
    ("/api/v1/orders/0x12", 400, "invalid_parameter", ["order_hash"]),
    ("/api/v1/orders/0x" + "0" * 64, 404, "order_not_found", ["0x" + "0" * 64]),
    ("/api/v1/pets/abc/orders", 400, "invalid_parameter", ["pet_id"]),
    ("/api/v1/pets/999999/orders", 404, "pet_not_found", ["999999"]),
    ("/api/v1/pets?listed=maybe", 400, "invalid_parameter", ["listed"]),
    ("/api/v1/trait-offers?trait=wings", 400, "invalid_parameter", ["trait"]),
    ("/api/v1/trait-offers?variant=31", 400, "invalid_parameter", ["variant"]),
    ("/api/v1/trait-offers?state=zombie", 400, "invalid_parameter", ["state"]),
    ("/api/v1/trait-offers?buyer=me", 400, "invalid_parameter", ["buyer"]),
    ("/api/v1/trait-offers?cursor=garbage", 404, "invalid_cursor", ["cursor"]),
    ("/api/v1/trait-offers/matches", 400, "invalid_parameter", ["owner", "Required"]),
    ("/api/v1/trait-offers/matches?owner=0x1", 400, "invalid_parameter", ["owner"]),
    ("/api/v1/trait-offers/abc", 400, "invalid_parameter", ["trait_offer_id"]),
    ("/api/v1/trait-offers/999999", 404, "trait_offer_not_found", ["999999"]),
    (f"/api/v1/trait-offers/{HUGE}/picks", 404, "trait_offer_not_found", []),
    ("/api/v1/trait-offers/abc/picks", 400, "invalid_parameter", ["trait_offer_id"]),
    ("/api/v1/auth/nonce", 405, "method_not_allowed", []),
    ("/api/v1/auth/sign-in", 405, "method_not_allowed", []),
    ("/api/v1/nothing-here", 404, "not_found", []),
    # A parameter of one value given twice (webargs would read the first and drop the other).
    (
        f"/api/v1/pets?owner={ADDRESS}&owner=0x" + "cd" * 20,
        400,
        "invalid_parameter",
        ["owner", "2 times"],
    ),
    ("/api/v1/pets?sort=newest&sort=oldest", 400, "invalid_parameter", ["sort"]),
    ("/api/v1/pets?limit=5&limit=5&limit=5", 400, "invalid_parameter", ["limit", "3 times"]),
    ("/api/v1/pets/1/family?depth=1&depth=2", 400, "invalid_parameter", ["depth"]),
    ("/api/v1/breeding/preview?matron=1&matron=2&sire=3", 400, "invalid_parameter", ["matron"]),
    ("/api/v1/market/prices?days=1&days=2", 400, "invalid_parameter", ["days"]),
    ("/api/v1/orders?pet=1&pet=2", 400, "invalid_parameter", ["pet"]),
    ("/api/v1/stream?pet=1&pet=2", 400, "invalid_parameter", ["pet"]),
    (
        f"/api/v1/relay/config?player={ADDRESS}&player={ADDRESS}",
        400,
        "invalid_parameter",
        ["player"],
    ),
    ("/api/v1/relay/config?plyer=1", 400, "invalid_parameter", ["plyer"]),
]


@pytest.mark.parametrize(
    ("url", "status", "code", "words"), BAD_INPUTS, ids=[row[0] for row in BAD_INPUTS]
)
def test_bad_input_is_a_json_error_that_says_what_is_wrong(
    api: FlaskClient, url: str, status: int, code: str, words: list[str]
) -> None:
    response = api.get(url)
    assert response.status_code == status, response.json
    error = response.get_json()["error"]
    assert (error["status"], error["code"]) == (status, code)
    assert error["message"].endswith(".") and len(error["message"]) > 15
    for word in words:
        assert word in error["message"], (word, error["message"])


def test_a_list_parameter_may_be_given_more_than_once(api: FlaskClient) -> None:
    response = api.get("/api/v1/pets?rarity=0&rarity=1&limit=1")
    assert response.status_code == 200, response.json


def test_a_cursor_edited_by_hand_is_refused(api: FlaskClient) -> None:
    cursor = api.get("/api/v1/pets?limit=2").get_json()["next_cursor"]
    assert cursor
    for tampered in (
        cursor[:-2],
        cursor + "AA",
        cursor.swapcase(),
    ):  # a cursor's alphabet, but no page of this list
        response = api.get(f"/api/v1/pets?limit=2&cursor={quote(tampered)}")
        assert response.status_code == 404, tampered
        assert response.get_json()["error"]["code"] == "invalid_cursor"
    for malformed in (
        "x" * 600,
        cursor + "=",
    ):  # not a cursor at all: what the OpenAPI document refuses
        response = api.get(f"/api/v1/pets?limit=2&cursor={quote(malformed)}")
        assert response.status_code == 400, malformed
        assert response.get_json()["error"]["code"] == "invalid_parameter"


def test_an_empty_range_matches_no_pet(api: FlaskClient) -> None:
    # min above max is no mistake the schema could describe; like any filter nothing passes, it matches nothing
    for query in ("generation_min=3&generation_max=1", "price_min=5&price_max=4"):
        response = api.get(f"/api/v1/pets?{query}")
        assert response.status_code == 200 and response.get_json()["items"] == [], query


def test_wrong_method_on_every_route_is_405(api: FlaskClient) -> None:
    for url in (
        "/api/v1/pets",
        "/api/v1/pets/1",
        "/api/v1/stats",
        "/api/v1/metadata/1",
        "/api/v1/market/auctions",
        "/api/v1/market/sales",
        "/api/v1/market/prices",
        "/api/v1/activity",
        "/api/v1/auth/nonce",
        "/api/v1/auth/sign-in",
        "/api/v1/auth/session",
        "/api/v1/auth/sign-out",
        "/api/v1/orders",
        "/api/v1/pets/1/orders",
    ):
        response = api.delete(url)
        assert response.status_code == 405
        assert response.get_json()["error"]["code"] == "method_not_allowed"


PATHS = [
    "/api/v1/pets",
    "/api/v1/pets/1",
    "/api/v1/pets/1/family",
    "/api/v1/pets/1/history",
    "/api/v1/metadata/1",
    "/api/v1/breeding/preview",
    "/api/v1/stats",
    "/api/v1/pets/1/image.svg",
    "/api/v1/market/auctions",
    "/api/v1/market/sales",
    "/api/v1/market/prices",
    "/api/v1/activity",
    "/api/v1/orders",
    "/api/v1/pets/1/orders",
    "/api/v1/trait-offers",
    "/api/v1/trait-offers/matches",
    "/api/v1/trait-offers/1/picks",
]
NAMES = [
    "owner",
    "generation_min",
    "generation_max",
    "body_shape",
    "pattern",
    "rarity",
    "status",
    "sort",
    "limit",
    "cursor",
    "depth",
    "matron",
    "sire",
    "eye_colour",
    "x",
    "kind",
    "seller",
    "pet",
    "account",
    "since",
    "days",
    "event",
    "for_sale",
    "for_siring",
    "price_min",
    "price_max",
    "listed",
    "state",
    "signer",
    "buyer",
    "trait",
    "variant",
]
VALUES = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(
        [
            "",
            "0",
            "1",
            "100",
            "101",
            "true",
            "null",
            "ready",
            "epic",
            "newest",
            "price",
            "-price",
            ADDRESS,
            HUGE,
            "%00",
            "0x",
            "1e5",
            " 1",
            "1 ",
            "[]",
            "{}",
            "NaN",
            "-0",
        ]
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    path=st.sampled_from(PATHS),
    segment=st.one_of(st.none(), st.text(min_size=1, max_size=20)),
    params=st.lists(st.tuples(st.sampled_from(NAMES), VALUES), max_size=6),
)
def test_no_query_string_makes_a_server_error(
    app: APIFlask, path: str, segment: str | None, params: list[tuple[str, str]]
) -> None:
    if segment is not None:  # replace the pet id with arbitrary text
        path = path.replace("/1", "/" + quote(segment, safe=""), 1)
    query = "&".join(f"{quote(name)}={quote(value)}" for name, value in params)
    response = app.test_client().get(f"{path}?{query}")
    assert response.status_code < 500, (path, query, response.data[:300])
    if response.status_code >= 400:
        assert response.get_json()["error"]["status"] == response.status_code


# Lines of a well-formed sign-in message: the examples below replace one, so that they reach
# the checks past the parser (domain, chain, times, signature).
SIGN_IN_TEMPLATE = [
    "localhost wants you to sign in with your Ethereum account:",
    "0x5835A77Bf255eAe7871FF22AD08b031af2C76d41",
    "",
    "Sign in to Pawchain.",
    "",
    "URI: http://localhost",
    "Version: 1",
    "Chain ID: 1337",
    "Nonce: 0123456789abcdef0123456789abcdef",
    "Issued At: 2026-12-02T04:00:00Z",
]


def with_line_replaced(line: int, text: str) -> str:
    return "\n".join([*SIGN_IN_TEMPLATE[:line], text, *SIGN_IN_TEMPLATE[line + 1 :]])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    message=st.one_of(
        st.text(max_size=300),
        st.sampled_from(["", "\n", "x" * 5000]),
        st.none(),
        st.integers(),
        st.builds(
            with_line_replaced, st.integers(0, len(SIGN_IN_TEMPLATE) - 1), st.text(max_size=60)
        ),
    ),
    signature=st.one_of(
        st.text(max_size=140),
        st.binary(min_size=65, max_size=65).map(lambda b: "0x" + b.hex()),
        st.none(),
    ),
)
def test_no_sign_in_body_makes_a_server_error(
    app: APIFlask, message: object, signature: object
) -> None:
    # Signatures: any text, or the right length with any bytes.
    response = app.test_client().post(
        "/api/v1/auth/sign-in", json={"message": message, "signature": signature}
    )
    assert 400 <= response.status_code < 500, (message, signature, response.data[:300])
    assert response.get_json()["error"]["status"] == response.status_code


def forged_cursor(sort: str, key: list[int]) -> str:
    return base64.urlsafe_b64encode(json.dumps([sort, *key]).encode()).decode().rstrip("=")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sort=st.sampled_from(["newest", "oldest", "id", "-id", "generation", "cooldown"]),
    key=st.lists(st.integers(min_value=-(2**80), max_value=2**80), min_size=1, max_size=3),
    history=st.booleans(),
)
def test_no_well_formed_cursor_makes_a_server_error(
    app: APIFlask, sort: str, key: list[int], history: bool
) -> None:
    # Cursors that decode (unlike random text): every integer width against every key column.
    url = (
        f"/api/v1/pets/1/history?cursor={forged_cursor('history', key)}"
        if history
        else f"/api/v1/pets?sort={sort}&cursor={forged_cursor(sort, key)}"
    )
    response = app.test_client().get(url)
    assert response.status_code in (200, 400, 404), (
        url,
        response.data[:300],
    )  # 404: a cursor of no page
