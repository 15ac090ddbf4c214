// Sign-in with Ethereum (EIP-4361) against the game server: a nonce from the server, a
// message the wallet signs (personal_sign), an HttpOnly session cookie back.
import { api, ApiError } from "./api";
import { gameConfig } from "./chain";
import { signAndSubmit } from "./transactor";

export interface Session {
  address: string;
  expires_at: string | number;
}

let current: Session | null = null;
let supported = true;
const listeners = new Set<() => void>();

export function onSessionChange(listener: () => void): void {
  listeners.add(listener);
}

export function signedInAs(): string | null {
  return current?.address ?? null;
}

export function signInSupported(): boolean {
  return supported;
}

function changed(next: Session | null): void {
  current = next;
  listeners.forEach((listener) => listener());
}

export async function loadSession(): Promise<void> {
  try {
    changed(await api<Session>("/auth/session"));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.code === "not_found") supported = false;
    changed(null);
  }
}

export function siweMessage(address: string, nonce: string, issuedAt: string, expiresAt: string): string {
  return [
    `${location.host} wants you to sign in with your Ethereum account:`,
    address,
    "",
    "Sign in to Pawchain to make trait offers and keep your preferences.",
    "",
    `URI: ${location.origin}`,
    "Version: 1",
    `Chain ID: ${gameConfig().chain_id}`,
    `Nonce: ${nonce}`,
    `Issued At: ${issuedAt}`,
    `Expiration Time: ${expiresAt}`,
  ].join("\n");
}

function iso(value: string | number): string {
  return typeof value === "number" ? new Date(value * 1000).toISOString() : value;
}

export async function signIn(): Promise<boolean> {
  const session = await signAndSubmit("Sign in", async (signer) => {
    const address = await signer.getAddress();
    const nonce = await api<{ nonce: string; issued_at: string | number; expires_at: string | number }>("/auth/nonce", { method: "POST", json: {} });
    const message = siweMessage(address, nonce.nonce, iso(nonce.issued_at), iso(nonce.expires_at));
    const signature = await signer.signMessage(message);
    return api<Session>("/auth/sign-in", { method: "POST", json: { message, signature } });
  }, "Signed in");
  if (session) changed(session);
  return session !== null;
}

export async function signOut(): Promise<void> {
  await api("/auth/sign-out", { method: "POST" }).catch(() => undefined);
  changed(null);
}
