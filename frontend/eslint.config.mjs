// ESLint for the web app (bin/lib/lint/typescript.sh runs it): @eslint/js's recommended rules
// and typescript-eslint's strictest typed set, which reads the types tsconfig.json defines.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import i18next from "eslint-plugin-i18next";
import tseslint from "typescript-eslint";

// Every source's text is in the catalogues (the rule below holds them to it).
const TRANSLATED = ["src/**/*.ts"];

export default defineConfig(
  { ignores: ["dist/"] },
  js.configs.recommended,
  {
    files: ["src/**/*.ts"],
    extends: [tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Numbers in text are the app's daily bread (`#${pet.id}`, `${seconds} s`); other types
      // (objects, null, unknown) in a template stay errors.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // `() => replace(box, ...)` and `(event) => navigate(...)` as handlers read better than
      // braces around one call; a void result used as a value elsewhere stays an error.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
    },
  },
  {
    // Every text a player reads comes from the catalogues (src/i18n/*.json) through t(). The
    // rule reads every string and template, not only JSX (the app has none); what is not text
    // for players passes by its shape or its place:
    files: TRANSLATED,
    plugins: { i18next },
    rules: {
      "i18next/no-literal-string": [
        "error",
        {
          mode: "all",
          "should-validate-template": true,
          words: {
            exclude: [
              // no letters: numbers, punctuation, symbols ("#", " · ", "→", "…", "%")
              /^[^\p{L}]*$/u,
              // one lower-case token: tags, CSS classes, event names, test ids, URLs, selectors,
              // API paths and query strings, attribute names ("button", "pet-card", "/pets?sort=")
              // (a lone lower-case word of text slips through: the price of this shape rule)
              /^[a-z0-9_.:/?&=#@*[\]()${}<>+-]+$/,
              // constants, currency codes and custom errors' names ("ETH", "PetGestationNotOver")
              /^[A-Z0-9_]+$/,
              /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$/,
              // identifiers and event names in lower camel case ("accountsChanged",
              // "eip6963:announceProvider", "eth_chainId")
              /^[a-z][\w:.-]*[A-Z][\w:.-]*$/,
            ],
          },
          callees: {
            exclude: [
              "t",
              "route", // a page's title: its key in the catalogues
              "console\\.\\w+",
              "querySelector(All)?",
              "closest",
              "getAttribute",
              "removeAttribute",
              "dispatchEvent",
              "CustomEvent",
              "Event",
              "localStorage\\.\\w+",
              "api(Post)?",
              "fetch",
              "EventSource",
              "URLSearchParams",
              "RegExp",
              "uid",
              "includes",
              "startsWith",
              "endsWith",
              "indexOf",
              // methods of strings (not dom.ts's replace(), which draws text)
              ".+\\.(replace|split)",
              "matches",
              "toLocaleString",
              "Intl\\.\\w+",
              "headers\\.(get|set)",
              "encodeFunctionData",
            ],
          },
          "object-properties": {
            exclude: [
              "class",
              "className",
              "testid",
              "id",
              "for",
              "type",
              "name",
              "href",
              "src",
              "role",
              "scope",
              "method",
              "rel",
              "target",
              "lang",
              "autocomplete",
              "inputmode",
              "pattern",
              "style",
              "value",
              "order",
              "data-[\\w-]+",
              "aria-(live|hidden|current|expanded|controls|describedby|labelledby|haspopup|pressed|checked|selected|atomic|relevant|busy)",
              "[A-Z_-]+",
            ],
          },
        },
      ],
    },
  },
  {
    // The build script and this file: plain ES modules run by Node, linted without types.
    files: ["*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);
