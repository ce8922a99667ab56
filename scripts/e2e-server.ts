import { runSiar } from "./lib/run-siar";

// Started by Playwright's webServer: the production build of the web app, the worker and the
// platform emulator, all on the e2e database prepared by scripts/test.ts.
runSiar({ port: process.env.E2E_PORT ?? "3100", host: "127.0.0.1", label: "e2e-server" });
