"""Every error code the game server can answer has words in both of the web app's languages:
`apiError.<code>` in frontend/src/i18n/en.json and zh-CN.json (the app shows them instead of the
server's English), unless the app never shows it (NEVER_SHOWN below).

The codes are read from the server's sources with `ast`: the code argument of every call that
stops a request or refuses something (`fail`, `bad_parameter` and the refusals' own helpers
and exceptions), the `code` of each refusal class, and the (code, sentence) tables."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator

from pawchain.devchain import REPO_ROOT
from tests.support.app_in_node import run_in_node
from tests.support.catalogues import catalogue

SOURCES = REPO_ROOT / "backend" / "pawchain"
CODE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)+")

# The argument holding the code, by the name of what is called.
CODE_ARGUMENT = {
    "fail": 1,  # fail(status, code, message, **details)
    "reject": 1,  # siwe_check.reject(status, code, message, ...)
    "_too_long": 1,  # request_limits._too_long(status, code, what, size, maximum)
    "Rejected": 1,  # the order book's Rejected(status, code, message, ...)
    "NameRefused": 0,  # pet names' NameRefused(code, message)
    "ForwardRequestRejected": 0,  # the relay's ForwardRequestRejected(code, message, details)
    "bad_parameter": 2,  # bad_parameter(name, message, code="invalid_parameter", ...)
    "BadParameter": 2,  # the stream's BadParameter(name, reason, code="invalid_parameter")
    "error": 1,  # the stream's error(status, code, message, **details)
}
DEFAULT_CODE = {"bad_parameter": "invalid_parameter", "BadParameter": "invalid_parameter"}

# Codes the app never meets: routes, formats and setups only an integrator or an operator sees.
NEVER_SHOWN = {
    "method_not_allowed",  # the app calls each route with its method
    "docs_unavailable",  # the API's documentation page
    "invalid_genes",  # image URLs of genes the app never draws
    "genome_not_drawable",
    "headers_too_large",  # the browser's own headers
    "invalid_host",  # the browser sends the page's own host
    "url_too_long",
    "json_required",  # the app always sends JSON
    "json_too_deep",
    "invalid_json",
    "malformed_body",  # HTTP the browser frames itself
    "malformed_request",
    "forbidden",
    "expectation_failed",
    "unsupported_transfer_coding",
    "relay_error",  # the base class of the relay's refusals, never raised itself
    "too_many_streams",  # the live stream's answers: an EventSource never reads an error's body
    "timeout",
    "event_id_ahead",
    "precondition_failed",  # If-Match on the web app's own files: the browser never sends it
}


def called_name(call: ast.Call) -> str | None:
    function = call.func
    if isinstance(function, ast.Name):
        return function.id
    return function.attr if isinstance(function, ast.Attribute) else None


def code_of(call: ast.Call, name: str) -> str | None:
    """The code a call passes, when it is written there (else it comes from a variable)."""
    index = CODE_ARGUMENT[name]
    keywords = {keyword.arg: keyword.value for keyword in call.keywords}
    value = call.args[index] if len(call.args) > index else keywords.get("code")
    if value is None:
        return DEFAULT_CODE.get(name)
    return value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None


def codes_in(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (name := called_name(node)) in CODE_ARGUMENT:
            if (code := code_of(node, name)) is not None:
                yield code
        elif isinstance(node, ast.ClassDef):  # class TransactionRefused(RelayError): code = "..."
            for statement in node.body:
                if (
                    isinstance(statement, ast.Assign)
                    and [ast.unparse(target) for target in statement.targets] == ["code"]
                    and isinstance(statement.value, ast.Constant)
                ):
                    yield str(statement.value.value)
        elif isinstance(node, ast.Dict):  # {Use.UNKNOWN: ("sign_in_nonce_unknown", "The ..."), ...}
            for value in node.values:
                if (
                    isinstance(value, ast.Tuple)
                    and len(value.elts) == 2
                    and isinstance(first := value.elts[0], ast.Constant)
                    and isinstance(first.value, str)
                    and CODE.fullmatch(first.value)
                    and isinstance(sentence := value.elts[1], ast.Constant | ast.JoinedStr)
                    and (isinstance(sentence, ast.JoinedStr) or " " in str(sentence.value))
                ):
                    yield first.value


def server_codes() -> set[str]:
    return {
        code
        for path in SOURCES.rglob("*.py")
        for code in codes_in(ast.parse(path.read_text(encoding="utf-8")))
    }


def test_the_collector_finds_codes_of_each_kind() -> None:
    """Guards the collector itself: one code of each way of writing one."""
    found = server_codes()
    for code in ("name_taken", "not_owner", "transaction_refused", "sign_in_nonce_used"):
        assert code in found, code


def test_every_code_the_app_can_meet_has_words_in_both_languages() -> None:
    codes = server_codes() - NEVER_SHOWN
    for language in ("en", "zh-CN"):
        texts = catalogue(language)
        missing = sorted(
            code
            for code in codes
            if f"apiError.{code}" not in texts and f"apiError.{code}_other" not in texts
        )
        assert missing == [], language


def details_named(tree: ast.AST) -> Iterator[tuple[str, set[str] | None]]:
    """(code, the details' names) of each call that stops or refuses with a written code; None
    for names that cannot be read (details passed on as a whole: `**details`, a dict)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (name := called_name(node)) in CODE_ARGUMENT:
            if (code := code_of(node, name)) is None:
                continue
            keywords = [keyword.arg for keyword in node.keywords]
            passed_on = None in keywords or len(node.args) > CODE_ARGUMENT[name] + 2
            yield code, None if passed_on else {k for k in keywords if k and k != "code"}


def test_the_words_name_only_details_the_server_sends() -> None:
    """A `{{value}}` in `apiError.<code>` must be a detail every refusal with that code sends,
    else the player reads the braces (the app fills the words from the details)."""
    sent: dict[str, set[str] | None] = {}
    for path in SOURCES.rglob("*.py"):
        for code, names in details_named(ast.parse(path.read_text(encoding="utf-8"))):
            if code not in sent:
                sent[code] = names
            elif (known := sent[code]) is not None and names is not None:
                sent[code] = known & names
            else:
                sent[code] = None
    value = re.compile(r"\{\{\s*(\w+)")
    for language in ("en", "zh-CN"):
        texts = catalogue(language)
        unsent = {
            key: sorted(set(value.findall(text)) - names)
            for key, text in texts.items()
            if key.startswith("apiError.")
            and (names := sent.get(key.removeprefix("apiError.").removesuffix("_other")))
            is not None
            and set(value.findall(text)) - names
        }
        assert unsent == {}, language


def test_the_app_says_amounts_of_wei_in_weth() -> None:
    script = """
import { speak } from "./src/i18n";
import { apiErrorText } from "./src/api";
const out = {};
for (const language of ["en", "zh-CN"]) {
  speak(language);
  out[language] = apiErrorText("insufficient_weth", "English", {
    credit: "10000000000000000", balance: "50000000000000000", price: "120000000000000000",
    block: 7,
  });
}
console.log(JSON.stringify(out));
"""
    said = json.loads(run_in_node(script))
    for language, text in said.items():
        assert "0.01 WETH" in text and "0.05 WETH" in text and "0.12 WETH" in text, language
        assert "{" not in text, language
