// The EIP-712 types the app signs, mirroring backend/pawchain/chain/typed_data.py (and the
// contracts: OrderBook.sol, PawForwarder.sol). tests/tools/test_frontend_typed_data.py checks
// that these hash to what the Python definition hashes to.
import type { TypedDataDomain, TypedDataField } from "ethers";

export const ORDER_BOOK_DOMAIN = { name: "Pawchain OrderBook", version: "1" };
export const FORWARDER_DOMAIN = { name: "Pawchain Forwarder", version: "1" };
// A pet's name: checked by the server only, over the PetToken contract's address.
export const PET_NAME_DOMAIN = { name: "Pawchain Pet Names", version: "1" };

const ORDER_FIELDS: TypedDataField[] = [
  { name: "petId", type: "uint256" },
  { name: "price", type: "uint256" },
  { name: "petNonce", type: "uint256" }, // pets.petNonce(petId): transfers, breedings and births move it
  { name: "expiry", type: "uint256" },
];
const COUNTER_FIELD: TypedDataField = { name: "counter", type: "uint256" };
// The most the seller pays in fees (cut + royalty), in basis points: only a listing signs it
// (an offer's fees come out of the seller, who accepts with its own limit).
const MAX_FEE_FIELD: TypedDataField = { name: "maxFeeBps", type: "uint16" };

// The signer's field comes first: `seller` in a Listing, `buyer` in an Offer.
export const ORDER_TYPES: Record<"Listing" | "Offer", Record<string, TypedDataField[]>> = {
  Listing: {
    Listing: [{ name: "seller", type: "address" }, ...ORDER_FIELDS, MAX_FEE_FIELD, COUNTER_FIELD],
  },
  Offer: { Offer: [{ name: "buyer", type: "address" }, ...ORDER_FIELDS, COUNTER_FIELD] },
};

export const FORWARD_TYPES: Record<string, TypedDataField[]> = {
  ForwardRequest: [
    { name: "from", type: "address" },
    { name: "to", type: "address" },
    { name: "value", type: "uint256" },
    { name: "gas", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint48" },
    { name: "data", type: "bytes" },
  ],
};

export const PET_NAME_TYPES: Record<string, TypedDataField[]> = {
  PetName: [
    { name: "petId", type: "uint256" },
    { name: "name", type: "string" },
    // unix seconds: a later name needs a later time, so an old signature is no rename
    { name: "issuedAt", type: "uint256" },
  ],
};

export function domain(
  nameAndVersion: { name: string; version: string },
  chainId: number,
  verifyingContract: string,
): TypedDataDomain {
  return { ...nameAndVersion, chainId, verifyingContract };
}
