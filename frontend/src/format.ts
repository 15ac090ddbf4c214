// Numbers, addresses and times as players read them, in the app's language.
import { formatEther, getAddress, isAddress, parseEther } from "ethers";
import { language, t } from "./i18n";
import en from "./i18n/en.json";

/** An address as players read it: checksummed (EIP-55), whoever wrote it in lower case (the
 *  event stream, the API's details); anything not an address as it is. */
export function checksummed(address: string): string {
  return isAddress(address) ? getAddress(address) : address;
}

/** "0xAbCd…1234": the checksummed address's ends, their letters' case kept. */
export function shortAddress(address: string): string {
  const shown = checksummed(address);
  return `${shown.slice(0, 6)}…${shown.slice(-4)}`;
}

/** Whether two addresses are the same account (checksummed or not); never for a missing one. */
export function sameAddress(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}

/** A chance (0 to 1) as a percentage: one decimal under 10%, none from there, and "under 0.1%"
 *  for a chance that is not nil but would read "0.0%" (a Mythical child of two Common pets is
 *  about 1 in 10^12: rare, not impossible). */
export function chance(probability: number): string {
  if (probability < 0.001) return t("rarity.underTenth");
  const value = probability * 100;
  return t("rarity.percent", { value: value.toFixed(value < 9.95 ? 1 : 0) });
}

export function ether(wei: string | bigint, digits = 4): string {
  const text = formatEther(BigInt(wei));
  const [whole, fraction = ""] = text.split(".");
  const trimmed = fraction.slice(0, digits).replace(/0+$/, "");
  return `${whole}${trimmed ? `.${trimmed}` : ""} ETH`;
}

/** Every decimal of an amount (trailing zeros dropped): what a seller receives after the fees,
 *  which the contracts pay to the wei ("0.046875 WETH", not a cut "0.0468"). */
export function exactEther(wei: bigint): string {
  return ether(wei, 18);
}

/** exactEther's amount in WETH. */
export function exactWeth(wei: bigint): string {
  return weth(wei, 18);
}

/** An amount owed, with `digits` decimals or as many more as its first significant digit
 *  needs: a market's credit of a bid's refunded margin (0.0002 ETH) read "+0 ETH to withdraw". */
export function owedEther(wei: bigint, digits = 3): string {
  let shown = digits;
  while (shown < 18 && wei > 0n && ether(wei, shown) === ether(0n)) shown++;
  return ether(wei, shown);
}

/** owedEther's amount in WETH. */
export function owedWeth(wei: bigint): string {
  return owedEther(wei).replace(/ ETH$/, " WETH");
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

/** A length of time in its two largest units: "12 min 5 s", "3 h 4 min" (Chinese: "12 分 5 秒"). */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t("time.s", { s });
  if (s < 3600)
    return s % 60
      ? t("time.minS", { min: Math.floor(s / 60), s: s % 60 })
      : t("time.min", { min: s / 60 });
  if (s < 86400)
    return t("time.hMin", { h: Math.floor(s / 3600), min: Math.floor((s % 3600) / 60) });
  return t("time.dH", { d: Math.floor(s / 86400), h: Math.floor((s % 86400) / 3600) });
}

export function ago(unixSeconds: number, now: number): string {
  const s = now - unixSeconds;
  if (s < 60) return t("time.justNow");
  return t("time.ago", { duration: duration(s) });
}

/** In `duration` from now ("in 12 min"), or "now" once it has passed. */
export function inTime(unixSeconds: number, now: number): string {
  return unixSeconds > now
    ? t("time.in", { duration: duration(unixSeconds - now) })
    : t("time.now");
}

export function dateTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toLocaleString(language());
}

/** A whole number with the language's digit grouping (12,345). */
export function count(value: number): string {
  return value.toLocaleString(language());
}

/** The eight traits, as the API names them (and in its order): the catalogue's names for them. */
export const TRAITS = Object.keys(en.trait);

/** A trait's name for players ("Eye colour"), or the API's name for one the app does not know. */
export function traitLabel(trait: string): string {
  return TRAITS.includes(trait) ? t(`trait.${trait}`) : trait;
}

/** The rarity tiers' names as the API spells them, Common (tier 0) first. */
export const RARITIES = ["Common", "Rare", "Excellent", "Epic", "Mythical", "Legendary"];

/** A tier's name in the app's language ("Epic", "史诗"). */
export function tierName(tier: number): string {
  return tier >= 0 && tier < RARITIES.length ? t(`tier.${tier}`) : String(tier);
}

export function weth(wei: string | bigint, digits = 4): string {
  return ether(wei, digits).replace(/ ETH$/, " WETH");
}

/** A gene variant's mutation tier as the API names it ("Base", "Tier I", ...), in the app's
 *  language; a name the app does not know stays as it is. */
const MUTATION_TIERS = ["Base", "Tier I", "Tier II", "Tier III", "Tier IV"];
export function mutationTierName(name: string): string {
  const tier = MUTATION_TIERS.indexOf(name);
  return tier < 0 ? name : t(`mutation.${tier}`);
}
