"""The outbox under SIGKILL: the web process (gunicorn, where requests are signed and recorded)
and the `pawchain relay` worker (broadcaster, tracker, midwife) die between each pair of a request's steps, are
restarted, and the chain and the database are compared: no transaction sent twice, no request
lost, no nonce skipped or reused.

The kill is deterministic: the test writes a step's name into the crash file
(pawchain.relay.crash) and the process that reaches that step kills itself with SIGKILL.
Each test asserts that its kills happened, so it cannot pass without them."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from eth_account import Account
from sqlalchemy import Engine, select

from pawchain.indexer import Indexer
from pawchain.relay import Midwife
from pawchain.relay.crash import CRASH_FILE
from pawchain.store import MidwifeBirth, RelayTransaction
from pawchain.store.relay_models import RelayAttempt
from tests.backend.relay.conftest import Relay
from tests.backend.relay.relay_game import RelayGame
from tests.backend.relay.relay_process import RelayProcess
from tests.backend.relay.signing import forward_body, signed_request
from tests.support.indexing import indexer_for
from tests.support.relay_server import http_json, relay_settings, wait_for_states, web_server

# Where each step runs for a forward request: submit (accept, sign and record: one database
# transaction, "signed" just before its commit) in the web process; the broadcast and the
# receipts in the worker. ("accepted" alone is a request the relay cannot pay for yet.)
FORWARD_STEPS = ("signed", "recorded", "broadcast", "receipt", "mined")
# A birth: all of it in the worker (the midwife submits; the tracker follows).
BIRTH_STEPS = ("signed", "recorded", "broadcast", "booked", "receipt", "mined")
FEE = 10**15
WEEK = 7 * 24 * 3600


@pytest.fixture
def crash_file(tmp_path: Path) -> Path:
    return tmp_path / "crash-at"


@pytest.fixture
def settings(
    relay: Relay, game: RelayGame, chain_url: str, tmp_path: Path, crash_file: Path
) -> dict[str, str]:
    url = relay.sessions.kw["bind"].url.render_as_string(hide_password=False)
    return relay_settings(
        url,
        chain_url,
        game.deployment(),
        relay.sender.settings.signing_key,
        tmp_path,
        # The tracker leaves a recorded transaction to its process for this long (then takes
        # that process for dead and sends it): shorter than the default, to keep the test short.
        **{CRASH_FILE: str(crash_file), "PAWCHAIN_RELAY_RECORDED_GRACE": "2"},
    )


@pytest.fixture
def engines() -> Iterator[list[Engine]]:
    made: list[Engine] = []
    yield made
    for engine in made:
        engine.dispose()


@pytest.fixture
def indexer(database_url: str, game: RelayGame, engines: list[Engine]) -> Indexer:
    """An indexer of the game into the relay's database."""
    return indexer_for(database_url, game, engines)


@pytest.fixture
def audit_since_start(relay: Relay, game: RelayGame) -> Callable[[], list[str]]:
    """audit_since_start(): audit() of the blocks mined since the test's fixtures were made
    (the fixture comes last in a test's arguments, so it is made last)."""
    first_block = game.web3.eth.block_number + 1
    return lambda: audit(relay, game, first_block)


class Restarting:
    """The `pawchain relay` worker, started again whenever it died."""

    def __init__(self, settings: dict[str, str], log: Path, *args: str) -> None:
        self.settings, self.log, self.args = settings, log, args
        self.worker = self._start()
        self.kills = 0

    def _start(self) -> RelayProcess:
        return RelayProcess(self.settings, self.log, "--poll", "0.2", *self.args)

    def revive(self) -> bool:
        """Start it again if it was killed; True if it had been (SIGKILL is the only death allowed)."""
        code = self.worker.exit_code()
        if code is None:
            return False
        assert code == -signal.SIGKILL, self.log.read_text()[-3000:]
        self.kills += 1
        self.worker = self._start()
        return True

    def halt(self) -> None:
        """Stop it cleanly (SIGTERM: it ends its current step); `resume()` starts a new one.
        Apart, so that a test arms the next crash point in between: a worker still running
        when it is armed could die there before the signal came."""
        assert self.worker.stop() == 0, self.log.read_text()[-3000:]

    def resume(self) -> None:
        self.worker = self._start()

    def stop(self) -> None:
        self.worker.stop()


def post_until_answered(
    url: str, body: dict[str, Any], seconds: float = 60.0
) -> tuple[int, dict[str, Any], int]:
    """POST the same signed request until a web process answers (a killed gunicorn worker drops
    the connection and is replaced): (status, body, connections dropped)."""
    deadline, dropped = time.monotonic() + seconds, 0
    while True:
        try:
            status, answer = http_json("POST", f"{url}/api/v1/relay/forward", body)
            return status, answer, dropped
        except OSError:  # the connection died with the process
            dropped += 1
            assert time.monotonic() < deadline, "no web process answered"
            time.sleep(0.2)


def fired(crash_file: Path) -> bool:
    return crash_file.with_name(crash_file.name + ".fired").exists()


def arm(crash_file: Path, step: str) -> None:
    crash_file.with_name(crash_file.name + ".fired").unlink(missing_ok=True)
    crash_file.write_text(step, encoding="ascii")


def wait_before_looking_again(deadline: float, step: str, seen: object, log: Path) -> None:
    """Fail once `deadline` (time.monotonic) has passed, showing the step, what was seen last
    and the tail of the relay's log; else wait a tenth of a second."""
    assert time.monotonic() < deadline, (step, seen, log.read_text()[-3000:])
    time.sleep(0.1)


def audit(relay: Relay, game: RelayGame, first_block: int) -> list[str]:
    """Compare the relay account's transactions on chain with the database; the mined hashes.
    No transaction twice for one request, no request without its transaction, no nonce gap."""
    address = relay.sender.address
    sent = [
        tx
        for number in range(first_block, game.web3.eth.block_number + 1)
        for tx in game.web3.eth.get_block(number, full_transactions=True)["transactions"]
        if not isinstance(tx, bytes) and tx["from"] == address
    ]  # full: not hashes
    with relay.sessions() as session:
        requests = session.scalars(
            select(RelayTransaction).where(RelayTransaction.sender == address)
        ).all()
        attempts = {
            attempt.tx_hash: attempt.transaction_id
            for attempt in session.scalars(select(RelayAttempt))
        }
    on_chain = [tx["hash"].to_0x_hex() for tx in sent]
    assert sorted(tx["nonce"] for tx in sent) == list(range(len(sent)))  # no gap, no nonce twice
    assert all(
        tx_hash in attempts for tx_hash in on_chain
    )  # nothing sent that was not recorded first
    assert len({attempts[tx_hash] for tx_hash in on_chain}) == len(
        on_chain
    )  # no request sent twice
    assert {row.state for row in requests} == {"mined"}  # none lost, none failed
    assert sorted(row.tx_hash or "" for row in requests) == sorted(
        on_chain
    )  # each request is one of these
    assert sorted(-1 if row.nonce is None else row.nonce for row in requests) == list(
        range(len(requests))
    )
    assert game.web3.eth.get_transaction_count(address) == len(requests)
    return on_chain


def test_a_forward_request_killed_between_any_two_steps_is_sent_once(
    settings: dict[str, str],
    game: RelayGame,
    crash_file: Path,
    indexer: Indexer,
    tmp_path: Path,
    audit_since_start: Callable[[], list[str]],
):
    players = [Account.create().key.to_0x_hex() for _ in FORWARD_STEPS]
    ids, web_kills = [], 0
    with web_server(settings, tmp_path / "web.log", workers=1, threads=4) as url:
        worker = Restarting(settings, tmp_path / "relay.log")
        try:
            for step, player in zip(FORWARD_STEPS, players, strict=True):
                arm(crash_file, step)
                body = forward_body(
                    signed_request(
                        game, game.pets.functions.setApprovalForAll(game.account(8), True), player
                    )
                )
                status, answer, dropped = post_until_answered(url, body)
                assert status == 202, answer
                web_kills += dropped > 0
                again = post_until_answered(url, body)  # the client's retry: the same request
                assert (again[0], again[1]["id"]) == (202, answer["id"])
                ids.append(answer["id"])
                deadline, worker_kills = time.monotonic() + 60, worker.kills
                while True:
                    state = http_json("GET", f"{url}/api/v1/relay/requests/{answer['id']}")[1][
                        "state"
                    ]
                    worker.revive()
                    died = (
                        dropped > 0 or worker.kills > worker_kills
                    )  # the process did die at this step
                    if state in ("mined", "indexed") and fired(crash_file) and died:
                        break
                    wait_before_looking_again(deadline, step, state, tmp_path / "relay.log")
        finally:
            worker.stop()
        indexer.sync()
        statuses = wait_for_states(url, ids, {"indexed"})
    # One death per step: broadcast, receipt and mined in the worker; signed and recorded in
    # gunicorn.
    assert web_kills + worker.kills == len(FORWARD_STEPS) and worker.kills >= 3
    mined = audit_since_start()
    assert sorted(status["tx_hash"] for status in statuses.values()) == sorted(mined)
    for player in players:  # each signed request executed exactly once
        assert game.forwarder.functions.nonces(Account.from_key(player).address).call() == 1


def test_a_birth_killed_between_any_two_steps_is_delivered_once(
    settings: dict[str, str],
    relay: Relay,
    game: RelayGame,
    crash_file: Path,
    indexer: Indexer,
    tmp_path: Path,
    audit_since_start: Callable[[], list[str]],
):
    owner = game.account(1)
    game.set_birth_fee(FEE)
    worker: Restarting | None = None
    matrons = []
    try:
        for step in BIRTH_STEPS:
            if worker is not None:
                worker.halt()  # before the birth is due: only the next worker may deliver it
            matron, sire = game.mint(owner), game.mint(owner)
            game.breed(matron, sire, fee=FEE)
            game.advance(WEEK)
            indexer.sync()
            matrons.append(matron)
            arm(crash_file, step)
            if worker is None:
                worker = Restarting(settings, tmp_path / "relay.log", "--mine-when-waiting")
            else:
                worker.resume()  # its midwife's first round comes at once (then every 5 s)
            deadline, kills = time.monotonic() + 60, worker.kills
            while True:
                worker.revive()
                with relay.sessions() as session:
                    booked = session.execute(
                        select(RelayTransaction.state)
                        .join(MidwifeBirth, MidwifeBirth.transaction_id == RelayTransaction.id)
                        .where(MidwifeBirth.matron_id == matron)
                    ).scalar()
                if booked == "mined" and fired(crash_file) and worker.kills > kills:
                    break
                wait_before_looking_again(deadline, step, booked, tmp_path / "relay.log")
            assert worker.kills == len(matrons), step  # one death per step, at that step
    finally:
        if worker is not None:
            worker.stop()
        game.set_birth_fee(0)
    audit_since_start()
    # The books (one database transaction per birth: no step to crash between; the worker
    # books them every 5 s, here at once to keep the test short).
    Midwife(relay.sender, game.pets.address, relay.sessions).settle()
    with relay.sessions() as session:
        births = session.scalars(select(MidwifeBirth).order_by(MidwifeBirth.matron_id)).all()
    assert [(birth.matron_id, birth.note, birth.earned) for birth in births] == [
        (m, "born", FEE) for m in matrons
    ]
    for birth in births:
        assert tuple(game.pets.functions.getPet(birth.child_id).call())[3] == birth.matron_id
