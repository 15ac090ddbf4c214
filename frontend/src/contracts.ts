// The contracts as the browser sees them: ABIs bundled from backend/pawchain/chain/abi (the
// committed copies the server uses; esbuild inlines the JSON at build time) and addresses
// from GET /api/v1/game. One map, never hand-copied fragments.
import { BaseContract, Interface, type ContractRunner, type InterfaceAbi } from "ethers";
import ClockAuctionHouse from "../../backend/pawchain/chain/abi/ClockAuctionHouse.json";
import OrderBook from "../../backend/pawchain/chain/abi/OrderBook.json";
import PawForwarder from "../../backend/pawchain/chain/abi/PawForwarder.json";
import PetToken from "../../backend/pawchain/chain/abi/PetToken.json";
import WrappedEther from "../../backend/pawchain/chain/abi/WrappedEther.json";
import type { ContractMethods } from "./contract-methods";
import type { ContractName, Game } from "./types";

export const ABIS: Record<ContractName, InterfaceAbi> = {
  PetToken,
  ClockAuctionHouse,
  OrderBook,
  WrappedEther,
  PawForwarder,
};

export const INTERFACES: Record<ContractName, Interface> = Object.fromEntries(
  Object.entries(ABIS).map(([name, abi]) => [name, new Interface(abi)]),
) as Record<ContractName, Interface>;

let addresses: Record<ContractName, string> | null = null;

export function setAddresses(game: Game): void {
  addresses = game.contracts;
}

export function address(name: ContractName): string {
  // eslint-disable-next-line i18next/no-literal-string -- a bug, for developers
  if (!addresses) throw new Error("the game's contracts are not loaded yet");
  return addresses[name];
}

/** A deployed contract with the functions the app calls typed (contract-methods.ts). */
export type TypedContract<N extends ContractName> = BaseContract &
  Omit<ContractMethods[N], keyof BaseContract>;

/** The deployed contract `name`. */
export function contract<N extends ContractName>(
  name: N,
  runner: ContractRunner,
): TypedContract<N> {
  return BaseContract.from<ContractMethods[N]>(address(name), ABIS[name], runner);
}
