// The API's shapes the app reads (docs/api.md; the OpenAPI document at /api/v1/docs).

export interface Variant {
  variant: number;
  name: string;
  tier: number | null;
  tier_name: string;
  rare: boolean;
}

export interface Rarity {
  tier: number;
  name: string;
}

export type PetStatus = "ready" | "cooling" | "pregnant";

export interface Pet {
  id: number;
  name: string | null; // its owner's signed name (docs/rules.md, Pet names)
  owner: string;
  genes: string;
  genes_hex: string;
  traits: Record<string, Variant>;
  rarity: Rarity;
  fancy: string | null; // the fancy it is (docs/rules.md, Fancy pets), or null
  generation: number;
  matron_id: number | null;
  sire_id: number | null;
  birth_time: number;
  status: PetStatus;
  cooldown_end: number;
  cooldown_index: number;
  breedings: number;
  litters: number;
  image_url: string;
  listed?: boolean;
}

export interface PetDetail extends Pet {
  children: number[];
  pregnancy: {
    sire_id: number;
    due_time: number;
    due: boolean;
    seed_block: number;
    seed_sealed: boolean;
    birth_fee: string;
  } | null;
  cooldown_seconds: number;
  pet_nonce: number;
  image_png_url: string;
}

export interface FamilyNode {
  id: number;
  name: string | null;
  owner: string;
  genes_hex: string;
  rarity: Rarity;
  generation: number;
  matron_id: number | null;
  sire_id: number | null;
  image_url: string;
  parents?: FamilyNode[];
  children?: FamilyNode[];
}

export interface GameEvent {
  event: string;
  contract: string;
  block_number: number;
  block_time: number;
  tx_hash: string;
  log_index: number;
  pet_id: number | null;
  other_pet_id: number | null;
  pet_name?: string | null;
  args: Record<string, string>;
}

export interface Auction {
  pet_id: number;
  auction_id: number; // the pet's auction number, which a bid names
  kind: string;
  seller: string;
  start_price: string;
  end_price: string;
  duration: number;
  started_at: number;
  current_price: string;
  priced_at: number;
  pet: Pet;
}

export interface Sale {
  pet_id: number;
  venue: string;
  currency: string;
  seller: string;
  buyer: string;
  price: string;
  block_time: number;
  tx_hash: string;
}

export interface Order {
  hash: string;
  kind: "listing" | "offer";
  signer: string;
  pet_id: number;
  price: string;
  pet_nonce: number;
  expiry: number;
  counter: number;
  max_fee_bps: number | null; // a listing's signed fee limit; null for offers
  signature: string;
  state: "live" | "filled" | "cancelled" | "fees_above_limit" | "expired" | "stale";
}

export interface Stats {
  pets: number;
  owners: number;
  generations: { generation: number; pets: number }[];
  rarity_tiers: { value: number; name: string; pets: number; share: number }[];
  traits: Record<string, { value: number; name: string; pets: number; share: number }[]>;
}

export interface Game {
  chain_id: number;
  chain_name: string;
  rpc_url: string;
  deploy_block: number;
  contracts: Record<ContractName, string>;
  relay: boolean;
  stream_url: string; // the live event stream (live.ts)
  last_event_id: number; // the newest event in the data the server answers from (live.ts)
  dev_wallet: {
    mnemonic: string;
    derivation_path: string;
    first_account: number; // the player accounts: the admin's (0) and the relay's are not offered
    accounts: number;
  } | null;
}

export type ContractName =
  "PetToken" | "ClockAuctionHouse" | "OrderBook" | "WrappedEther" | "PawForwarder";

/** A fancy in the catalogue (GET /api/v1/fancies). */
export interface Fancy {
  name: string;
  hint: string;
  count: number;
  first: { pet_id: number; breeder: string; birth_time: number } | null;
  sample_image_url: string;
  pets_url: string;
}
