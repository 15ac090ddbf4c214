"""Every refusal in words: each custom error of the committed ABIs has a sentence
(pawchain/chain/refusals.json), and the web app (frontend/src/refusals.ts) fills every sentence
exactly as the API does (pawchain.chain.refusals), so a new error cannot ship without words.
The app's Chinese (the catalogue's sentences_zh-CN) has a sentence for every error too, naming
the same arguments, and fills them with Chinese words."""

from __future__ import annotations

import json
import re
from typing import Any

from eth_utils import to_checksum_address

from pawchain.chain import ALL_CONTRACTS, load_abi
from pawchain.chain.refusals import CATALOGUE, FORMATS, PLACEHOLDER, sentence, sentences
from pawchain.devchain import REPO_ROOT
from tests.support.app_in_node import run_in_node

NOW = 10**15  # chain time: the second integer argument is 725 s after it ("in 12 min 5 s")
DECLARED = re.compile(r"^\s*error (\w+)\(", re.MULTILINE)


def abi_errors() -> dict[str, list[dict[str, Any]]]:
    """Every custom error of every committed ABI, with its inputs."""
    return {
        item["name"]: [dict(component) for component in item.get("inputs", [])]
        for contract in ALL_CONTRACTS
        for item in load_abi(contract)
        if item["type"] == "error"
    }


def sample_args(inputs: list[dict[str, Any]]) -> dict[str, str]:
    """Arguments as the API sends them (integers as decimal strings), below 2^53 so the app's
    times and durations are exact."""
    values = {
        "address": to_checksum_address("0x" + "ab" * 20),
        "bytes32": "0x" + "cd" * 32,
        "string": "Pawchain",
    }
    return {
        item["name"]: values.get(item["type"], str(7 if index == 0 else NOW + 725 * index))
        for index, item in enumerate(inputs)
    }


def test_every_error_of_every_abi_has_a_sentence_naming_only_its_arguments() -> None:
    errors = abi_errors()
    catalogue = sentences()
    assert sorted(set(errors) - set(catalogue)) == []
    declared = set(DECLARED.findall(_contract_sources()))
    assert sorted(set(catalogue) - set(errors) - declared) == []  # no words for a removed error
    for name, template in catalogue.items():
        names = {item["name"] for item in errors.get(name, [])}
        for argument, format_name in PLACEHOLDER.findall(template):
            assert name not in errors or argument in names, (name, argument)
            assert not format_name or format_name in FORMATS, (name, format_name)


def _contract_sources() -> str:
    return "\n".join(
        path.read_text()
        for path in (REPO_ROOT / "contracts").rglob("*.sol")
        if "test" not in path.parts
    )


def test_the_chinese_sentences_name_the_same_arguments() -> None:
    chinese = json.loads(CATALOGUE.read_text())["sentences_zh-CN"]
    assert sorted(chinese) == sorted(sentences())
    for name, template in sentences().items():
        assert sorted(PLACEHOLDER.findall(chinese[name])) == sorted(PLACEHOLDER.findall(template))


def _app_sentences(language: str, samples: dict[str, dict[str, str]]) -> dict[str, Any]:
    script = f"""
import {{ speak }} from "./src/i18n";
import {{ refusalSentence, REFUSAL_NAMES }} from "./src/refusals";
speak("{language}");
const samples = {json.dumps(samples)};
const out = {{}};
for (const name of Object.keys(samples)) out[name] = refusalSentence(name, samples[name], {NOW});
console.log(JSON.stringify({{ names: REFUSAL_NAMES, sentences: out }}));
"""
    result: dict[str, Any] = json.loads(run_in_node(script))
    return result


def test_the_app_words_every_refusal_as_the_api_does() -> None:
    samples = {name: sample_args(inputs) for name, inputs in abi_errors().items()}
    from_app = _app_sentences("en", samples)

    assert sorted(from_app["names"]) == sorted(sentences())
    from_api = {name: sentence(name, args, NOW) for name, args in samples.items()}
    assert from_app["sentences"] == from_api
    assert (
        from_api["PetGestationNotOver"]
        == "Pet #7 is still pregnant: she can give birth in 12 min 5 s."
    )


def test_the_app_words_every_refusal_in_chinese() -> None:
    samples = {name: sample_args(inputs) for name, inputs in abi_errors().items()}
    said = _app_sentences("zh-CN", samples)["sentences"]
    han = re.compile(r"[\u4e00-\u9fff]")
    assert [name for name, text in said.items() if not han.search(text) or "{" in text] == []
    # spaced as the catalogues are: a number keeps its space, Chinese words ("...后") none
    expected = "宠物 #7 还在怀孕\uff1a12 分 5 秒后可以分娩。"  # \uff1a: the full-width colon
    assert said["PetGestationNotOver"] == expected
    between_chinese = re.compile(r"[\u4e00-\u9fff] [\u4e00-\u9fff]")
    assert {name: text for name, text in said.items() if between_chinese.search(text)} == {}


def test_the_chinese_sentences_space_their_values_off_their_words() -> None:
    """As the app's catalogues do ("你的 {{matron}} 分娩了"): the app then drops the space
    beside a value that is Chinese words itself, and keeps it beside a number or a name."""
    chinese = json.loads(CATALOGUE.read_text())["sentences_zh-CN"]
    glued = re.compile(r"[\u4e00-\u9fff]\{|\}[\u4e00-\u9fff]")
    assert {name: text for name, text in chinese.items() if glued.search(text)} == {}
