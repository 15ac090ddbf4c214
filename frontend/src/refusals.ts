// A contract's refusal (a custom error and its arguments) as a sentence. The sentences are the
// server's (backend/pawchain/chain/refusals.json, bundled at build time) and are filled with the
// same formats as pawchain/chain/refusals.py, so the app and the API say the same words
// (tests/tools/test_refusals.py renders every one in both and compares).
import catalogue from "../../backend/pawchain/chain/refusals.json";
import { duration, ether, shortAddress, weth } from "./format";

const SENTENCES: Record<string, string> = catalogue.sentences;
const PLACEHOLDER = /\{(\w+)(?:\|(\w+))?\}/g;
const AUCTION_KINDS: Record<string, string> = {
  "0": "closed",
  "1": "sale",
  "2": "siring",
  "3": "generation-0",
};

/** Basis points as a percentage: 625 → "6.25%". */
export function percent(bps: bigint | number): string {
  return `${(Number(bps) / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}

/** How each format shows an argument (bigints from revert data, decimal strings from the API). */
function formats(now: number): Record<string, (value: unknown) => string> {
  const int = (value: unknown) => Number(String(value));
  return {
    pet: (value) => `pet #${String(value)}`,
    eth: (value) => ether(BigInt(String(value))),
    weth: (value) => weth(BigInt(String(value))),
    in: (value) => (int(value) > now ? `in ${duration(int(value) - now)}` : "now"),
    ago: (value) => (now > int(value) ? `${duration(now - int(value))} ago` : "just now"),
    duration: (value) => duration(int(value)),
    short: (value) => shortAddress(String(value)),
    percent: (value) => percent(int(value)),
    auction: (value) => AUCTION_KINDS[String(value)] ?? String(value),
  };
}

/** The names of every error the catalogue has a sentence for. */
export const REFUSAL_NAMES: readonly string[] = Object.keys(SENTENCES);

/** The sentence for custom error `name` with `args` at chain time `now` (for "in 12 min"), or
 *  null when the catalogue has none. */
export function refusalSentence(
  name: string,
  args: Record<string, unknown>,
  now: number,
): string | null {
  const template = SENTENCES[name];
  if (template === undefined) return null;
  const shown = formats(now);
  const text = template.replace(PLACEHOLDER, (_match, arg: string, format?: string) => {
    const value = args[arg];
    const show = format === undefined ? undefined : shown[format];
    return show ? show(value) : String(value);
  });
  return text.charAt(0).toUpperCase() + text.slice(1);
}
