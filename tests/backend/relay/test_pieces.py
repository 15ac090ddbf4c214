"""The relay's small parts without a chain: revert decoding, fee bumps, settings."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from eth_abi import encode
from eth_utils import function_signature_to_4byte_selector, keccak, to_checksum_address
from web3 import Web3

from pawchain.chain import load_abi
from pawchain.chain.abi_function import abi_function
from pawchain.config import ConfigError, Settings
from pawchain.relay import ForwardRequest, decode_revert
from pawchain.relay.calldata import decode_inner
from pawchain.relay.fees import Fees, current_fees
from pawchain.relay.group_commit import GroupCommit
from pawchain.relay.write_turn import WriteTurn
from pawchain.store import make_engine


def _revert(signature: str, types: list[str], values: list[object]) -> str:
    return "0x" + (function_signature_to_4byte_selector(signature) + encode(types, values)).hex()


def test_custom_errors_of_every_contract_are_decoded_by_name_and_arguments():
    pet_error = decode_revert(
        _revert("PetNotMatronOwner(address,uint256)", ["address", "uint256"], ["0x" + "ab" * 20, 7])
    )
    assert (pet_error.name, pet_error.args) == (
        "PetNotMatronOwner",
        {"caller": to_checksum_address("0x" + "ab" * 20), "matronId": 7},
    )
    details = pet_error.to_json(now=0)
    assert details["args"]["matronId"] == "7"  # big integers as strings
    assert details["sentence"] == "0xABaB…ABaB does not own the matron, pet #7."
    forwarder_error = decode_revert(
        _revert("ERC2771ForwarderExpiredRequest(uint48)", ["uint48"], [5])
    )
    assert (forwarder_error.name, forwarder_error.args) == (
        "ERC2771ForwarderExpiredRequest",
        {"deadline": 5},
    )


def test_plain_reverts_panics_and_unknown_data():
    assert decode_revert(_revert("Error(string)", ["string"], ["nope"])).args == {"reason": "nope"}
    assert decode_revert(_revert("Panic(uint256)", ["uint256"], [0x11])).args == {"code": 0x11}
    assert decode_revert("0x").name == "EmptyRevert"
    assert decode_revert("0xdeadbeef").name == "UnknownError"
    assert decode_revert("0x").explain(now=0).startswith("The contract refused without")


def test_a_replacement_raises_both_fees_by_more_than_ten_percent():
    fees = Fees(max_fee=3, priority=1).bumped()
    assert fees.max_fee * 10 >= 3 * 11 and fees.priority * 10 >= 1 * 11
    assert current_fees(base_fee=100, priority=7) == Fees(207, 7)
    assert Fees(10, 1).at_least(Fees(5, 2)) == Fees(10, 2)


def test_the_relay_key_has_no_default():
    # Commands that do not relay read the same settings without a key ...
    settings = Settings.from_env({})
    with pytest.raises(ConfigError, match="PAWCHAIN_RELAY_KEY"):
        settings.relay.signing_key  # noqa: B018  # ... and only what signs asks for it
    settings = Settings.from_env(
        {"PAWCHAIN_RELAY_KEY": "0x" + "11" * 32, "PAWCHAIN_RELAY_DAILY_GAS": "5"}
    )
    assert settings.relay.daily_gas_per_player == 5
    assert settings.relay.signing_key == "0x" + "11" * 32
    assert "11" * 32 not in repr(settings)
    with pytest.raises(ConfigError, match="PAWCHAIN_RELAY_GAS_MARGIN"):
        Settings.from_env({"PAWCHAIN_RELAY_GAS_MARGIN": "-1"})


@pytest.mark.parametrize(
    "data", [b"", b"\x01", bytes(range(256)) * 3], ids=["no data", "one byte", "768 bytes"]
)
def test_a_forward_requests_digest_is_the_eip712_hash_wallets_sign(data: bytes):
    """ForwardRequest.digest hashes with eth_abi; eth_account's encode_typed_data is the
    reference (what wallets sign), over addresses in any case and every field's full range."""
    request = ForwardRequest(
        "0x" + "ab" * 20, "0x" + "CD" * 20, 2**256 - 1, 300_000, 7, 2**48 - 1, data, b""
    )
    forwarder = "0x" + "12" * 20
    signable = request.signable(31337, forwarder)
    expected = keccak(b"\x19" + signable.version + signable.header + signable.body)
    assert request.digest(31337, forwarder) == expected
    assert request.digest(1, forwarder) != expected  # the domain is hashed in


def test_the_inner_call_is_decoded_once_as_web3_decodes_it():
    """decode_inner (eth_abi, by selector) reads a call as web3's contract decoder does; the
    forwarder's execute is encoded as web3 encodes it; a call no check reads is None."""
    book, forwarder = (
        Web3().eth.contract(abi=load_abi(name)) for name in ("OrderBook", "PawForwarder")
    )
    offer = (to_checksum_address("0x" + "ab" * 20), 5, 10**18, 3, 2**40)
    data = bytes.fromhex(book.encode_abi("acceptOffer", [offer, b"\x01" * 65, 250])[2:])
    _, expected = book.decode_function_input(data)
    inner = decode_inner(data)
    assert inner is not None and (inner.contract, inner.name) == ("OrderBook", "acceptOffer")
    assert inner.args["offer"]["expiry"] == expected["offer"]["expiry"] == 2**40
    assert inner.args["offer"]["buyer"].lower() == expected["offer"]["buyer"].lower()
    assert decode_inner(data[:40]) is None and decode_inner(b"\xde\xad\xbe\xef") is None
    request = ForwardRequest("0x" + "ab" * 20, "0x" + "cd" * 20, 0, 9, 1, 2, data, b"\x02" * 65)
    assert "0x" + abi_function("PawForwarder", "execute").calldata(
        request.as_struct()
    ).hex() == forwarder.encode_abi("execute", [request.as_struct()])


def test_sqlite_writers_of_one_process_take_turns(tmp_path: Path):
    """While one thread holds the write turn on SQLite, another thread of the process waits for
    it; PostgreSQL has no turn to wait for."""
    turn = WriteTurn(make_engine(f"sqlite:///{tmp_path / 'relay.db'}"))
    entered = threading.Event()

    def second() -> None:
        with turn():
            entered.set()

    with turn():
        other = threading.Thread(target=second)
        other.start()
        assert not entered.wait(0.2)  # the other thread waits for the turn
    other.join(5)
    assert entered.is_set()
    postgres = WriteTurn(make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none"))
    with postgres(), postgres():  # no lock at all: even nested in one thread
        pass


def _recording_in_threads(
    group: GroupCommit[int, int], items: list[int]
) -> tuple[list[threading.Thread], dict[int, object]]:
    """Threads each handing one of `items` to `group`; what each got (result or error)."""
    got: dict[int, object] = {}

    def hand(item: int) -> None:
        try:
            got[item] = group(item)
        except ValueError as error:
            got[item] = error

    threads = [threading.Thread(target=hand, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    return threads, got


def test_items_that_come_while_a_batch_is_recorded_are_recorded_together_next():
    batches: list[list[int]] = []
    first_batch_may_end = threading.Event()

    def record(batch: Sequence[int]) -> list[int]:
        batches.append(sorted(batch))
        if len(batches) == 1:
            assert first_batch_may_end.wait(5)
        return [item * 10 for item in batch]

    group: GroupCommit[int, int] = GroupCommit(record)
    first, got = _recording_in_threads(group, [0])
    while not batches:  # the first batch is being recorded
        time.sleep(0.01)
    later, later_got = _recording_in_threads(group, [1, 2, 3, 4])
    while group.waiting() < 4:
        time.sleep(0.01)
    first_batch_may_end.set()
    for thread in first + later:
        thread.join(5)
    assert batches == [[0], [1, 2, 3, 4]]  # one batch for all four, not four
    assert {**got, **later_got} == {0: 0, 1: 10, 2: 20, 3: 30, 4: 40}  # each its own result
    assert group(5) == 50  # alone: recorded at once, no timer to wait for


def test_an_error_recording_a_batch_reaches_every_item_of_it():
    started, may_end = threading.Event(), threading.Event()
    failure = ValueError("the database went away")

    def record(batch: Sequence[int]) -> list[int]:
        if 0 in batch:
            started.set()
            assert may_end.wait(5)
            return [0]
        raise failure

    group: GroupCommit[int, int] = GroupCommit(record)
    first, _ = _recording_in_threads(group, [0])
    assert started.wait(5)
    later, got = _recording_in_threads(group, [1, 2])
    while group.waiting() < 2:
        time.sleep(0.01)
    may_end.set()
    for thread in first + later:
        thread.join(5)
    assert got == {1: failure, 2: failure}
