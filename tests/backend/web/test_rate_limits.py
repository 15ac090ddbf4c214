"""Rate limits: counted in the database, so two workers (two apps on one database, as
gunicorn's workers are) share one count; a client over a limit gets 429 JSON with a
Retry-After that is right (waiting that long is enough, and needed).

Runs on the web package's database (SQLite, then PostgreSQL) with apps of its own whose
limits are small; each test starts from empty counters. The Redis store's test runs on a
throwaway redis-server (tools/test_redis.py: Debian's package, installed if missing), or on
PAWCHAIN_TEST_REDIS_URL's server when set.
"""

from __future__ import annotations

import importlib
import math
import os
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from types import ModuleType
from typing import Any

import pytest
from apiflask import APIFlask
from flask.testing import FlaskClient
from redis import Redis
from sqlalchemy import delete, func, select
from werkzeug.test import TestResponse

from pawchain.config import REPO_ROOT, ConfigError, RateLimitSettings, Settings
from pawchain.store import RateLimitCounter, make_engine
from pawchain.web import create_app
from pawchain.web.core.database import engine_of
from pawchain.web.core.rate_limit_storage import DatabaseStorage
from pawchain.web.rate_limits import LIMITED_ENDPOINTS
from tests.backend.web.sign_in import sign_in

NONCE, SIGN_IN, OFFERS = "/api/v1/auth/nonce", "/api/v1/auth/sign-in", "/api/v1/trait-offers"
SMALL = RateLimitSettings(
    nonce_per_ip="5/minute",
    sign_in_per_ip="2 per 3 seconds",
    orders_per_ip="4/minute",
    orders_per_address="2/minute",
    relay_per_ip="3/minute",
    relay_per_address="2/minute",
    pictures_per_ip="3/minute",
    verify_per_ip="2/minute",
)


@pytest.fixture
def make_app(app: APIFlask) -> Iterator[Any]:
    """make_app(limits=SMALL): an app on the web package's database (a gunicorn worker of its own)."""
    made: list[APIFlask] = []
    with engine_of(app).begin() as connection:
        connection.execute(delete(RateLimitCounter))

    def make(limits: RateLimitSettings = SMALL) -> APIFlask:
        made.append(create_app(replace(app.config["SETTINGS"], rate_limits=limits)))
        return made[-1]

    yield make
    for each in made:
        engine_of(each).dispose()


def client(app: APIFlask, ip: str = "192.0.2.1") -> FlaskClient:
    api = app.test_client()
    api.environ_base["REMOTE_ADDR"] = ip
    return api


def too_many(response: TestResponse) -> int:
    """The Retry-After of a 429 in the API's error shape."""
    assert response.status_code == 429, response.json
    error = response.get_json()["error"]
    assert (error["status"], error["code"]) == (429, "rate_limited")
    retry_after = int(response.headers["Retry-After"])
    assert error["details"]["retry_after"] == retry_after and f"{retry_after} s" in error["message"]
    return retry_after


def test_two_workers_share_one_count(make_app: Any) -> None:
    first, second = client(make_app()), client(make_app())
    opened = time.time()
    answers = [first.post(NONCE).status_code]
    opened_by = time.time()  # the window opened at the first hit: between these two times
    answers += [api.post(NONCE).status_code for api in (second, first, second, first)]
    assert answers == [200] * 5  # 5/minute: three at one worker and two at the other
    before = time.time()
    retry_after = too_many(second.post(NONCE))
    after = time.time()
    # Retry-After is the window's end (60 s after the first hit), in whole seconds rounded up.
    assert math.ceil(opened + 60 - after) <= retry_after <= math.ceil(opened_by + 60 - before)
    too_many(first.post(NONCE))


def test_waiting_retry_after_is_enough_and_needed(make_app: Any) -> None:
    api = client(make_app())
    bad = {"message": "x", "signature": "0x"}  # refused bodies count too: the check runs first
    assert [api.post(SIGN_IN, json=bad).status_code for _ in range(2)] == [400, 400]
    asked = time.time()
    retry_after = too_many(api.post(SIGN_IN, json=bad))
    answered = time.time()
    assert 1 <= retry_after <= 3
    # Retry-After is the time to the window's end rounded up to whole seconds, counted from a
    # moment between `asked` and `answered`: the window ends in (asked + r - 1, answered + r].
    time.sleep(max(0.0, asked + retry_after - 1.3 - time.time()))
    too_many(api.post(SIGN_IN, json=bad))  # not yet
    time.sleep(max(0.0, answered + retry_after + 0.05 - time.time()))
    assert api.post(SIGN_IN, json=bad).status_code == 400  # the window ended as Retry-After said


def test_each_ip_has_its_own_count(make_app: Any) -> None:
    limited = make_app()
    here, there = client(limited, "192.0.2.1"), client(limited, "198.51.100.7")
    assert [here.post(NONCE).status_code for _ in range(5)] == [200] * 5
    too_many(here.post(NONCE))
    assert there.post(NONCE).status_code == 200


def test_a_signed_in_address_has_its_own_count_across_ips(make_app: Any) -> None:
    limited = make_app()
    home = client(limited, "192.0.2.1")
    player = sign_in(home)
    # 2/minute per address: a body the route refuses still counts (the check is before the view)
    assert [home.post(OFFERS, json={}).status_code for _ in range(2)] == [400, 400]
    too_many(home.post(OFFERS, json={}))
    travelling = client(limited, "203.0.113.9")  # the same session from another network
    cookie = home.get_cookie("pawchain_session")
    assert cookie is not None
    travelling.set_cookie("pawchain_session", cookie.value)
    travelling.environ_base.update(
        {key: value for key, value in home.environ_base.items() if key.startswith("HTTP_X")}
    )
    assert travelling.get("/api/v1/auth/session").get_json()["address"] == player.address
    too_many(travelling.post(OFFERS, json={}))
    neighbour = client(
        limited, "192.0.2.1"
    )  # another player at the first IP: its 4/minute is not used up
    sign_in(neighbour)
    assert neighbour.post(OFFERS, json={}).status_code == 400


def test_limits_can_be_turned_off(make_app: Any) -> None:
    api = client(make_app(replace(SMALL, enabled=False)))
    assert [api.post(NONCE).status_code for _ in range(7)] == [200] * 7


def test_every_limited_route_documents_its_429(app: APIFlask) -> None:
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    documented = {
        (path, method)
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if "429" in operation.get("responses", {})
    }
    assert documented == {
        ("/api/v1/auth/nonce", "post"),
        ("/api/v1/auth/sign-in", "post"),
        ("/api/v1/orders", "post"),
        ("/api/v1/trait-offers", "post"),
        ("/api/v1/trait-offers/{trait_offer_id}/picks", "post"),
        ("/api/v1/relay/forward", "post"),
        ("/api/v1/images/{genes}.{extension}", "get"),
        ("/api/v1/pets/{pet_id}/verify", "get"),
    }
    assert len(LIMITED_ENDPOINTS) == len(documented)
    answer = spec["paths"]["/api/v1/relay/forward"]["post"]["responses"]["429"]
    assert "Retry-After" in answer["headers"]
    assert (
        answer["content"]["application/json"]["schema"]["$ref"]
        == "#/components/schemas/ErrorResponse"
    )


def test_only_png_drawings_count_against_the_pictures_limit(make_app: Any) -> None:
    """A stranger asking for PNGs of made-up genomes makes the server draw each (a large part
    of a second of CPU): those are limited. SVGs and 304 revalidations cost nothing and are not."""
    api = client(make_app())
    assert [api.get(f"/api/v1/images/{genes:x}.png").status_code for genes in (1, 2, 3)] == [
        200
    ] * 3
    too_many(api.get("/api/v1/images/4.png"))
    assert [api.get(f"/api/v1/images/{genes:x}.svg").status_code for genes in range(5, 15)] == [
        200
    ] * 10
    drawn = client(make_app(), "198.51.100.7").get(
        "/api/v1/images/1.png"
    )  # another IP: its own count
    assert (
        api.get(
            "/api/v1/images/1.png", headers={"If-None-Match": drawn.headers["ETag"]}
        ).status_code
        == 304
    )
    # an If-None-Match that names another picture does not buy a free drawing
    too_many(api.get("/api/v1/images/5.png", headers={"If-None-Match": drawn.headers["ETag"]}))


def test_the_tamper_check_of_a_pet_is_limited(make_app: Any) -> None:
    api = client(make_app())
    assert [api.get("/api/v1/pets/1/verify").status_code != 429 for _ in range(2)] == [True, True]
    too_many(api.get("/api/v1/pets/1/verify"))


def test_concurrent_hits_from_two_engines_are_all_counted(indexed_database: str) -> None:
    engines = [make_engine(indexed_database) for _ in range(2)]
    storages = [DatabaseStorage("pawchain-sql://", engine=engine) for engine in engines]
    storages[0].clear("race")
    answers: list[int] = []
    lock = threading.Lock()

    def hit(storage: DatabaseStorage) -> None:
        for _ in range(25):
            count = storage.incr("race", 60)
            with lock:
                answers.append(count)

    threads = [threading.Thread(target=hit, args=(storages[n % 2],)) for n in range(6)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(answers) == list(range(1, 151))  # every hit counted once: no lost update
        assert storages[1].get("race") == 150
        assert time.time() + 55 < storages[1].get_expiry("race") <= time.time() + 60
    finally:
        storages[0].clear("race")
        for engine in engines:
            engine.dispose()


def test_limits_are_settings() -> None:
    settings = Settings.from_env(
        {"PAWCHAIN_RATE_LIMIT_RELAY_IP": "5/second;100/hour", "PAWCHAIN_RATE_LIMITS": "off"}
    )
    assert (
        settings.rate_limits.relay_per_ip == "5/second;100/hour"
        and not settings.rate_limits.enabled
    )
    assert Settings.from_env({}).rate_limits == RateLimitSettings()
    with pytest.raises(ConfigError, match="PAWCHAIN_RATE_LIMIT_ORDERS_IP"):
        Settings.from_env({"PAWCHAIN_RATE_LIMIT_ORDERS_IP": "lots"})
    with pytest.raises(ConfigError, match="PAWCHAIN_RATE_LIMITS"):
        Settings.from_env({"PAWCHAIN_RATE_LIMITS": "maybe"})


def _test_redis() -> ModuleType:
    """tools/test_redis.py as a module (tools/ holds scripts, not a package: the scripts import
    their shared module, debian_packages, from tools/, so it goes on sys.path first)."""
    tools = str(REPO_ROOT / "tools")
    if tools not in sys.path:
        sys.path.insert(0, tools)
    return importlib.import_module("test_redis")


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Redis server for this module: PAWCHAIN_TEST_REDIS_URL's, or a throwaway one."""
    given = os.environ.get("PAWCHAIN_TEST_REDIS_URL")
    if given:
        yield given
        return
    server, folder = _test_redis(), tmp_path_factory.mktemp("redis")
    url = server.start(folder)
    yield url
    server.stop(folder)


def test_with_a_redis_url_two_workers_share_one_count_in_redis(
    make_app: Any, app: APIFlask, redis_url: str
) -> None:
    with Redis.from_url(redis_url) as redis:
        redis.flushdb()
        limits = replace(SMALL, redis_url=redis_url)
        first, second = client(make_app(limits)), client(make_app(limits))
        opened = time.time()
        answers = [second.post(NONCE).status_code]
        opened_by = time.time()
        answers += [api.post(NONCE).status_code for api in (first, second, first, second)]
        assert answers == [200] * 5
        before = time.time()
        retry_after = too_many(first.post(NONCE))
        after = time.time()
        assert (
            math.ceil(opened + 60 - after) - 1 <= retry_after <= math.ceil(opened_by + 60 - before)
        )
        assert redis.dbsize() >= 1  # the count is Redis's ...
    with engine_of(app).connect() as connection:  # ... not the database's
        assert connection.scalar(select(func.count()).select_from(RateLimitCounter)) == 0


def test_a_redis_url_is_a_setting() -> None:
    settings = Settings.from_env({"PAWCHAIN_RATE_LIMIT_REDIS_URL": "redis://:secret@cache:6379/2"})
    assert (
        settings.rate_limits.redis_url == "redis://:secret@cache:6379/2"
        and "secret" not in repr(settings)
    )
    assert Settings.from_env({}).rate_limits.redis_url is None
    with pytest.raises(ConfigError, match="PAWCHAIN_RATE_LIMIT_REDIS_URL"):
        Settings.from_env({"PAWCHAIN_RATE_LIMIT_REDIS_URL": "memcached://cache:11211"})
