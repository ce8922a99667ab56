import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// `npm run screenshots` (scripts/screenshots.ts): the same server and browser as the e2e suite, but only
// the spec that writes docs/screenshots/; `npm test` never runs it, so the tests leave the tree clean.
export default defineConfig({ ...base, testDir: "tests/screenshots", outputDir: "test-results/screenshots" });
