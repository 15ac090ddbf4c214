"""Whether a midwife's birth or seal, about to be sent again, is still needed.

A midwife transaction whose relay nonce another transaction took goes back to the queue
(pawchain.relay.tracker). Meanwhile the matron's owner (or anyone) may have given the birth,
or sealed the seed, or Ganache may have mined the relay's own transaction and not yet
answered its receipt: a `giveBirth` sent again then reverts `PetNotPregnant` on the relay's
gas, and a `sealBirthSeeds` pays for skipping every matron. So before the requeue the chain
is asked (pawchain.relay.done_elsewhere closes what is no longer needed):
- a birth is needed while its matron is still pregnant with the seed block the birth was
  keyed by (the midwife's key ends with it: pawchain.relay.midwife);
- a seal is needed while one of its matrons is pregnant with a seed not sealed yet.
"""

from __future__ import annotations

from typing import Any

from eth_abi import decode
from eth_abi.exceptions import DecodingError

from pawchain.chain.abi_function import abi_function
from pawchain.relay.node import Node, Reverted, call_result

_GIVE_BIRTH = abi_function("PetToken", "giveBirth").selector
_SEAL = abi_function("PetToken", "sealBirthSeeds").selector
_GET_PET = abi_function("PetToken", "getPet")
# IPetToken.Pet's fields read here, by position
SIRING_WITH_ID, COMMIT_BLOCK, BIRTH_SEED = 5, 6, 11


def midwife_call_done(node: Node, pets: str, data: bytes, key: str) -> str | None:
    """Why the midwife's call `data` to `pets` (idempotency key `key`) is no longer needed;
    None if it still is, or if it is no birth or seal this module knows."""
    try:
        if data[:4] == _GIVE_BIRTH:
            (matron,) = decode(["uint256"], data[4:])
            seed_block = int(key.rsplit(":", 1)[1])
            pet = _pets(node, pets, [matron])[0]
            if pet[SIRING_WITH_ID] != 0 and pet[COMMIT_BLOCK] == seed_block:
                return None
            return (
                f"pet {matron}'s pregnancy with seed block {seed_block} ended meanwhile (a birth "
                "the relay did not send): not sent again"
            )
        if data[:4] == _SEAL:
            (matrons,) = decode(["uint256[]"], data[4:])
            if any(
                pet[SIRING_WITH_ID] != 0 and pet[BIRTH_SEED] == 0
                for pet in _pets(node, pets, list(matrons))
            ):
                return None
            return "every pregnancy of this seal was sealed or ended meanwhile: not sent again"
    except (DecodingError, ValueError, IndexError, Reverted):
        return None  # not the midwife's calldata (or no such pet): sent again as any other call
    return None


def _pets(node: Node, pets: str, ids: list[int]) -> list[tuple[Any, ...]]:
    """`getPet` of each of `ids`, in one JSON-RPC batch (Reverted raised for an unknown pet)."""
    answers = node.batch(*[("eth_call", [_GET_PET.call(pets, pet), "latest"]) for pet in ids])
    return [_GET_PET.result(call_result(answer)) for answer in answers]
