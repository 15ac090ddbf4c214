"""The few JSON-RPC calls the relay makes, with the node's errors sorted into what they mean.

Plain JSON-RPC (pawchain.chain.json_rpc) rather than web3's helpers: a revert's data and a
refused broadcast's reason come back as the node sent them, and nothing is retried or
reformatted behind our back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from web3 import HTTPProvider, Web3

from pawchain.chain.json_rpc import JsonRpcError, JsonRpcTransport, RpcCall

# What "no answer" looks like from the transport: a refused or dropped connection, a timeout
# (OSErrors), or an answer that is not JSON-RPC (JsonRpcError).
_NO_ANSWER = (OSError, JsonRpcError)


class NodeError(RuntimeError):
    """The node answered with an error we do not handle, or not at all."""


class Reverted(Exception):
    """eth_call or eth_estimateGas reverted; `data` is the revert data (0x-hex, maybe empty)."""

    def __init__(self, data: str) -> None:
        super().__init__(f"reverted with {data}")
        self.data = data


class InsufficientFunds(Exception):
    """The node refused a transaction its sender cannot pay for."""


@dataclass(frozen=True)
class Receipt:
    """What the relay keeps of a receipt."""

    tx_hash: str
    block_number: int
    status: int
    gas_used: int
    effective_gas_price: int
    logs: list[dict[str, Any]]


def _int(value: str) -> int:
    return int(value, 16)


class Node:
    """One Ethereum node over HTTP."""

    def __init__(self, rpc_url: str, timeout: float = 10.0) -> None:
        # The calls go through the plain keep-alive transport the indexer uses (web3's provider
        # spent more of a web process's CPU on each call than the call itself); web3 is kept
        # for what it is good at: contracts' ABIs and the codec.
        self._rpc = JsonRpcTransport(rpc_url, timeout)
        self.web3 = Web3(HTTPProvider(rpc_url, request_kwargs={"timeout": timeout}))
        self.rpc_url = rpc_url

    def request(self, method: str, *params: Any) -> Any:
        """One call; the node's error object raises NodeError (callers sort the ones they expect)."""
        try:
            reply = self._rpc.request(method, params)
        except _NO_ANSWER as exc:
            raise NodeError(f"{method}: no answer from {self.rpc_url}: {exc}") from exc
        if not isinstance(reply, dict):
            raise NodeError(f"{method}: not a JSON-RPC reply: {str(reply)[:200]}")
        if "error" in reply:
            raise NodeError(f"{method}: {reply['error'].get('message')}", reply["error"])
        return reply.get("result")

    def batch(self, *calls: RpcCall) -> list[Any]:
        """Several calls in one JSON-RPC batch (one round trip): each call's result, or the
        NodeError it answered (returned, not raised: the caller judges them in its own order).
        No answer at all raises NodeError."""
        if not calls:
            return []
        try:
            replies = self._rpc.batch(calls)
        except _NO_ANSWER as exc:
            raise NodeError(f"batch: no answer from {self.rpc_url}: {exc}") from exc
        if not isinstance(replies, list) or len(replies) != len(calls):
            raise NodeError(f"batch: the node refused the batch: {str(replies)[:200]}")
        return [
            NodeError(f"{method}: {reply['error'].get('message')}", reply["error"])
            if "error" in reply
            else reply.get("result")
            for (method, _), reply in zip(calls, replies, strict=True)
        ]

    def chain_id(self) -> int:
        return _int(self.request("eth_chainId"))

    def call(self, call: dict[str, Any], block: str = "latest") -> str:
        """eth_call; a revert raises Reverted with its data."""
        try:
            return self.request("eth_call", call, block)
        except NodeError as exc:
            raise _as_revert(exc) from None

    def estimate_gas(self, call: dict[str, Any]) -> int:
        """eth_estimateGas on the latest block (a revert raises Reverted with its data: the
        estimate is also the simulation). Not on "pending": Ganache replays its pool for that."""
        try:
            return _int(self.request("eth_estimateGas", call, "latest"))
        except NodeError as exc:
            raise _as_revert(exc) from None

    def balance(self, address: str) -> int:
        return _int(self.request("eth_getBalance", address, "latest"))

    def nonce(self, address: str, block: str = "pending") -> int:
        return _int(self.request("eth_getTransactionCount", address, block))

    def latest_block(self) -> dict[str, Any]:
        return self.request("eth_getBlockByNumber", "latest", False)

    def chain_time(self) -> int:
        """The latest block's timestamp: the clock the contracts judge by (tests move it)."""
        return _int(self.latest_block()["timestamp"])

    def send_raw_many(self, raws: list[bytes]) -> list[str | NodeError | InsufficientFunds]:
        """Broadcast signed transactions in one JSON-RPC batch, in the given order (the node
        takes them in that order: Ganache 7.9.2 mined 60 consecutive nonces sent this way, 4
        times faster than one request each, which waits for its block under automine). Per
        transaction: its hash, or the node's refusal (InsufficientFunds for that one). A node
        that already has one, or has mined it, is no refusal: re-broadcasting is how lost pools
        are refilled. No answer at all: NodeError."""
        answers = self.batch(*[("eth_sendRawTransaction", ["0x" + raw.hex()]) for raw in raws])
        results: list[str | NodeError | InsufficientFunds] = []
        for raw, answer in zip(raws, answers, strict=True):
            try:
                results.append(
                    _sent_despite(raw, answer) if isinstance(answer, NodeError) else answer
                )
            except (NodeError, InsufficientFunds) as exc:
                results.append(exc)
        return results

    def knows(self, tx_hash: str) -> bool:
        """True if the node has this transaction, in its pool or in a block."""
        return self.request("eth_getTransactionByHash", tx_hash) is not None

    def receipt(self, tx_hash: str) -> Receipt | None:
        return receipt_of(self.request("eth_getTransactionReceipt", tx_hash))


def receipt_of(raw: dict[str, Any] | None) -> Receipt | None:
    """An eth_getTransactionReceipt result as a Receipt; None while not mined."""
    if not raw or raw.get("blockNumber") is None:
        return None
    return Receipt(
        tx_hash=raw["transactionHash"],
        block_number=_int(raw["blockNumber"]),
        status=_int(raw["status"]),
        gas_used=_int(raw["gasUsed"]),
        effective_gas_price=_int(raw["effectiveGasPrice"]),
        logs=raw["logs"],
    )


def _sent_despite(raw: bytes, refusal: NodeError) -> str:
    """The hash, if the node's refusal says it has the transaction already; else raises the
    refusal (InsufficientFunds for that one)."""
    message = str(refusal).lower()
    if "insufficient funds" in message:
        raise InsufficientFunds(str(refusal)) from None
    if (
        "already known" in message
        or "already imported" in message
        or "known transaction" in message
    ):
        return Web3.keccak(raw).to_0x_hex()
    raise refusal


def call_result(answer: Any) -> str:
    """An eth_call's answer from `Node.batch`: its data, or Reverted / NodeError raised."""
    if isinstance(answer, NodeError):
        raise _as_revert(answer) from None
    return str(answer)


def answer_of(answer: Any) -> Any:
    """Any other call's answer from `Node.batch`: its result, or its NodeError raised."""
    if isinstance(answer, NodeError):
        raise answer
    return answer


def _as_revert(exc: NodeError) -> Exception:
    """A node error that is a revert, as Reverted with its data; other errors unchanged.

    Nodes put the revert data in `error.data`: a hex string (geth, Ganache's eth_call) or an
    object with `result` (Ganache's eth_estimateGas)."""
    error = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], dict) else {}
    data = error.get("data")
    if isinstance(data, dict):
        data = data.get("result")
    if isinstance(data, str) and data.startswith("0x"):
        return Reverted(data)
    message = str(exc).lower()
    # No revert data: reverted without a reason, or ran out of gas (Anvil refuses a call whose
    # gas is below its intrinsic cost before running it; Ganache runs it out of gas).
    if "revert" in message or "out of gas" in message or "intrinsic gas too high" in message:
        return Reverted("0x")
    return exc
