"""ERC-2771 forward requests: what a player signs, and the checks before the relay sends one.

A player signs a `ForwardRequest` (EIP-712, domain "Pawchain Forwarder" version "1", the
chain id and PawForwarder's address) with their forwarder nonce; the relay sends
`forwarder.execute(request)` and pays the gas. Before it does, `ForwardRelay.check`:
- the request moves no ether (the relay sponsors gas, not value) and its deadline is ahead;
- the signed nonce is the signer's current one: lower is a replay, higher is not yet valid;
- the signature recovers the signer (off chain), and `forwarder.verify` agrees (on chain);
- it is no forwarded giveBirth of a pregnancy with a prepaid fee: the fee is paid to the
  caller, which through the forwarder is the player, so the relay would pay the gas and the
  player collect the fee (that birth is the midwife's, who earns the fee for the gas);
- the inner call succeeds when the forwarder makes it (simulated from the forwarder's
  address with the signer appended, as ERC-2771 does), so a request about someone else's
  pet is refused with PetToken's own custom error, not the forwarder's opaque `FailedCall`.
The simulation of `execute` itself checks all but the first two and the birth (it reverts on
each), so a request it accepts is not checked one by one; a request it refuses is, to name
the cause (`ForwardRelay.check`).
Its idempotency key is the request's EIP-712 digest: the same signed request twice is one
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eth_account import Account
from eth_account.messages import SignableMessage, encode_typed_data
from eth_utils import keccak, to_checksum_address
from web3 import Web3

from pawchain.chain import load_abi
from pawchain.chain.typed_data import forward_typed_data
from pawchain.relay.call import Call, Readings
from pawchain.relay.errors import ForwardRequestRejected, TransactionRefused
from pawchain.relay.node import NodeError, Reverted, answer_of, call_result
from pawchain.relay.revert import decode_revert
from pawchain.relay.sender import RelaySender
from pawchain.relay.status import RelayStatus

# Gas of `execute` besides the inner call: the transaction (21,000), the EIP-712 hash and the
# signature's recovery, the player's forwarder nonce (22,100 for a player's first request),
# the cold call and the event; measured ~45,000 on a first request. The inner call is then
# given `request.gas`, which the forwarder needs at least 64/63 of left (EIP-150).
FORWARDER_OVERHEAD_GAS = 60_000
BLOCK_GAS = 30_000_000  # the most any call can have
_FORWARDER_CODEC = Web3().eth.contract(abi=load_abi("PawForwarder"))  # decodes calldata; no node


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

    def signable(self, chain_id: int, forwarder: str) -> SignableMessage:
        """The EIP-712 message the player signed."""
        return encode_typed_data(
            full_message=forward_typed_data(chain_id, forwarder, self.message())
        )

    def message(self) -> dict[str, Any]:
        return {
            "from": to_checksum_address(self.sender),
            "to": to_checksum_address(self.to),
            "value": self.value,
            "gas": self.gas,
            "nonce": self.nonce,
            "deadline": self.deadline,
            "data": self.data,
        }

    def digest(self, chain_id: int, forwarder: str) -> bytes:
        """The EIP-712 hash: what the signature signs, and the request's identity."""
        signable = self.signable(chain_id, forwarder)
        return keccak(b"\x19" + signable.version + signable.header + signable.body)

    def as_struct(self) -> tuple[Any, ...]:
        """ForwardRequestData as `execute` and `verify` take it (no nonce: the forwarder knows it)."""
        return (
            to_checksum_address(self.sender),
            to_checksum_address(self.to),
            self.value,
            self.gas,
            self.deadline,
            self.data,
            self.signature,
        )


def forward_gas_limit(inner_gas: int, execute_data: bytes) -> int:
    """The gas limit of `execute`: the inner call's signed gas (already simulated within that
    limit), what EIP-150 keeps back, the calldata and the forwarder's own work."""
    calldata = sum(16 if byte else 4 for byte in execute_data)
    return inner_gas * 64 // 63 + 1 + calldata + FORWARDER_OVERHEAD_GAS


def inner_call(forwarder: str, execute_data: bytes) -> dict[str, str] | None:
    """The call PawForwarder makes for `execute(request)` calldata, as eth_call takes it (from
    the forwarder, the signer appended: ERC-2771); None for any other calldata. The forwarder
    reverts with an opaque error when the inner call fails: replaying this one names the cause."""
    try:
        function, args = _FORWARDER_CODEC.decode_function_input(execute_data)
    except ValueError:
        return None
    if function.fn_name != "execute":
        return None
    request = args["request"]
    return {
        "from": to_checksum_address(forwarder),
        "to": to_checksum_address(request["to"]),
        "data": "0x" + (request["data"] + bytes.fromhex(request["from"][2:])).hex(),
        "gas": hex(request["gas"]),
    }


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
        self.forwarder = sender.node.web3.eth.contract(
            address=self.forwarder_address, abi=load_abi("PawForwarder")
        )
        # PetToken, whose giveBirth with a prepaid fee is refused (see the module's note)
        self.pets = (
            None
            if pets is None
            else sender.node.web3.eth.contract(
                address=to_checksum_address(pets), abi=load_abi("PetToken")
            )
        )

    def submit(self, request: ForwardRequest) -> RelayStatus:
        """Check and send `request`; the same request again returns the first one's status."""
        key = self.idempotency_key(request)
        known = self.sender.find(key)
        if known is not None:
            return known
        call = self.call_of(request, key)
        readings = self.check(request, call)
        return self.sender.submit(call, readings, looked_up=True)

    def call_of(self, request: ForwardRequest, key: str) -> Call:
        """`forwarder.execute(request)` as the relay sends it."""
        data = bytes.fromhex(
            self.forwarder.functions.execute(request.as_struct())._encode_transaction_data()[2:]
        )
        return Call(
            to=self.forwarder_address,
            data=data,
            idempotency_key=key,
            sponsored=to_checksum_address(request.sender),
            kind="forward",
            gas_limit=forward_gas_limit(request.gas, data),
        )

    def idempotency_key(self, request: ForwardRequest) -> str:
        return "forward:" + request.digest(self.sender.chain_id, self.forwarder_address).hex()

    def check(self, request: ForwardRequest, call: Call | None = None) -> Readings:
        """Raise ForwardRequestRejected or TransactionRefused unless the relay should send it;
        else what the node said on the way (the relay's `submit` needs no second reading).

        One JSON-RPC batch reads the latest block, the relay account's balance and the outer
        call (`call`: `execute` from the relay, if given). If `execute` succeeds, the forwarder
        has itself checked the nonce, the signature, the target and the inner call (it reverts
        on each), so those are not asked again: one execution on the node per request instead
        of four, and no signature recovery here (under 16 clients the node's work and the round
        trips were most of a request's time). Otherwise a second batch reads the forwarder
        nonce, `verify` and the inner call, judged in the order below, so a refusal names its
        own cause as before."""
        player = to_checksum_address(request.sender)
        if request.value != 0:
            raise ForwardRequestRejected(
                "forward_request_value",
                "the relay pays gas, not ether: send requests with value 0",
                {"value": str(request.value)},
            )
        answers = self.sender.node.batch(
            ("eth_getBlockByNumber", ["latest", False]),
            ("eth_getBalance", [self.sender.address, "latest"]),
            *([] if call is None else [("eth_call", [self.sender.rpc_call(call), "latest"])]),
        )
        block = answer_of(answers[0])
        now = int(block["timestamp"], 16)
        if request.deadline < now:
            raise ForwardRequestRejected(
                "forward_request_expired",
                "the request's deadline has passed",
                {"deadline": request.deadline, "now": now},
            )
        simulation = answers[2] if call is not None else None
        if call is None or isinstance(simulation, NodeError):
            self._find_the_cause(request, player)
        else:
            self._refuse_prepaid_birth(request)
        return Readings(block, int(answer_of(answers[1]), 16), simulation)

    def _find_the_cause(self, request: ForwardRequest, player: str) -> None:
        """Every check one by one (one batch): refuses the request with the first that fails."""
        nonces = self._encoded("nonces", player)
        verify = self._encoded("verify", request.as_struct())
        inner = self._inner_call(request)
        answers = self.sender.node.batch(
            ("eth_call", [nonces[0], "latest"]),
            ("eth_call", [verify[0], "latest"]),
            ("eth_call", [inner, "latest"]),
        )
        current = self._decoded(nonces[1], call_result(answers[0]))
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
        try:
            signer = Account.recover_message(
                request.signable(self.sender.chain_id, self.forwarder_address),
                signature=request.signature,
            )
        except Exception:  # malformed signatures raise several error types in eth_keys
            signer = None
        if signer != player:
            raise ForwardRequestRejected(
                "forward_request_forged",
                f"the signature was not made by {player} for this request",
                {"from": player, "recovered": signer},
                status=401,
            )
        if not self._decoded(verify[1], call_result(answers[1])):
            raise ForwardRequestRejected(
                "forward_request_invalid",
                "the forwarder does not accept this request (untrusted target?)",
                {"to": request.to},
            )
        self._refuse_prepaid_birth(request)
        self._judge_inner(request, inner, answers[2])

    def _refuse_prepaid_birth(self, request: ForwardRequest) -> None:
        if self.pets is None or to_checksum_address(request.to) != self.pets.address:
            return
        give_birth = self.pets.get_function_by_name("giveBirth")
        if request.data[:4] != bytes.fromhex(give_birth(0)._encode_transaction_data()[2:10]):
            return
        try:
            (matron,) = self.sender.node.web3.codec.decode(["uint256"], request.data[4:])
            pet = self.pets.functions.getPet(matron).call()
        except Exception:  # malformed arguments or no such pet: the simulation says why
            return
        fee = pet[9]  # Pet.birthFee (IPetToken.Pet's field order)
        if fee:
            raise ForwardRequestRejected(
                "forward_request_prepaid_birth",
                f"pet {matron}'s birth fee is prepaid: the midwife delivers it (the fee pays its gas), "
                "not the relay on a player's behalf",
                {"matron_id": str(matron), "birth_fee": str(fee)},
            )

    def _inner_call(self, request: ForwardRequest) -> dict[str, str]:
        """The call the forwarder will make: from the forwarder, the signer appended (ERC-2771)."""
        return {
            "from": self.forwarder_address,
            "to": to_checksum_address(request.to),
            "data": "0x" + (request.data + bytes.fromhex(request.sender[2:])).hex(),
            "gas": hex(request.gas),
        }

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

    def _encoded(self, name: str, *args: Any) -> tuple[dict[str, str], Any]:
        """The eth_call of the forwarder's view `name(*args)`, and the function (to decode it)."""
        function = getattr(self.forwarder.functions, name)(*args)
        return {"to": self.forwarder_address, "data": function._encode_transaction_data()}, function

    def _decoded(self, function: Any, result: str) -> Any:
        (value,) = self.sender.node.web3.codec.decode(
            [o["type"] for o in function.abi["outputs"]], bytes.fromhex(result[2:])
        )
        return value
