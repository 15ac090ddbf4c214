// The player's transactions sent and not yet mined, kept in localStorage per account and
// chain: a reload (or the app opened again) resumes watching them and says how each ended
// (transactor.ts, resumePending). A transaction is kept from the moment its hash is known
// until its outcome is known (mined, reverted or dropped).

export interface PendingTransaction {
  hash: string;
  title: string; // what it was, as the status panel named it
  pet?: number | undefined; // the pet its events name (the indexed check)
  indexed?: boolean | undefined; // false: a contract the server does not index (WETH)
}

function storageKey(chainId: number, account: string): string {
  return `pawchain.pending.${String(chainId)}.${account.toLowerCase()}`;
}

/** The kept transactions of `account` on chain `chainId` (none if the entry is unreadable:
 *  anything may have written it, so each field is checked). */
export function pendingTransactions(chainId: number, account: string): PendingTransaction[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(storageKey(chainId, account)) ?? "[]");
    if (!Array.isArray(stored)) return [];
    return stored.filter(
      (item): item is PendingTransaction =>
        typeof item === "object" &&
        item !== null &&
        typeof (item as PendingTransaction).hash === "string" &&
        typeof (item as PendingTransaction).title === "string",
    );
  } catch {
    return [];
  }
}

function save(chainId: number, account: string, kept: PendingTransaction[]): void {
  try {
    if (kept.length > 0) localStorage.setItem(storageKey(chainId, account), JSON.stringify(kept));
    else localStorage.removeItem(storageKey(chainId, account));
  } catch {
    // private mode: a reload forgets the transaction, nothing else changes
  }
}

export function keepPending(
  chainId: number,
  account: string,
  transaction: PendingTransaction,
): void {
  const others = pendingTransactions(chainId, account).filter(
    (kept) => kept.hash !== transaction.hash,
  );
  save(chainId, account, [...others, transaction]);
}

export function forgetPending(chainId: number, account: string, hash: string): void {
  const kept = pendingTransactions(chainId, account);
  const left = kept.filter((transaction) => transaction.hash !== hash);
  if (left.length !== kept.length) save(chainId, account, left);
}
