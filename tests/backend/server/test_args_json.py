"""Event arguments written as JSON by a template prepared per event (chain.args_json): the
same text as `json.dumps` of the decoded arguments, for every event of every contract the
indexer reads, at edge values; and the word decoder equals eth_abi for those contracts' events
(test_event_decoding.py covers PetToken's malformed words)."""

from __future__ import annotations

import json
import random

import pytest
from web3 import Web3

from pawchain.chain.abis import load_abi
from pawchain.chain.args_json import args_json
from pawchain.chain.client import _EventDecoder
from tests.backend.server.test_event_decoding import _log, replace_words

INDEXED = ("PetToken", "ClockAuctionHouse", "OrderBook")
EVENTS = [
    (contract, entry)
    for contract in INDEXED
    for entry in load_abi(contract)
    if entry["type"] == "event"
]
IDS = [f"{contract}.{event['name']}" for contract, event in EVENTS]


@pytest.mark.parametrize(("contract", "event"), EVENTS, ids=IDS)
def test_word_decoding_equals_eth_abi(contract, event):
    decoder = _EventDecoder(Web3(), contract, event)
    general = replace_words(decoder)
    rng = random.Random(f"{contract}.{event['name']}")
    for _ in range(50):
        topics, data = _log(event, rng)
        assert decoder.decode(topics, data) == general.decode(topics, data)


@pytest.mark.parametrize(("contract", "event"), EVENTS, ids=IDS)
def test_the_template_writes_what_json_dumps_writes(contract, event):
    decoder = _EventDecoder(Web3(), contract, event)
    rng = random.Random(event["name"])
    for _ in range(50):  # edge values among them: 0, 1, the type's largest, true and false
        topics, data = _log(event, rng)
        args = decoder.decode(topics, data)
        if decoder.args_json is not None:
            assert decoder.args_json(args) == json.dumps(args)


def test_every_event_with_only_one_word_arguments_has_a_template():
    lacking = [
        f"{contract}.{event['name']}"
        for contract, event in EVENTS
        if _EventDecoder(Web3(), contract, event).args_json is None
    ]
    assert lacking == ["PetToken.BaseURIChanged"]  # its string is the one dynamic argument


def test_a_name_that_is_no_identifier_gets_no_template():
    event = {
        "type": "event",
        "name": "Odd",
        "anonymous": False,
        "inputs": [{"name": "a}b", "type": "uint256", "indexed": False}],
    }
    assert args_json(event) is None  # type: ignore[arg-type]  # a hand-made ABI entry
