// Numbers, addresses and times as players read them.
import { formatEther, parseEther } from "ethers";

export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** Whether two addresses are the same account (checksummed or not); never for a missing one. */
export function sameAddress(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}

export function ether(wei: string | bigint, digits = 4): string {
  const text = formatEther(BigInt(wei));
  const [whole, fraction = ""] = text.split(".");
  const trimmed = fraction.slice(0, digits).replace(/0+$/, "");
  return `${whole}${trimmed ? `.${trimmed}` : ""} ETH`;
}

/** Ether typed by a player → wei, or null when it is not a positive amount. */
export function parseAmount(text: string): bigint | null {
  const clean = text.trim();
  if (!/^\d*(\.\d{0,18})?$/.test(clean) || clean === "" || clean === ".") return null;
  try {
    const wei = parseEther(clean);
    return wei > 0n ? wei : null;
  } catch {
    return null;
  }
}

export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60 ? `${s % 60} s` : ""}`.trim();
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
}

export function ago(unixSeconds: number, now: number): string {
  const s = now - unixSeconds;
  if (s < 60) return "just now";
  return `${duration(s)} ago`;
}

export function dateTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toLocaleString();
}

export const TRAIT_LABELS: Record<string, string> = {
  body_shape: "Body",
  pattern: "Pattern",
  eye_shape: "Eyes",
  eye_colour: "Eye colour",
  mouth: "Mouth",
  body_colour: "Colour",
  pattern_colour: "Pattern colour",
  belly_colour: "Belly",
};

export const RARITIES = ["Common", "Rare", "Excellent", "Epic", "Mythical", "Legendary"];

export function weth(wei: string | bigint, digits = 4): string {
  return ether(wei, digits).replace(/ ETH$/, " WETH");
}
