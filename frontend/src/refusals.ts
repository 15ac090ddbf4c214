// A contract's refusal (a custom error and its arguments) as a sentence. The sentences are the
// server's (backend/pawchain/chain/refusals.json, bundled at build time): `sentences` in
// English, filled with the same formats as pawchain/chain/refusals.py, so the app and the API
// say the same words (tests/tools/test_refusals.py renders every one in both and compares);
// `sentences_zh-CN` in Simplified Chinese, whose formats speak Chinese too.
import catalogue from "../../backend/pawchain/chain/refusals.json";
import { duration, ether, inTime, shortAddress, weth } from "./format";
import { language, spaced, t, type Language } from "./i18n";

const SENTENCES: Record<Language, Record<string, string>> = {
  en: catalogue.sentences,
  "zh-CN": catalogue["sentences_zh-CN"],
};
const PLACEHOLDER = /\{(\w+)(?:\|(\w+))?\}/g;

/** Basis points as a percentage: 625 → "6.25%". */
export function percent(bps: bigint | number): string {
  return t("rarity.percent", { value: (Number(bps) / 100).toFixed(2).replace(/\.?0+$/, "") });
}

/** How each format shows an argument (bigints from revert data, decimal strings from the API),
 *  in the app's language. */
function formats(now: number): Record<string, (value: unknown) => string> {
  const int = (value: unknown) => Number(String(value));
  return {
    pet: (value) => t("refusal.pet", { id: String(value) }),
    eth: (value) => ether(BigInt(String(value))),
    weth: (value) => weth(BigInt(String(value))),
    in: (value) => inTime(int(value), now),
    ago: (value) =>
      now > int(value)
        ? t("time.ago", { duration: duration(now - int(value)) })
        : t("time.justNow"),
    duration: (value) => duration(int(value)),
    short: (value) => shortAddress(String(value)),
    percent: (value) => percent(int(value)),
    auction: (value) =>
      ["0", "1", "2", "3"].includes(String(value))
        ? t(`refusal.auction.${String(value)}`)
        : String(value),
  };
}

/** The names of every error the catalogue has a sentence for. */
export const REFUSAL_NAMES: readonly string[] = Object.keys(catalogue.sentences);

/** The sentence for custom error `name` with `args` at chain time `now` (for "in 12 min"), in
 *  the app's language, or null when the catalogue has none. */
export function refusalSentence(
  name: string,
  args: Record<string, unknown>,
  now: number,
): string | null {
  const template = SENTENCES[language()][name] ?? SENTENCES.en[name];
  if (template === undefined) return null;
  const shown = formats(now);
  const text = template.replace(PLACEHOLDER, (_match, arg: string, format?: string) => {
    const value = args[arg];
    const show = format === undefined ? undefined : shown[format];
    return show ? show(value) : String(value);
  });
  // The Chinese sentences space a value off their words, as the catalogues do ("{petId|pet} 还在
  // 怀孕"): a value that is Chinese words itself ("刚刚", "配种") then reads without the space.
  const said = spaced(text);
  return said.charAt(0).toUpperCase() + said.slice(1);
}
