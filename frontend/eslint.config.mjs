// ESLint for the web app (bin/lib/lint/typescript.sh runs it): @eslint/js's recommended rules
// and typescript-eslint's strictest typed set, which reads the types tsconfig.json defines.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

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
    // The build script and this file: plain ES modules run by Node, linted without types.
    files: ["*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);
