"""The game server's settings, read from the environment (twelve-factor style).

Everything has a default that suits the local game (`bin/run`) except secrets: a secret
with a default is a secret everybody knows, so a missing one is an error raised where the
secret is needed (the web app's sessions), never a silent fallback. Commands that need no
secret (the indexer, `pawchain db`) run without one.

| variable | default |
|---|---|
| PAWCHAIN_DATABASE_URL | sqlite:///<repo>/.data/pawchain.db (PostgreSQL: postgresql+psycopg://user@host/db) |
| PAWCHAIN_RPC_URL | http://127.0.0.1:8545 (the game's chain) |
| PAWCHAIN_DEPLOYMENT | <repo>/.data/deployment.json (written by bin/run) |
| PAWCHAIN_SECRET_KEY | none: required by whatever signs sessions |
| PAWCHAIN_PUBLIC_URL | none: the API builds absolute URLs (metadata's image) from the request's host |
| PAWCHAIN_INDEX_BATCH_BLOCKS | 500 blocks per eth_getLogs call and per database transaction |
| PAWCHAIN_INDEX_CONFIRMATIONS | 0 blocks kept back from the head (reorgs are handled anyway) |
| PAWCHAIN_INDEX_REORG_WINDOW | 128 recent block hashes kept: the deepest reorganisation undone |
| PAWCHAIN_INDEX_POLL_SECONDS | 1.0 between polls when following the head |
| PAWCHAIN_INDEX_BATCH_PAUSE | 0 seconds held inside each batch's transaction (tests: a window to kill in) |
| PAWCHAIN_INDEX_STREAM_BLOCKS | 50 blocks per eth_getLogs call of a batch written as it is read (sync) |
| PAWCHAIN_RELAY_KEY | none: the relay account's private key (0x-hex); required by whatever sends |
| PAWCHAIN_RELAY_DAILY_GAS | 2,000,000 gas sponsored per player per UTC day |
| PAWCHAIN_RELAY_PRIORITY_FEE | 1,000,000,000 wei (1 gwei) tip per gas |
| PAWCHAIN_RELAY_RESEND_SECONDS | 30: a transaction not mined by then is re-sent with higher fees |
| PAWCHAIN_RELAY_RECORDED_GRACE | 5 s the tracker leaves a just-accepted request to the web process dispatching it |
| PAWCHAIN_RELAY_GAS_MARGIN | 20 (%) added to the node's gas estimate |
| PAWCHAIN_SESSION_LIFETIME | 86400 seconds a sign-in lasts at most (absolute) |
| PAWCHAIN_SESSION_IDLE | 7200 seconds without a request that end a session |
| PAWCHAIN_RATE_LIMITS | on (`off` disables every rate limit) |
| PAWCHAIN_RATE_LIMIT_NONCE | 30/minute per IP (POST /auth/nonce) |
| PAWCHAIN_RATE_LIMIT_SIGN_IN | 10/minute per IP (POST /auth/sign-in) |
| PAWCHAIN_RATE_LIMIT_ORDERS_IP | 60/minute per IP (POST /orders, trait offers and their picks) |
| PAWCHAIN_RATE_LIMIT_ORDERS_ADDRESS | 30/minute per signed-in address (the same routes) |
| PAWCHAIN_RATE_LIMIT_RELAY_IP | 30/minute per IP (POST /relay/forward) |
| PAWCHAIN_RATE_LIMIT_RELAY_ADDRESS | 20/minute per signed-in address (POST /relay/forward) |
| PAWCHAIN_RATE_LIMIT_PICTURES | 120/minute per IP (PNG pictures of a genome; SVG and 304 answers are not counted) |
| PAWCHAIN_RATE_LIMIT_VERIFY | 30/minute per IP (GET /pets/{id}/verify: it reads the chain) |
| PAWCHAIN_RATE_LIMIT_REDIS_URL | none: counts in the game's database; redis://host:port/db counts in Redis |
| PAWCHAIN_STREAM_URL | http://127.0.0.1:5001: the live event stream's server (`pawchain stream`) |
| PAWCHAIN_STREAM_POLL_SECONDS | 0.2 between the stream's reads of new events on SQLite (PostgreSQL notifies) |
| PAWCHAIN_STREAM_KEEP_ALIVE_SECONDS | 15: a comment line on every stream this often, so proxies keep it open |
| PAWCHAIN_STREAM_MAX | 10,000 open streams per stream process; one more is refused (503 too_many_streams) |
"""  # a table of settings, one row a line

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from limits import parse_many

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = REPO_ROOT / ".data"

_N = TypeVar("_N", int, float)
GWEI = 10**9


class ConfigError(ValueError):
    """A setting is missing or malformed."""


@dataclass(frozen=True)
class IndexerOptions:
    """How the indexer walks the chain (pawchain.indexer.Indexer takes it): filled from
    PAWCHAIN_INDEX_* (the table above says what each field means); the indexer reads no settings."""

    batch_blocks: int = 500
    confirmations: int = 0
    reorg_window: int = 128
    poll_seconds: float = 1.0
    batch_pause: float = 0.0
    stream_blocks: int = 50


@dataclass(frozen=True)
class RelaySettings:
    """How the relay sends (pawchain.relay). The key has no default: `signing_key` raises
    ConfigError without one, so commands that never relay run without it."""

    # repr=False: settings get printed and logged; the key must not be.
    key: str | None = field(default=None, repr=False)
    daily_gas_per_player: int = 2_000_000
    priority_fee: int = GWEI
    resend_seconds: float = 30.0
    gas_margin_percent: int = 20
    recorded_grace_seconds: float = 5.0

    @property
    def signing_key(self) -> str:
        """The relay account's private key; ConfigError if PAWCHAIN_RELAY_KEY is not set (a
        relay key with a default would be a key everybody knows, and drains)."""
        return required_secret(
            self.key,
            "PAWCHAIN_RELAY_KEY is not set: it is the relay account's private key and has no default",
        )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> RelaySettings:
        """The PAWCHAIN_RELAY_* variables of `environ` (default: the process environment)."""
        env = os.environ if environ is None else environ
        return cls(
            key=env.get("PAWCHAIN_RELAY_KEY") or None,
            daily_gas_per_player=number_setting(
                env, "PAWCHAIN_RELAY_DAILY_GAS", int, 2_000_000, minimum=0
            ),
            priority_fee=number_setting(env, "PAWCHAIN_RELAY_PRIORITY_FEE", int, GWEI, minimum=0),
            resend_seconds=number_setting(
                env, "PAWCHAIN_RELAY_RESEND_SECONDS", float, 30.0, minimum=0
            ),
            gas_margin_percent=number_setting(env, "PAWCHAIN_RELAY_GAS_MARGIN", int, 20, minimum=0),
            recorded_grace_seconds=number_setting(
                env, "PAWCHAIN_RELAY_RECORDED_GRACE", float, 5.0, minimum=0
            ),
        )


@dataclass(frozen=True)
class SessionSettings:
    """How long a sign-in lasts (pawchain.web.auth.sessions): at most `lifetime_seconds` after
    signing in, and until `idle_seconds` pass without a request."""

    lifetime_seconds: int = 24 * 3600
    idle_seconds: int = 2 * 3600

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> SessionSettings:
        return cls(
            lifetime_seconds=number_setting(
                env, "PAWCHAIN_SESSION_LIFETIME", int, 24 * 3600, minimum=1
            ),
            idle_seconds=number_setting(env, "PAWCHAIN_SESSION_IDLE", int, 2 * 3600, minimum=1),
        )


@dataclass(frozen=True)
class RateLimitSettings:
    """Requests allowed per client (pawchain.web.rate_limits), in Flask-Limiter's notation
    ("30/minute", "5/second;100/hour"). Counted per IP, and per signed-in address where it says
    so."""

    enabled: bool = True
    nonce_per_ip: str = "30/minute"
    sign_in_per_ip: str = "10/minute"
    orders_per_ip: str = "60/minute"
    orders_per_address: str = "30/minute"
    relay_per_ip: str = "30/minute"
    relay_per_address: str = "20/minute"
    # Work a stranger can make the server do: drawing a PNG not asked for before takes a large
    # part of a second of CPU, and a pet's verify asks the node several questions.
    pictures_per_ip: str = "120/minute"
    verify_per_ip: str = "30/minute"
    # None: the counts live in the game's database; a redis:// URL: in that Redis.
    # repr=False: the URL may hold a password.
    redis_url: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> RateLimitSettings:
        switch = (env.get("PAWCHAIN_RATE_LIMITS") or "on").strip().lower()
        if switch not in ("on", "off"):
            raise ConfigError(f"PAWCHAIN_RATE_LIMITS={switch!r} is neither 'on' nor 'off'")
        default = cls()
        return cls(
            enabled=switch == "on",
            nonce_per_ip=limit_setting(env, "PAWCHAIN_RATE_LIMIT_NONCE", default.nonce_per_ip),
            sign_in_per_ip=limit_setting(
                env, "PAWCHAIN_RATE_LIMIT_SIGN_IN", default.sign_in_per_ip
            ),
            orders_per_ip=limit_setting(
                env, "PAWCHAIN_RATE_LIMIT_ORDERS_IP", default.orders_per_ip
            ),
            orders_per_address=limit_setting(
                env, "PAWCHAIN_RATE_LIMIT_ORDERS_ADDRESS", default.orders_per_address
            ),
            relay_per_ip=limit_setting(env, "PAWCHAIN_RATE_LIMIT_RELAY_IP", default.relay_per_ip),
            relay_per_address=limit_setting(
                env, "PAWCHAIN_RATE_LIMIT_RELAY_ADDRESS", default.relay_per_address
            ),
            pictures_per_ip=limit_setting(
                env, "PAWCHAIN_RATE_LIMIT_PICTURES", default.pictures_per_ip
            ),
            verify_per_ip=limit_setting(env, "PAWCHAIN_RATE_LIMIT_VERIFY", default.verify_per_ip),
            redis_url=redis_setting(env, "PAWCHAIN_RATE_LIMIT_REDIS_URL"),
        )


@dataclass(frozen=True)
class StreamSettings:
    """The live event stream (pawchain.stream): filled from PAWCHAIN_STREAM_* (table above)."""

    url: str = "http://127.0.0.1:5001"  # the server's base: the stream is <url>/api/v1/stream
    poll_seconds: float = 0.2
    keep_alive_seconds: float = 15.0
    max_streams: int = 10_000

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> StreamSettings:
        return cls(
            url=(env.get("PAWCHAIN_STREAM_URL") or cls.url).rstrip("/"),
            poll_seconds=number_setting(
                env, "PAWCHAIN_STREAM_POLL_SECONDS", float, cls.poll_seconds, minimum=0.01
            ),
            keep_alive_seconds=number_setting(
                env,
                "PAWCHAIN_STREAM_KEEP_ALIVE_SECONDS",
                float,
                cls.keep_alive_seconds,
                minimum=0.01,
            ),
            max_streams=number_setting(env, "PAWCHAIN_STREAM_MAX", int, cls.max_streams, minimum=1),
        )


@dataclass(frozen=True)
class Settings:
    """All settings of the game server. Build with `Settings.from_env()`."""

    database_url: str
    rpc_url: str
    deployment_path: Path
    indexer: IndexerOptions = field(default_factory=IndexerOptions)
    # Where players reach the server, e.g. https://pawchain.example (no trailing slash):
    # the base of absolute URLs in ERC-721 metadata, which marketplaces fetch from elsewhere.
    public_url: str | None = None
    relay: RelaySettings = field(default_factory=RelaySettings)
    sessions: SessionSettings = field(default_factory=SessionSettings)
    rate_limits: RateLimitSettings = field(default_factory=RateLimitSettings)
    stream: StreamSettings = field(default_factory=StreamSettings)
    # repr=False: settings get printed and logged; the secret must not be.
    _secret_key: str | None = field(default=None, repr=False)

    @property
    def secret_key(self) -> str:
        """The key that signs sessions; raises ConfigError if PAWCHAIN_SECRET_KEY is not set."""
        return required_secret(
            self._secret_key,
            "PAWCHAIN_SECRET_KEY is not set: it signs player sessions and has no default "
            "(generate one with `python -c 'import secrets; print(secrets.token_hex(32))'`)",
        )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from `environ` (default: the process environment)."""
        env = os.environ if environ is None else environ
        return cls(
            database_url=env.get("PAWCHAIN_DATABASE_URL")
            or f"sqlite:///{DEFAULT_DATA_DIR / 'pawchain.db'}",
            rpc_url=env.get("PAWCHAIN_RPC_URL") or "http://127.0.0.1:8545",
            deployment_path=Path(
                env.get("PAWCHAIN_DEPLOYMENT") or DEFAULT_DATA_DIR / "deployment.json"
            ),
            indexer=IndexerOptions(
                batch_blocks=number_setting(
                    env, "PAWCHAIN_INDEX_BATCH_BLOCKS", int, 500, minimum=1
                ),
                confirmations=number_setting(
                    env, "PAWCHAIN_INDEX_CONFIRMATIONS", int, 0, minimum=0
                ),
                reorg_window=number_setting(
                    env, "PAWCHAIN_INDEX_REORG_WINDOW", int, 128, minimum=1
                ),
                poll_seconds=number_setting(
                    env, "PAWCHAIN_INDEX_POLL_SECONDS", float, 1.0, minimum=0
                ),
                batch_pause=number_setting(
                    env, "PAWCHAIN_INDEX_BATCH_PAUSE", float, 0.0, minimum=0
                ),
                stream_blocks=number_setting(
                    env, "PAWCHAIN_INDEX_STREAM_BLOCKS", int, 50, minimum=1
                ),
            ),
            public_url=(env.get("PAWCHAIN_PUBLIC_URL") or "").rstrip("/") or None,
            relay=RelaySettings.from_env(env),
            sessions=SessionSettings.from_env(env),
            rate_limits=RateLimitSettings.from_env(env),
            stream=StreamSettings.from_env(env),
            _secret_key=env.get("PAWCHAIN_SECRET_KEY") or None,
        )


def required_secret(value: str | None, missing: str) -> str:
    """A secret setting's value; ConfigError saying `missing` when it is not set (a secret
    with a default would be one everybody knows)."""
    if not value:
        raise ConfigError(missing)
    return value


def number_setting(
    env: Mapping[str, str], name: str, kind: type[_N], default: _N, minimum: _N
) -> _N:
    """A numeric variable, or `default` when unset; ConfigError when malformed or too small."""
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a {kind.__name__}") from None
    if value < minimum:
        raise ConfigError(f"{name}={raw!r} is below {minimum}")
    return value


def limit_setting(env: Mapping[str, str], name: str, default: str) -> str:
    """A rate limit in Flask-Limiter's notation ("30/minute"), or `default` when unset;
    ConfigError when it does not parse."""
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    try:
        parse_many(raw)
    except ValueError:
        raise ConfigError(
            f"{name}={raw!r} is not a rate limit such as '30/minute' or '5/second;100/hour'"
        ) from None
    return raw


def redis_setting(env: Mapping[str, str], name: str) -> str | None:
    """A Redis URL (redis://, rediss://), or None when unset; ConfigError for another scheme."""
    raw = (env.get(name) or "").strip()
    if not raw:
        return None
    if not raw.startswith(("redis://", "rediss://")):
        raise ConfigError(
            f"{name} must be a redis:// or rediss:// URL"
        )  # not echoed: it may hold a password
    return raw
