"""Events with only one-word arguments are decoded from the hex text: the same values as
eth_abi's decoding, and malformed words refused as eth_abi refuses them; the indexer's event
made from a decoded log."""

from __future__ import annotations

import dataclasses
import random

import pytest
from eth_abi import encode
from eth_typing import ABIEvent
from web3 import Web3

from pawchain.chain import BlockHeader, DecodedLog
from pawchain.chain.abis import load_abi
from pawchain.chain.client import ChainError, _EventDecoder
from pawchain.indexer.events import ZERO_ADDRESS, ChainEvent

PET_EVENTS = [entry for entry in load_abi("PetToken") if entry["type"] == "event"]


def _value(kind: str, rng: random.Random) -> object:
    if kind.startswith("uint"):
        bits = int(kind[4:] or 256)
        return rng.choice([0, 1, 2**bits - 1, rng.getrandbits(bits)])
    if kind == "address":
        return Web3.to_checksum_address(f"0x{rng.getrandbits(160):040x}")
    if kind == "bool":
        return rng.random() < 0.5
    if kind.startswith("bytes"):
        return rng.randbytes(int(kind[5:]))
    if kind == "string":
        return "ipfs://" + "x" * rng.randrange(80)
    raise AssertionError(kind)


def _log(event: dict, rng: random.Random) -> tuple[list[str], str]:
    """Topics (without topic 0) and data of a random instance of `event`, encoded by eth_abi."""
    values = {item["name"]: _value(item["type"], rng) for item in event["inputs"]}
    topics = [
        "0x" + encode([item["type"]], [values[item["name"]]]).hex()
        for item in event["inputs"]
        if item["indexed"]
    ]
    unindexed = [item for item in event["inputs"] if not item["indexed"]]
    data = (
        "0x"
        + encode(
            [item["type"] for item in unindexed], [values[item["name"]] for item in unindexed]
        ).hex()
    )
    return topics, data


@pytest.mark.parametrize("event", PET_EVENTS, ids=[event["name"] for event in PET_EVENTS])
def test_word_decoding_equals_eth_abi(event):
    decoder = _EventDecoder(Web3(), "PetToken", event)
    general = replace_words(decoder)
    rng = random.Random(event["name"])
    for _ in range(50):
        topics, data = _log(event, rng)
        assert decoder.decode(topics, data) == general.decode(topics, data)


def replace_words(decoder: _EventDecoder) -> _EventDecoder:
    """The same decoder on eth_abi's path only."""
    general = _EventDecoder.__new__(_EventDecoder)
    general.__dict__.update(decoder.__dict__, _words=None)
    return general


def test_every_static_pet_event_takes_the_word_path():
    slow = [
        event["name"]
        for event in PET_EVENTS
        if _EventDecoder(Web3(), "PetToken", event)._words is None
    ]
    assert slow == ["BaseURIChanged"]  # its string is the one dynamic argument


def _transfer() -> _EventDecoder:
    (event,) = [event for event in PET_EVENTS if event["name"] == "Transfer"]
    return _EventDecoder(Web3(), "PetToken", event)


def _word(value: int) -> str:
    return f"0x{value:064x}"


def test_an_address_with_dirty_padding_is_refused():
    with pytest.raises(ChainError, match="padding"):
        _transfer().decode([_word(1 << 200), _word(2), _word(3)], "0x")


def test_a_short_topic_or_unexpected_data_is_refused():
    with pytest.raises(ChainError, match="32 bytes"):
        _transfer().decode(["0x01", _word(2), _word(3)], "0x")
    with pytest.raises(ChainError, match="bytes of data"):
        _transfer().decode([_word(1), _word(2), _word(3)], _word(4))


def test_a_narrow_integer_out_of_range_is_refused():
    event: ABIEvent = {
        "type": "event",
        "name": "Small",
        "anonymous": False,
        "inputs": [{"name": "value", "type": "uint8", "indexed": False}],
    }
    decoder = _EventDecoder(Web3(), "Test", event)
    assert decoder.decode([], _word(255)) == {"value": 255}
    with pytest.raises(ChainError, match="out of range"):
        decoder.decode([], _word(256))


def test_an_event_from_a_log_holds_exactly_the_event_fields():
    log = DecodedLog(
        contract="PetToken",
        event="Transfer",
        args={"from": ZERO_ADDRESS, "to": ZERO_ADDRESS, "tokenId": 7},
        block_number=12,
        block_hash="0x" + "ab" * 32,
        tx_hash="0x" + "cd" * 32,
        tx_index=3,
        log_index=4,
    )
    header = BlockHeader(number=12, hash=log.block_hash, parent_hash="0x" + "00" * 32, timestamp=99)
    timed_by_header = ChainEvent.from_log(log, header)
    timed_by_log = ChainEvent.from_log(dataclasses.replace(log, block_time=55), None)
    expected = ChainEvent(**{**vars(log), "block_time": 99})
    assert timed_by_header == expected and vars(timed_by_header) == vars(expected)
    assert timed_by_log == dataclasses.replace(expected, block_time=55)
    with pytest.raises(ValueError, match="no time"):
        ChainEvent.from_log(log, None)
