// The app's two languages: English and Simplified Chinese, with i18next. The words live in
// en.json and zh-CN.json (bundled; keys name what a text is for, tests/tools/test_catalogues.py
// keeps the two alike). The language is the player's saved choice (the header's switch), else
// the browser's: any Chinese (zh, zh-TW, ...) reads Simplified Chinese, anything else English.
import i18next from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import en from "./en.json";
import zhCN from "./zh-CN.json";
import { weth } from "../format";

/** The languages offered, each named in itself (as the switch shows it). */
export const LANGUAGES = { en: "English", "zh-CN": "简体中文" } as const;
export type Language = keyof typeof LANGUAGES;

// Only a choice made with the switch is saved: the browser's language is read anew each time.
const SAVED = "pawchain.language";

function supported(code: string): Language {
  return code.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

const OPTIONS = {
  resources: { en: { translation: en }, "zh-CN": { translation: zhCN } },
  supportedLngs: Object.keys(LANGUAGES),
  fallbackLng: "en",
  load: "currentOnly",
  initAsync: false,
  // Every string becomes a text node (dom.ts), never markup: nothing to escape.
  interpolation: { escapeValue: false },
} as const;

/** Reads the language and loads the words (synchronously: they are in the bundle). */
export function initLanguage(): void {
  void i18next.use(LanguageDetector).init({
    ...OPTIONS,
    detection: {
      order: ["localStorage", "navigator"],
      lookupLocalStorage: SAVED,
      caches: [],
      convertDetectedLanguage: supported,
    },
  });
  addFormats();
  document.documentElement.lang = language();
}

/** Formats a catalogue can name after a value: `{{price, weth}}` says wei as "0.12 WETH" (an
 *  API error's details carry amounts in wei). */
function addFormats(): void {
  i18next.services.formatter?.add("weth", (value: unknown) => weth(String(value)));
}

/** Speaks `choice` without looking at a browser (the tests that run the app's modules in node). */
export function speak(choice: Language): void {
  void i18next.init({ ...OPTIONS, lng: choice });
  addFormats();
}

/** The language the app speaks now. */
export function language(): Language {
  return supported(i18next.language || "en");
}

/** The text of `key` in the current language, `values` filled in ({{name}}); a `count` value
 *  picks the plural form (`key_one`, `key_other`). */
export function t(key: string, values?: Record<string, string | number>): string {
  return spaced(i18next.t(key, values ?? {}));
}

/** `text`, filled in, spaced as the current language writes it: in Chinese, no space between
 *  Chinese words (t() does it; the contracts' refusals, filled by refusals.ts, need it too). */
export function spaced(text: string): string {
  return language() === "zh-CN" ? text.replace(SPACE_BETWEEN_HAN, "") : text;
}

// A space with Chinese on both sides: the catalogues' Chinese spaces a value off its words
// ("你的 {{matron}} 分娩了", right beside a name or a number), and a value that is Chinese words
// itself ("宠物 #17") would leave "你的 宠物 #17": Chinese puts no space between words. Han,
// CJK punctuation and full-width forms; spaces beside Latin letters and digits stay.
const SPACE_BETWEEN_HAN =
  /(?<=[\p{Script=Han}\u3000-\u303f\uff01-\uff60]) (?=[\p{Script=Han}\u3000-\u303f\uff01-\uff60])/gu;

/** Words to say later in the language of that moment (a notice kept in localStorage): a
 *  catalogue key and its values, each value plain text (a name, an amount) or words itself. */
export interface Words {
  key: string;
  values?: Record<string, string | number | Words>;
}

/** `words` in the current language. */
export function spoken(words: Words): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(words.values ?? {}))
    values[name] = typeof value === "object" ? spoken(value) : value;
  return t(words.key, values);
}

/** Whether the catalogues have a text for `key` (else the caller keeps its own words). */
export function hasText(key: string): boolean {
  return i18next.exists(key);
}

/** Switches to `choice`, remembers it, and reloads the page where it is (the same route, every
 *  text drawn again in the new language). */
export function chooseLanguage(choice: Language): void {
  try {
    localStorage.setItem(SAVED, choice);
  } catch {
    // storage refused (private mode): the choice lasts for this page only
  }
  void i18next.changeLanguage(choice).then(() => {
    document.documentElement.lang = choice;
    location.reload();
  });
}
