"""Chinese reads without spaces between words: a notice that inserts Chinese words ("宠物 #17",
itself a catalogue text) into a sentence that spaces its values off ("你的 {{matron}} 分娩了")
says "你的宠物 #17", not "你的 宠物 #17" (frontend/src/i18n/index.ts, `t`). Spaces beside a
name in Latin letters or a number stay, as the catalogues write them; English is untouched."""

from __future__ import annotations

import json

from tests.support.app_in_node import run_in_node
from tests.support.catalogues import catalogue


def _said(language: str, pet_name: str) -> dict[str, str]:
    """The notice "your <matron> gave birth" with the matron as words ("pet #17") and as a
    name, and a transaction's title with numbers, in `language`, as the app's `spoken` says
    them."""
    script = f"""
import {{ speak, spoken, t }} from "./src/i18n";
speak("{language}");
console.log(JSON.stringify({{
  words: spoken({{ key: "notice.born", values: {{ matron: {{ key: "refusal.pet", values: {{ id: 17 }} }}, id: 18 }} }}),
  named: spoken({{ key: "notice.born", values: {{ matron: {json.dumps(pet_name)}, id: 18 }} }}),
  numbers: t("tx.breed", {{ matron: 5, sire: 6 }}),
}}));
"""
    said: dict[str, str] = json.loads(run_in_node(script))
    return said


def test_chinese_puts_no_space_between_inserted_words() -> None:
    said = _said("zh-CN", "Mochi")
    pet = catalogue("zh-CN")["refusal.pet"].replace("{{id}}", "17")
    assert "你的" + pet in said["words"], said
    assert "你的 " + pet not in said["words"]
    assert said["named"].startswith("你的 Mochi "), said  # a Latin name keeps its spaces
    assert said["numbers"] == catalogue("zh-CN")["tx.breed"].replace("{{matron}}", "5").replace(
        "{{sire}}", "6"
    )


def test_a_chinese_name_is_not_spaced_off_either() -> None:
    said = _said("zh-CN", "小米")
    assert "你的小米分娩了" in said["named"], said


def test_english_keeps_its_spaces() -> None:
    said = _said("en", "Mochi")
    template = catalogue("en")["notice.born"]
    pet = catalogue("en")["refusal.pet"].replace("{{id}}", "17")
    assert said["words"] == template.replace("{{matron}}", pet).replace("{{id}}", "18")


def test_a_number_inside_a_chinese_sentence_keeps_its_spaces() -> None:
    """ "徽章显示 2 颗宝石", as the catalogues write a number among Chinese words (it once read
    "显示2 颗宝石"); the paw, Chinese words itself, reads "显示一个爪印"."""
    script = """
import { speak } from "./src/i18n";
import { tierExplanation } from "./src/components/rarity";
speak("zh-CN");
console.log(JSON.stringify([tierExplanation(2), tierExplanation(0)]));
"""
    gems, paw = json.loads(run_in_node(script))
    assert "显示 " + catalogue("zh-CN")["rarity.badge.2"] in gems, gems
    assert "显示" + catalogue("zh-CN")["rarity.badge.0"] in paw, paw
