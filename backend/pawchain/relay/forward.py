"""ERC-2771 forward requests: what a player signs, and the checks before the relay sends one.

A player signs a `ForwardRequest` (EIP-712, domain "Pawchain Forwarder" version "1", the
chain id and PawForwarder's address) with their forwarder nonce; the relay sends
`forwarder.execute(request)` and pays the gas. Before it does, `ForwardRelay.check`:
- the request moves no ether (the relay sponsors gas, not value) and its deadline is at least
  MIN_DEADLINE_SECONDS ahead (else it could expire before it is mined, on the relay's gas);
- the signed nonce is the signer's current one: lower is a replay, higher is not yet valid;
  and no other request with that nonce is in flight (pawchain.relay.forward_nonce);
- the signature recovers the signer (off chain, with OpenZeppelin's ECDSA rules), and the
  target trusts the forwarder (asked once per target: ERC2771Context's forwarder is immutable);
- it is no call that the next block or another player's request can make revert at a
  player's choice: a purchase, a single seal, an offer expiring within MIN_DEADLINE_SECONDS
  (pawchain.relay.unrelayable), a giveBirth by anyone but the matron's owner;
- it is no forwarded giveBirth of a pregnancy with a prepaid fee: the fee is paid to the
  caller, which through the forwarder is the player, so the relay would pay the gas and the
  player collect the fee (that birth is the midwife's, who earns the fee for the gas);
- what it will consume (a pet, an offer's buyer's WETH: pawchain.relay.claims) is not taken by
  requests in flight (checked where it is stored: pawchain.relay.claims_held);
- the inner call succeeds when the forwarder makes it (simulated from the forwarder's
  address with the signer appended, as ERC-2771 does), so a request about someone else's
  pet is refused with PetToken's own custom error, not the forwarder's opaque `FailedCall`.
These are what `execute` checks; the node is asked for the reads in one batch and does not run
`execute` itself (its signature recovery was most of the node's work per request).
Its idempotency key is the request's EIP-712 digest: the same signed request twice is one
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eth_abi.exceptions import DecodingError, InsufficientDataBytes
from eth_account import Account
from eth_account.messages import SignableMessage, encode_typed_data
from eth_keys import keys
from eth_keys.constants import SECPK1_N
from eth_keys.exceptions import BadSignature
from eth_utils import to_checksum_address

from pawchain.chain.abi_function import abi_function
from pawchain.chain.json_rpc import RpcCall
from pawchain.chain.typed_data import forward_request_digest, forward_typed_data
from pawchain.relay.buyer_weth import BuyerWeth
from pawchain.relay.call import Call, Readings
from pawchain.relay.calldata import InnerCall, decode_inner
from pawchain.relay.claims import claims_of, consumption_of
from pawchain.relay.errors import (
    ForwardRequestRejected,
    RelayError,
    RelayUnderfunded,
    TransactionRefused,
)
from pawchain.relay.node import NodeError, Reverted, answer_of, call_result
from pawchain.relay.revert import decode_revert
from pawchain.relay.sender import RelaySender
from pawchain.relay.status import RelayStatus
from pawchain.relay.unrelayable import MIN_DEADLINE_SECONDS, refuse_unrelayable

# Gas of `execute` besides the inner call: the transaction (21,000), the EIP-712 hash and the
# signature's recovery, the player's forwarder nonce (22,100 for a player's first request),
# the cold call and the event; measured ~45,000 on a first request. The inner call is then
# given `request.gas`, which the forwarder needs at least 64/63 of left (EIP-150).
FORWARDER_OVERHEAD_GAS = 60_000
BLOCK_GAS = 30_000_000  # the most any call can have
# The functions the relay encodes and decodes itself (eth_abi; no node)
_EXECUTE = abi_function("PawForwarder", "execute")
_NONCES = abi_function("PawForwarder", "nonces")
_TRUSTS = abi_function("PetToken", "isTrustedForwarder")  # ERC2771Context's, on every target
_GET_PET = abi_function("PetToken", "getPet")
_OWNER_OF = abi_function("PetToken", "ownerOf")
PET_BIRTH_FEE = 9  # Pet.birthFee (IPetToken.Pet's field order)


@dataclass(frozen=True)
class ForwardRequest:
    """A player's signed request, as submitted (the nonce is the one they signed)."""

    sender: str  # `from` in the request
    to: str
    value: int
    gas: int
    nonce: int
    deadline: int
    data: bytes
    signature: bytes

    def __post_init__(self) -> None:
        # Addresses in any case are accepted; checksummed once (every check and encoding reads
        # them, and checksumming costs a keccak each time).
        object.__setattr__(self, "sender", to_checksum_address(self.sender))
        object.__setattr__(self, "to", to_checksum_address(self.to))

    @classmethod
    def of_execute(cls, execute_data: bytes, nonce: int) -> ForwardRequest | None:
        """The request that `forwarder.execute` calldata carries, under the forwarder `nonce`
        it was accepted with (the calldata has none); None if it is not such calldata."""
        fields = _execute_request(execute_data)
        if fields is None:
            return None
        return cls(
            fields["from"],
            fields["to"],
            fields["value"],
            fields["gas"],
            nonce,
            fields["deadline"],
            fields["data"],
            fields["signature"],
        )

    def signable(self, chain_id: int, forwarder: str) -> SignableMessage:
        """The EIP-712 message the player signed."""
        return encode_typed_data(
            full_message=forward_typed_data(chain_id, forwarder, self.message())
        )

    def message(self) -> dict[str, Any]:
        return {
            "from": self.sender,
            "to": self.to,
            "value": self.value,
            "gas": self.gas,
            "nonce": self.nonce,
            "deadline": self.deadline,
            "data": self.data,
        }

    def digest(self, chain_id: int, forwarder: str) -> bytes:
        """The EIP-712 hash: what the signature signs, and the request's identity."""
        return forward_request_digest(chain_id, forwarder, self.message())

    def as_struct(self) -> tuple[Any, ...]:
        """ForwardRequestData as `execute` and `verify` take it (no nonce: the forwarder knows it)."""
        return (
            self.sender,
            self.to,
            self.value,
            self.gas,
            self.deadline,
            self.data,
            self.signature,
        )


def _execute_request(execute_data: bytes) -> dict[str, Any] | None:
    """The ForwardRequestData that `forwarder.execute` calldata carries, by field name; None
    if it is not such calldata."""
    if execute_data[:4] != _EXECUTE.selector:
        return None
    try:
        request: dict[str, Any] = _EXECUTE.arguments(execute_data)["request"]
    except (DecodingError, ValueError, TypeError):
        return None
    return request


def forward_gas_limit(inner_gas: int, execute_data: bytes) -> int:
    """The gas limit of `execute`: the inner call's signed gas (already simulated within that
    limit), what EIP-150 keeps back, the calldata and the forwarder's own work."""
    calldata = sum(16 if byte else 4 for byte in execute_data)
    return inner_gas * 64 // 63 + 1 + calldata + FORWARDER_OVERHEAD_GAS


def inner_call(forwarder: str, execute_data: bytes) -> dict[str, str] | None:
    """The call PawForwarder makes for `execute(request)` calldata, as eth_call takes it (from
    the forwarder, the signer appended: ERC-2771); None for any other calldata. The forwarder
    reverts with an opaque error when the inner call fails: replaying this one names the cause."""
    request = _execute_request(execute_data)
    if request is None:
        return None
    return {
        "from": to_checksum_address(forwarder),
        "to": to_checksum_address(request["to"]),
        "data": "0x" + (request["data"] + bytes.fromhex(request["from"][2:])).hex(),
        "gas": hex(request["gas"]),
    }


@dataclass(frozen=True)
class CheckCalls:
    """The JSON-RPC calls `ForwardRelay.check` batches for one request (`batch()`, in that
    order), and what it needs to read their answers. bin/bench-forwarder-cost sends these same
    calls, so it measures the check the relay makes."""

    block: RpcCall  # the latest block: its timestamp against the deadline
    balance: RpcCall  # the relay's balance
    nonce: RpcCall  # the signer's forwarder nonce (`forwarder_nonce` decodes its answer)
    inner: RpcCall  # the inner call, simulated as the forwarder will make it
    inner_call: dict[str, str]  # `inner`'s call object (replayed with more gas if it fails)

    def batch(self) -> tuple[RpcCall, RpcCall, RpcCall, RpcCall]:
        """The calls in the batch's order: block, balance, nonce, inner."""
        return (self.block, self.balance, self.nonce, self.inner)


def forwarder_nonce_call(forwarder: str, player: str) -> dict[str, str]:
    """The eth_call of PawForwarder's `nonces(player)`: the player's next forwarder nonce
    (`forwarder_nonce` reads its answer)."""
    return _NONCES.call(forwarder, to_checksum_address(player))


def forwarder_nonce(answer: str) -> int:
    """The nonce in an answer to `forwarder_nonce_call`."""
    return int(_NONCES.result(answer))


def check_calls(forwarder: str, relay: str, request: ForwardRequest) -> CheckCalls:
    """What `ForwardRelay.check` asks the node about `request` for the relay account `relay`
    (besides, the first time a target is seen, whether it trusts the forwarder)."""
    forwarder = to_checksum_address(forwarder)
    inner_call = _forwarded_call(forwarder, request)
    return CheckCalls(
        block=("eth_getBlockByNumber", ["latest", False]),
        balance=("eth_getBalance", [relay, "latest"]),
        nonce=("eth_call", [forwarder_nonce_call(forwarder, request.sender), "latest"]),
        inner=("eth_call", [inner_call, "latest"]),
        inner_call=inner_call,
    )


def _forwarded_call(forwarder: str, request: ForwardRequest) -> dict[str, str]:
    """The call the forwarder will make: from the forwarder, the signer appended (ERC-2771)."""
    return {
        "from": forwarder,
        "to": request.to,
        "data": "0x" + (request.data + bytes.fromhex(request.sender[2:])).hex(),
        "gas": hex(request.gas),
    }


def recover_signer(digest: bytes, signature: bytes) -> str | None:
    """The address that signed `digest`, judged as OpenZeppelin's ECDSA.tryRecover does (the
    forwarder's rule): 65 bytes, v 27 or 28, s in the lower half of the curve's order (the
    other half is the same signature mirrored); None if the signature is not valid."""
    if len(signature) != 65 or signature[64] not in (27, 28):
        return None
    r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:64], "big")
    if not 0 < r < SECPK1_N or not 0 < s <= SECPK1_N // 2:
        return None
    try:
        public_key = keys.Signature(
            vrs=(signature[64] - 27, r, s)
        ).recover_public_key_from_msg_hash(digest)
    except BadSignature:
        return None
    return public_key.to_checksum_address()


def sign_forward_request(
    key: str,
    to: str,
    data: bytes,
    nonce: int,
    deadline: int,
    chain_id: int,
    forwarder: str,
    gas: int = 300_000,
) -> ForwardRequest:
    """A request signed with `key` (what a wallet does for the player; tests and tools use it)."""
    unsigned = ForwardRequest(Account.from_key(key).address, to, 0, gas, nonce, deadline, data, b"")
    signed = Account.sign_message(unsigned.signable(chain_id, forwarder), key)
    return ForwardRequest(**{**unsigned.__dict__, "signature": bytes(signed.signature)})


class ForwardRelay:
    """Checks players' forward requests and sends them through PawForwarder."""

    def __init__(self, sender: RelaySender, forwarder: str, pets: str | None = None) -> None:
        self.sender = sender
        self.forwarder_address = to_checksum_address(forwarder)
        # Targets seen trusting the forwarder (ERC2771Context's forwarder is immutable).
        self._trusting: set[str] = set()
        self._buyer_weth = BuyerWeth(sender.node)  # an accepted offer's buyer's WETH
        # PetToken, whose giveBirth with a prepaid fee is refused (see the module's note)
        self.pets = None if pets is None else to_checksum_address(pets)

    def submit(self, request: ForwardRequest) -> RelayStatus:
        """Check and send `request`; the same request again returns the first one's status.

        A request is looked up by its key only when it is refused or the chain cannot be
        asked, not before the check: a new one (nearly every one) would pay a database
        transaction (three round trips on PostgreSQL) for nothing, and the same one again
        meets its twin anyway: the accepting transaction's INSERT on the key's UNIQUE index
        (sender.submit returns the twin), or a refusal its first one causes (its forwarder
        nonce used or pending, its pets held, the inner call now reverting)."""
        digest = request.digest(self.sender.chain_id, self.forwarder_address)
        key = "forward:" + digest.hex()
        call = self.call_of(request, key)
        try:
            readings = self.check(request, digest)
            return self.sender.submit(call, readings, looked_up=True)
        except RelayUnderfunded:
            raise  # accepted: this is the request, queued
        except (RelayError, NodeError):
            known = self.sender.find(key)
            if known is None:
                raise
            return known

    def call_of(self, request: ForwardRequest, key: str) -> Call:
        """`forwarder.execute(request)` as the relay sends it."""
        data = _EXECUTE.calldata(request.as_struct())
        return Call(
            to=self.forwarder_address,
            data=data,
            idempotency_key=key,
            sponsored=request.sender,
            kind="forward",
            gas_limit=forward_gas_limit(request.gas, data),
            forward_nonce=request.nonce,
        )

    def idempotency_key(self, request: ForwardRequest) -> str:
        return "forward:" + request.digest(self.sender.chain_id, self.forwarder_address).hex()

    def check(self, request: ForwardRequest, digest: bytes | None = None) -> Readings:
        """Raise ForwardRequestRejected or TransactionRefused unless the relay should send it;
        else what the node said on the way (the relay's `submit` needs no second reading).
        `digest`: the request's EIP-712 digest, if already computed.

        What `execute` checks on chain is checked here without running it: one JSON-RPC batch
        reads the latest block, the relay's balance, the player's forwarder nonce, the inner
        call as the forwarder will make it (its simulation) and, the first time a target is
        seen, whether it trusts the forwarder; the signature is recovered in Python (with
        OpenZeppelin's rules). Simulating `execute` itself cost Ganache 12 ms of CPU per
        request, most of it the signature's recovery in its JavaScript precompile; these reads
        cost it 5 ms (docs/relay.md, "Measured"). The refusals come in this order: value,
        deadline, nonce, signature, target, wallet-only call or expiring offer, another's or a
        prepaid birth, the inner call."""
        player = request.sender
        if request.value != 0:
            raise ForwardRequestRejected(
                "forward_request_value",
                "the relay pays gas, not ether: send requests with value 0",
                {"value": str(request.value)},
            )
        calls = check_calls(self.forwarder_address, self.sender.address, request)
        target = request.to
        trust = None if target in self._trusting else self._trust_call(target)
        trust_calls = [] if trust is None else [("eth_call", [trust, "latest"])]
        inner = decode_inner(request.data)  # once, for every check below that reads it
        consumption = consumption_of(inner, player)
        weth_calls = self._buyer_weth.reads(target, consumption.payment)
        matron = self._birth_matron(target, inner)
        birth_calls = [] if matron is None else self._birth_reads(matron)
        answers = self.sender.node.batch(*calls.batch(), *trust_calls, *weth_calls, *birth_calls)
        block_answer, balance_answer, nonce_answer, inner_answer = answers[:4]
        trust_answers, answers = answers[4 : 4 + len(trust_calls)], answers[4 + len(trust_calls) :]
        weth_answers, birth_answers = answers[: len(weth_calls)], answers[len(weth_calls) :]
        block = answer_of(block_answer)
        now = int(block["timestamp"], 16)
        if request.deadline < now + MIN_DEADLINE_SECONDS:
            raise ForwardRequestRejected(
                "forward_request_expired",
                "the request's deadline has passed"
                if request.deadline < now
                else f"the request's deadline is less than {MIN_DEADLINE_SECONDS} s away: it "
                "would expire before it is mined",
                {
                    "deadline": request.deadline,
                    "now": now,
                    "earliest_deadline": now + MIN_DEADLINE_SECONDS,
                },
            )
        current = forwarder_nonce(call_result(nonce_answer))
        if request.nonce < current:
            raise ForwardRequestRejected(
                "forward_request_replayed",
                f"the request's nonce {request.nonce} was already used; {player}'s next nonce is {current}",
                {"nonce": request.nonce, "current_nonce": current},
                status=409,
            )
        if request.nonce > current:
            raise ForwardRequestRejected(
                "forward_request_nonce_ahead",
                f"the request's nonce {request.nonce} is not valid yet; {player}'s next nonce is {current}",
                {"nonce": request.nonce, "current_nonce": current},
            )
        if digest is None:
            digest = request.digest(self.sender.chain_id, self.forwarder_address)
        signer = recover_signer(digest, request.signature)
        if signer != player:
            raise ForwardRequestRejected(
                "forward_request_forged",
                f"the signature was not made by {player} for this request",
                {"from": player, "recovered": signer},
                status=401,
            )
        if trust is not None:
            (trust_answer,) = trust_answers
            if not self._trusts(trust_answer):
                raise ForwardRequestRejected(
                    "forward_request_invalid",
                    "the forwarder does not accept this request (its target does not trust it)",
                    {"to": request.to},
                )
            self._trusting.add(target)  # immutable in ERC2771Context: asked once per process
        refuse_unrelayable(request.data, inner, request.to, now)
        if matron is not None:
            self._refuse_birth(request, matron, birth_answers)
        self._judge_inner(request, calls.inner_call, inner_answer)
        claims = claims_of(consumption, self._buyer_weth.funds(weth_answers))
        return Readings(block, int(answer_of(balance_answer), 16), inner_answer, claims)

    def _trusts(self, answer: Any) -> bool:
        """The target's `isTrustedForwarder(forwarder)` answer; a target without the function
        (or without code) does not trust it, as the forwarder judges (OpenZeppelin 5)."""
        try:
            return bool(_TRUSTS.result(call_result(answer)))
        except (Reverted, ValueError, InsufficientDataBytes):
            return False

    def _birth_matron(self, target: str, inner: InnerCall | None) -> int | None:
        """The matron of a forwarded PetToken `giveBirth` (None for any other call, or one whose
        arguments do not decode: the simulation says why)."""
        if self.pets is None or target != self.pets or inner is None:
            return None
        return int(inner.args["matronId"]) if inner.name == "giveBirth" else None

    def _birth_reads(self, matron: int) -> list[RpcCall]:
        """The eth_calls of the matron's `getPet` and `ownerOf`, read in the check's batch."""
        assert self.pets is not None
        return [
            ("eth_call", [function.call(self.pets, matron), "latest"])
            for function in (_GET_PET, _OWNER_OF)
        ]

    def _refuse_birth(self, request: ForwardRequest, matron: int, answers: list[Any]) -> None:
        """A forwarded giveBirth of `matron` must be the matron owner's own (anyone may give
        birth, so of fresh accounts relaying one birth at once all but the first would revert on
        the relay's gas), and not of a prepaid pregnancy (see the module's note). `answers`: the
        batch's answers to `_birth_reads`."""
        try:
            pet = _GET_PET.result(call_result(answers[0]))
            owner = to_checksum_address(_OWNER_OF.result(call_result(answers[1])))
        except (Reverted, NodeError, ValueError, DecodingError):
            return  # no such pet: the simulation says why
        if owner != request.sender:
            raise ForwardRequestRejected(
                "forward_request_wallet_only",
                f"only pet {matron}'s owner has its birth relayed: send it from your wallet",
                {"to": request.to, "why": "the birth of another player's pet"},
            )
        fee = pet[PET_BIRTH_FEE]
        if fee:
            raise ForwardRequestRejected(
                "forward_request_prepaid_birth",
                f"pet {matron}'s birth fee is prepaid: the midwife delivers it (the fee pays its gas), "
                "not the relay on a player's behalf",
                {"matron_id": str(matron), "birth_fee": str(fee)},
            )

    def _judge_inner(self, request: ForwardRequest, call: dict[str, str], answer: Any) -> None:
        """Refuse the request if the inner call's simulation (`answer`, from the batch) reverted."""
        try:
            call_result(answer)
        except Reverted as exc:
            if exc.data in ("0x", "") and self._fits_with_more_gas(call):
                raise ForwardRequestRejected(
                    "forward_request_gas",
                    f"the call needs more gas than the request's {request.gas}",
                    {"gas": request.gas},
                ) from None
            reason = decode_revert(exc.data)
            now = self.sender.node.chain_time()
            raise TransactionRefused(reason.explain(now), reason.to_json(now)) from None

    def _fits_with_more_gas(self, call: dict[str, str]) -> bool:
        """Whether a call that failed without revert data (what nodes say for out of gas, too)
        succeeds with a block's worth of gas: then the signed gas was too little."""
        try:
            self.sender.node.call({**call, "gas": hex(BLOCK_GAS)})
        except (Reverted, NodeError):
            return False
        return True

    def _trust_call(self, target: str) -> dict[str, str]:
        """The eth_call of `target.isTrustedForwarder(forwarder)` (ERC2771Context)."""
        return _TRUSTS.call(target, self.forwarder_address)
