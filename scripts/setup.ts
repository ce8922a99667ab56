import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createTranslator } from "use-intl/core";
import { ZodError } from "zod";
import { firstAdministratorSchema, type FirstAdministratorInput } from "../src/schemas/setup";
import { ensureDatabase, migrate } from "./lib/database";
import { createPrompt } from "./lib/prompt";

// `npm run setup` (or `docker compose run --rm web npm run setup`): the first SUPERADMIN of a new
// installation and the organisation's top unit. Answers come from SIAR_SETUP_* variables (automation)
// or are asked on the terminal, the password without echo. Refused once a SUPERADMIN exists.
// Messages in Bahasa Indonesia, English with SIAR_LANG=en.

if (existsSync(".env")) process.loadEnvFile(".env");
const locale = process.env.SIAR_LANG === "en" ? "en" : "id";
const messages = JSON.parse(
  await readFile(new URL(`../src/messages/${locale}.json`, import.meta.url), "utf8"),
) as Record<string, unknown>;
// Keys are built at run time (the zod message of a field), so the translator is used untyped.
const t = createTranslator({ locale, messages, namespace: "setup" }) as unknown as {
  (key: string, values?: Record<string, string | number>): string;
  has: (key: string) => boolean;
};
const say = (key: string, values?: Record<string, string | number>): string =>
  t.has(key) ? t(key, values) : t("invalid.value");

const { loadEnv } = await import("../src/server/env");
let env;
try {
  env = loadEnv();
} catch (error) {
  console.error(`${say("envInvalid")}\n${(error as Error).message}`);
  process.exit(1);
}
if (await ensureDatabase(env.DATABASE_URL)) console.log(say("databaseCreated"));
migrate(env.DATABASE_URL);

const { createPrismaClient } = await import("../src/server/db");
const { installFirstAdministrator } = await import("../src/server/setup/install-first-administrator");
const { AppError } = await import("../src/server/errors");
const db = createPrismaClient(env.DATABASE_URL, 2);

async function refuseIfInstalled(): Promise<void> {
  if (await db.membership.findFirst({ where: { role: "SUPERADMIN" }, select: { id: true } })) {
    console.error(say("superadminExists"));
    await db.$disconnect();
    process.exit(1);
  }
}

type Field = keyof FirstAdministratorInput;
const questions: { field: Field; variable: string; hidden?: boolean }[] = [
  { field: "rootCode", variable: "SIAR_SETUP_ROOT_CODE" },
  { field: "rootName", variable: "SIAR_SETUP_ROOT_NAME" },
  { field: "rootKind", variable: "SIAR_SETUP_ROOT_KIND" },
  { field: "rootTimeZone", variable: "SIAR_SETUP_ROOT_TIME_ZONE" },
  { field: "email", variable: "SIAR_SETUP_EMAIL" },
  { field: "name", variable: "SIAR_SETUP_NAME" },
  { field: "password", variable: "SIAR_SETUP_PASSWORD", hidden: true },
];

async function collect(): Promise<FirstAdministratorInput> {
  const prompt = createPrompt();
  const answers: Record<string, string> = {};
  try {
    for (const q of questions) {
      // A top unit that exists already keeps its name, kind and zone.
      if (q.field !== "rootCode" && q.field.startsWith("root") && answers.existingRoot) continue;
      const schema = firstAdministratorSchema.shape[q.field];
      const given = process.env[q.variable];
      for (;;) {
        const value = given ?? (await prompt.ask(`${say(`ask.${q.field}`)}: `, { hidden: q.hidden }));
        if (value === null) throw new Error(say("inputEnded", { variable: q.variable }));
        const parsed = schema.safeParse(value);
        if (parsed.success && q.hidden && given === undefined) {
          const again = await prompt.ask(`${say("ask.passwordAgain")}: `, { hidden: true });
          if (again !== value) {
            console.error(say("passwordMismatch"));
            if (prompt.interactive) continue;
            throw new Error(say("passwordMismatch"));
          }
        }
        if (parsed.success) {
          answers[q.field] = value;
          break;
        }
        const message = say(`invalid.${parsed.error.issues[0]?.message}`);
        // A wrong environment variable or piped answer cannot be asked again.
        if (given !== undefined || !prompt.interactive) throw new Error(`${q.variable}: ${message}`);
        console.error(message);
      }
      if (q.field === "rootCode") {
        const code = firstAdministratorSchema.shape.rootCode.parse(answers.rootCode);
        const unit = await db.unit.findUnique({ where: { code }, select: { name: true, parentId: true } });
        if (unit && !unit.parentId) {
          console.log(say("existingRoot", { name: unit.name, code }));
          Object.assign(answers, { existingRoot: "1", rootName: unit.name, rootKind: "-", rootTimeZone: "WIB" });
        }
      }
    }
  } finally {
    prompt.close();
  }
  const { existingRoot: _existing, ...input } = answers;
  return input as FirstAdministratorInput;
}

try {
  await refuseIfInstalled();
  console.log(say("intro"));
  const input = await collect();
  const result = await installFirstAdministrator(db, input);
  console.log(
    say(result.createdUnit ? "doneWithUnit" : "done", {
      email: input.email.trim().toLowerCase(),
      unit: result.unit.name,
      code: result.unit.code,
      url: env.NEXTAUTH_URL,
    }),
  );
} catch (error) {
  if (error instanceof AppError) console.error(say(error.messageKey, error.params));
  else if (error instanceof ZodError) console.error(say(`invalid.${error.issues[0]?.message}`));
  else console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
