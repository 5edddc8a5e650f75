// ESLint for the widgets and the kiosk: plain ES modules run by browsers (no build step), and
// their unit tests run by node's own test runner.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["frontend_stub/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: globals.browser,
    },
    rules: {
      "no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      eqeqeq: "error",
      "no-implicit-globals": "error",
      "prefer-const": "error",
    },
  },
  {
    // The embed script is a classic script: a page may load it without type="module".
    files: ["frontend_stub/widgets/embed.js"],
    languageOptions: { sourceType: "script" },
  },
  {
    files: ["frontend_stub/tests/**/*.js"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
];
