// The lint holds the habits and the layers of docs/decisions/0007-habits.md: a rule in a linter
// outlasts a sentence in a README. `npm run lint` runs this, Prettier's check and knip.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import jsxA11y from "eslint-plugin-jsx-a11y";
import tseslint from "typescript-eslint";
import { layerRules } from "./eslint.layers.mjs";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  // Type-aware rules (floating promises, exhaustive switches, unsafe any) for every TypeScript file.
  {
    files: ["**/*.ts", "**/*.tsx"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/switch-exhaustiveness-check": [
        "error",
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
      // Adapters, limiters and fakes implement async interfaces; an implementation that happens to
      // need no await is correct, and the rule would force noise (floating promises stay an error).
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // A server action or an async handler passed to onClick/onSubmit is the React way; the rule would
      // flag every one of them, so it checks only what is not a JSX attribute.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  // jsx-a11y's whole recommended set, not only the handful that Next enables.
  { files: ["**/*.tsx"], rules: jsxA11y.flatConfigs.recommended.rules },
  ...layerRules,
  {
    files: ["tests/**", "scripts/**", "prisma/**"],
    rules: {
      // Playwright fixtures take `use` as a parameter; React's hook rules do not apply to them.
      "react-hooks/rules-of-hooks": "off",
    },
  },
  {
    // Tests read JSON answers of the routes and the emulator as they come; asserting on them is the
    // check, so typing each body first would only repeat the assertion.
    files: ["tests/**"],
    rules: {
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "src/generated/**",
    "test-results/**",
    "playwright-report/**",
    "var/**",
    "tests/lint/fixtures/**",
  ]),
]);
