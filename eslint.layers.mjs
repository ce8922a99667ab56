// Which folder may import which (docs/architecture.md). Kept apart from eslint.config.mjs so that
// tests/unit/lint-layers.test.ts can lint probe files with exactly these rules.

const database = {
  group: ["@/server/db", "@/generated/prisma/client", "@prisma/client", "**/server/db"],
  message: "Pages and components reach the database only through a use-case in src/server/<domain>.",
};
const publishing = {
  group: ["@/jobs/*", "@/worker/*", "@/server/publishing/*", "@/platforms/*", "!@/platforms/rules"],
  message: "The queue, the worker and the platform adapters are server internals: call a use-case instead.",
};
const ui = {
  group: ["@/components/*", "@/app/*", "**/components/*"],
  message: "Server code does not depend on the UI; share types through src/schemas or src/lib.",
};
const server = {
  group: ["@/server/*", "**/server/*"],
  message: "Adapters know nothing of Siar's server: they take what they need as arguments.",
};

const sessionGuards = {
  group: ["@/server/auth/guards", "**/auth/guards"],
  message:
    "Use-cases take who acts from @/server/auth/actor: guards.ts reads the session through Next.js, which does not load in the worker (it crashed on start when a job's module imported it).",
};

const restrict = (...patterns) => ["error", { patterns }];

const serverValues = {
  group: ["@/server/*", "**/server/*"],
  allowTypeImports: true,
  message: "Components take what they show as props; the page calls the use-case. Types may be imported.",
};

export const layerRules = [
  {
    name: "siar/layers/ui",
    files: ["src/app/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": restrict(database, publishing) },
  },
  {
    name: "siar/layers/components",
    files: ["src/components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": restrict(database, publishing, serverValues) },
  },
  {
    name: "siar/layers/server",
    files: ["src/server/**/*.ts", "src/jobs/**/*.ts", "src/worker/**/*.ts"],
    rules: { "no-restricted-imports": restrict(ui, sessionGuards) },
  },
  {
    // Route code that reads the session itself (the OAuth return) may use the session guards.
    name: "siar/layers/server-session",
    files: ["src/server/auth/guards.ts", "src/server/accounts/connect/connect-routes.ts"],
    rules: { "no-restricted-imports": restrict(ui) },
  },
  {
    name: "siar/layers/platforms",
    files: ["src/platforms/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict(server, ui, { group: ["@/jobs/*", "@/worker/*"], message: server.message }),
    },
  },
  {
    name: "siar/layers/universal",
    files: ["src/lib/**/*.ts", "src/schemas/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict(
        {
          group: [...server.group, "@/jobs/*", "@/worker/*"],
          message: "src/lib and src/schemas run in the browser too.",
        },
        ui,
      ),
    },
  },
];
