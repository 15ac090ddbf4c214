// Sign-in with Ethereum (EIP-4361) against the game server: a nonce from the server, a
// message the wallet signs (personal_sign), an HttpOnly session cookie and a CSRF token back.
import { t } from "./i18n";
import { api, ApiError, setCsrfToken } from "./api";
import { gameConfig } from "./chain";
import { signAndSubmit } from "./transactor";

export interface Session {
  address: string;
  expires_at: string | number;
  csrf_token: string;
}

/** GET /auth/session's answer: nulls when nobody is signed in (it answers 200 either way). */
type SessionAnswer = Session | { address: null; expires_at: null; csrf_token: null };

let current: Session | null = null;
let supported = true;
const listeners = new Set<() => void>();

/** Calls `listener` whenever the session changes; the answer stops it. */
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function signedInAs(): string | null {
  return current?.address ?? null;
}

export function signInSupported(): boolean {
  return supported;
}

function changed(next: Session | null): void {
  current = next;
  setCsrfToken(next?.csrf_token ?? null);
  listeners.forEach((listener) => listener());
}

export async function loadSession(): Promise<void> {
  try {
    const answer = await api<SessionAnswer>("/auth/session");
    changed(answer.address === null ? null : answer);
  } catch (error) {
    // No sign-in on this server: nobody is signed in. Any other failure (the server or the
    // network down) proves nothing: the page keeps saying what it knew.
    if (error instanceof ApiError && error.status === 404 && error.code === "not_found") {
      supported = false;
      changed(null);
    } else changed(current);
  }
}

interface Nonce {
  nonce: string;
  issued_at: number;
  expires_at: number;
  domain?: string; // what the server checks the message against (PAWCHAIN_PUBLIC_URL or its host)
  uri?: string;
  chain_id?: number;
}

// The message's statement: English in every language, as the server checks it word for word.
const SIWE_STATEMENT =
  "Sign in to Pawchain to make trait offers. This is a free signature, not a transaction.";

/** The EIP-4361 message, in the standard's canonical layout (the server compares it line for
 *  line; its fixed lines are the standard's, in English whatever the app's language). */
export function siweMessage(address: string, nonce: Nonce): string {
  /* eslint-disable i18next/no-literal-string -- EIP-4361's own words, not the app's */
  return [
    `${nonce.domain ?? location.host} wants you to sign in with your Ethereum account:`,
    address,
    "",
    SIWE_STATEMENT,
    "",
    `URI: ${nonce.uri ?? location.origin}`,
    "Version: 1",
    `Chain ID: ${nonce.chain_id ?? gameConfig().chain_id}`,
    `Nonce: ${nonce.nonce}`,
    `Issued At: ${iso(nonce.issued_at)}`,
    `Expiration Time: ${iso(nonce.expires_at)}`,
  ].join("\n");
  /* eslint-enable i18next/no-literal-string */
}

/** RFC 3339 in UTC without fractions (2026-12-02T04:35:28Z). */
function iso(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export async function signIn(): Promise<boolean> {
  const session = await signAndSubmit(
    t("session.signIn"),
    async (signer) => {
      const address = await signer.getAddress();
      const nonce = await api<Nonce>("/auth/nonce", { method: "POST", json: {} });
      const message = siweMessage(address, nonce);
      const signature = await signer.signMessage(message);
      return api<Session>("/auth/sign-in", { method: "POST", json: { message, signature } });
    },
    t("session.signedIn"),
  );
  if (session) changed(session);
  return session !== null;
}

/** Ends this device's session. Refused (the server's error, or no network), it throws, and
 *  the session is read again: the player stays signed in while the session lives. A 401 means
 *  it had ended already (signed out everywhere, or expired): signed out all the same. */
export async function signOut(): Promise<void> {
  try {
    await api("/auth/sign-out", { method: "POST" });
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) {
      await loadSession();
      throw error;
    }
  }
  changed(null);
}

/** Ends every session of the signed-in player, on every device (a copied cookie too): the
 *  number of sessions ended. Refused (the server down, or already signed out elsewhere: 401),
 *  it throws, and the session is read again so the top bar says where the player stands. */
export async function signOutEverywhere(): Promise<number> {
  try {
    const answer = await api<{ ended: number }>("/auth/sign-out-everywhere", { method: "POST" });
    changed(null);
    return answer.ended;
  } catch (error) {
    await loadSession();
    throw error;
  }
}
