"""The browser suite's Chinese run holds every test that reads the app's words: a test of
tests/e2e that reads a catalogue's text (through tests/e2e/language.py, tests/support/
catalogues.py or the catalogue files themselves), directly or through a helper, a fixture or a
module constant, carries `@pytest.mark.both_languages("why")`, and every such marker says why.

Read with `ast`, without running the browser suite: a name is a catalogue reader when its
definition (a function's body, defaults and decorators; a module constant's value; a method,
called by its attribute name) uses one, and a test uses its fixtures by their parameter names."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from pawchain.devchain import REPO_ROOT

E2E = REPO_ROOT / "tests" / "e2e"
MARKER = "both_languages"
# Modules whose names are the app's words (texts, sentences, the functions filling them in),
# but for the few that are not: the language's code, the marker's name, the patterns of a value.
CATALOGUE_MODULES = {"tests.e2e.language", "tests.support.catalogues"}
NOT_WORDS = {"LANGUAGE", "BOTH_LANGUAGES", "VALUE", "REFUSAL_VALUE"}
CONFTEST = "tests.e2e.conftest"  # its fixtures reach every test by their names
# A path into the catalogues, read by hand (test_languages.py reads both files).
CATALOGUE_PATHS = ("i18n/", "refusals.json")


@dataclass
class Module:
    """One module of tests/e2e: its definitions by name, and the names it imports."""

    name: str
    tree: ast.Module
    definitions: dict[str, ast.AST] = field(default_factory=dict)
    imported: dict[str, tuple[str, str]] = field(default_factory=dict)  # local: (module, name)


def parse(name: str, source: str) -> Module:
    module = Module(name, ast.parse(source))
    for node in module.tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            module.definitions[node.name] = node
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for named in ast.walk(target):
                    if isinstance(named, ast.Name):
                        module.definitions[named.id] = node
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                module.imported[alias.asname or alias.name] = (node.module, alias.name)
    return module


def used_names(node: ast.AST) -> set[str]:
    """Names and attribute names `node` uses, a function's parameters (its fixtures) included."""
    names: set[str] = set()
    for part in ast.walk(node):
        if isinstance(part, ast.Name):
            names.add(part.id)
        elif isinstance(part, ast.Attribute):
            names.add(part.attr)
        elif isinstance(part, ast.arg):
            names.add(part.arg)
    return names


def attributes_of(member: ast.stmt) -> set[str]:
    """The names a class's statement defines (a method, an attribute)."""
    if isinstance(member, ast.FunctionDef):
        return {member.name}
    targets = member.targets if isinstance(member, ast.Assign) else []
    if isinstance(member, ast.AnnAssign):
        targets = [member.target]
    return {target.id for target in targets if isinstance(target, ast.Name)}


def reads_a_path(node: ast.AST) -> bool:
    return any(
        isinstance(part, ast.Constant)
        and isinstance(part.value, str)
        and any(path in part.value for path in CATALOGUE_PATHS)
        for part in ast.walk(node)
    )


def readers(modules: dict[str, Module]) -> dict[str, set[str]]:
    """Per module, its names that read a catalogue's text. Methods count by their name in
    every module (a call `player.method()` does not say which class it is)."""
    found: dict[str, set[str]] = {name: set() for name in modules}
    methods: set[str] = set()
    for name, module in modules.items():
        for local, (source, original) in module.imported.items():
            if source in CATALOGUE_MODULES and original not in NOT_WORDS:
                found[name].add(local)
    changed = True
    while changed:
        changed = False
        for name, module in modules.items():
            visible = {
                **{fixture: (CONFTEST, fixture) for fixture in found.get(CONFTEST, ())},
                **module.imported,
            }
            for local, (source, original) in visible.items():
                if original in found.get(source, ()) and local not in found[name]:
                    found[name].add(local)
                    changed = True
            for local, node in module.definitions.items():
                named: list[tuple[ast.AST, set[str]]]
                if isinstance(node, ast.ClassDef):  # its methods and attributes, by their names
                    named = [(member, attributes_of(member)) for member in node.body]
                else:
                    named = [(node, {local})]
                for part, names in named:
                    uses = used_names(part) - names
                    known = methods if isinstance(node, ast.ClassDef) else found[name]
                    if names - known and (uses & (found[name] | methods) or reads_a_path(part)):
                        known |= names
                        changed = True
    return found


def marker_reason(decorators: list[ast.expr]) -> str | None:
    """The reason of a `pytest.mark.both_languages(...)` among `decorators` ("" when it has
    none), or None when it is not there."""
    for decorator in decorators:
        call = decorator if isinstance(decorator, ast.Call) else None
        target = call.func if call else decorator
        if ast.unparse(target) != f"pytest.mark.{MARKER}":
            continue
        arguments = (
            [*call.args, *(k.value for k in call.keywords if k.arg == "reason")] if call else []
        )
        reason = arguments[0] if arguments else None
        if isinstance(reason, ast.Constant) and isinstance(reason.value, str):
            return reason.value.strip()
        if isinstance(reason, ast.JoinedStr | ast.BinOp):  # a reason built of parts
            return ast.unparse(reason)
        return ""
    return None


def module_marks(module: Module) -> list[ast.expr]:
    """What `pytestmark = ...` marks every test of the module with."""
    node = module.definitions.get("pytestmark")
    if not isinstance(node, ast.Assign):
        return []
    value = node.value
    return list(value.elts) if isinstance(value, ast.List | ast.Tuple) else [value]


def problems(modules: dict[str, Module]) -> list[str]:
    """Tests that read a catalogue's text without the marker, and markers without a reason."""
    found = readers(modules)
    listed: list[str] = []
    for name, module in modules.items():
        if not name.rsplit(".", 1)[-1].startswith("test_"):
            continue
        for test in module.tree.body:
            if not (isinstance(test, ast.FunctionDef) and test.name.startswith("test_")):
                continue
            reason = marker_reason(test.decorator_list)
            if reason is None:
                reason = marker_reason(module_marks(module))
            where = f"{name}::{test.name}"
            if reason == "":
                listed.append(f"{where}: @pytest.mark.{MARKER} without a reason")
            elif reason is None and test.name in found[name]:
                listed.append(f"{where} reads the app's words but runs in English only")
    return listed


def e2e_modules() -> dict[str, Module]:
    return {
        f"tests.e2e.{path.stem}": parse(f"tests.e2e.{path.stem}", path.read_text("utf-8"))
        for path in sorted(E2E.glob("*.py"))
    }


def test_every_browser_test_reading_the_apps_words_runs_in_both_languages() -> None:
    modules = e2e_modules()
    assert problems(modules) == []
    # Not vacuous: the walk finds readers through imports, helpers and fixtures.
    marked = [
        test.name
        for module in modules.values()
        for test in module.tree.body
        if isinstance(test, ast.FunctionDef) and marker_reason(test.decorator_list)
    ]
    assert "test_breed_list_buy_offer_accept" in marked
    assert "test_breed_list_buy_offer_accept" in readers(modules)["tests.e2e.test_two_players"]


HELPER = """
from tests.e2e.language import say

WORDS = say("market.noSires")

def helper(page):
    return WORDS

class Player:
    def expect_failed(self, title):
        return helper(None)
"""

TESTS = """
import pytest
from playwright.sync_api import expect
from tests.e2e.helper import Player, helper

@pytest.fixture
def words():
    return helper(None)

def test_through_a_helper(page):
    expect(page).to_have_text(helper(page))

def test_through_a_method(player):
    player.expect_failed("x")

def test_through_a_fixture(words):
    pass

def test_through_a_file(page):
    open("frontend/src/i18n/zh-CN.json")

@pytest.mark.both_languages("")
def test_without_a_reason(page):
    pass

@pytest.mark.both_languages("the words")
def test_marked(page):
    helper(page)

def test_of_cookies(page):
    page.reload()
"""


def test_the_check_finds_each_way_of_reading_the_words() -> None:
    modules = {
        "tests.e2e.helper": parse("tests.e2e.helper", HELPER),
        "tests.e2e.test_example": parse("tests.e2e.test_example", TESTS),
    }
    assert problems(modules) == [
        f"tests.e2e.test_example::test_through_a_{way} reads the app's words but runs in English only"
        for way in ("helper", "method", "fixture", "file")
    ] + [
        "tests.e2e.test_example::test_without_a_reason: @pytest.mark.both_languages without a reason"
    ]
