import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { addCitizenItem, setGenerator, unsupported } from "@/emulator/citizens";
import {
  citizenSchema,
  generatorSchema,
  webhooksSchema,
  clockSchema,
  configSchema,
  localAppSchema,
  countQuerySchema,
  faultSchema,
  oauthAccountSchema,
  oauthClientSchema,
  repliesQuerySchema,
  replyParentSchema,
  tokenActionSchema,
} from "@/emulator/control-schema";
import { addParent, repliesOf } from "@/emulator/replies";
import { registerAccount, registerClient } from "@/emulator/oauth";
import { makeSend, readBody } from "@/emulator/context";
import type { EmulatorState } from "@/emulator/state";

// /__control: what tests use to reset the emulator, inject failures, expire tokens, read what
// arrived and move the engagement clock. Every body is checked with the shared zod schemas.

function parseBody<T>(schema: z.ZodType<T>, raw: Buffer): { ok: true; value: T } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = raw.length ? JSON.parse(raw.toString("utf8")) : {};
  } catch {
    return { ok: false, error: "body is not JSON" };
  }
  const r = schema.safeParse(json);
  return r.success
    ? { ok: true, value: r.data }
    : { ok: false, error: r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
}

export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  state: EmulatorState,
  url: URL,
): Promise<void> {
  const send = makeSend(res);
  const raw = await readBody(req);
  const route = `${req.method} ${url.pathname.replace(/^\/__control/, "")}`;
  const apply = <T>(schema: z.ZodType<T>, fn: (v: T) => unknown) => {
    const b = parseBody(schema, raw);
    if (!b.ok) return send(400, { error: b.error });
    return send(200, fn(b.value) ?? { ok: true });
  };
  switch (route) {
    case "GET /health":
      return send(200, { ok: true });
    case "POST /reset":
      state.reset();
      return send(200, { ok: true });
    case "POST /faults":
      return apply(faultSchema, (f) => {
        state.faults.push(f);
      });
    case "DELETE /faults":
      state.faults = [];
      return send(200, { ok: true });
    case "POST /tokens":
      return apply(tokenActionSchema, (a) => {
        state.applyTokenAction(a);
      });
    case "POST /oauth/clients":
      return apply(oauthClientSchema, (c) => {
        registerClient({ state }, c);
      });
    case "POST /oauth/accounts":
      return apply(oauthAccountSchema, (a) => {
        registerAccount({ state }, a);
      });
    case "POST /config":
      return apply(configSchema, (c) => {
        state.config = { ...state.config, ...c };
        return state.config;
      });
    case "POST /local-app":
      return apply(localAppSchema, (c) => {
        state.localApp = c.localApp;
        return { localApp: state.localApp };
      });
    case "POST /clock":
      return apply(clockSchema, (c) => {
        state.clockOffsetMs += c.advanceMs;
        return { now: new Date(state.now()).toISOString() };
      });
    // How many posts arrived since the last reset: a cheap progress check for a benchmark or a test,
    // which can also wait here for a number instead of asking again and again.
    case "GET /count": {
      const q = countQuerySchema.safeParse(Object.fromEntries(url.searchParams));
      if (!q.success)
        return send(400, { error: q.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
      const posts =
        q.data.atLeast === undefined ? state.posts.length : await state.waitForPosts(q.data.atLeast, q.data.waitMs);
      return send(200, { posts });
    }
    // A citizen comments, mentions or writes (src/emulator/citizens.ts); answers once its webhooks were delivered.
    case "POST /citizens": {
      const b = parseBody(citizenSchema, raw);
      if (!b.ok) return send(400, { error: b.error });
      const refused = unsupported(b.value.platform, b.value.kind);
      if (refused) return send(400, { error: refused });
      return send(200, await addCitizenItem(state, b.value));
    }
    case "GET /citizens":
      return send(200, {
        items: state.citizens
          .filter(
            (c) =>
              (!url.searchParams.get("platform") || c.platform === url.searchParams.get("platform")) &&
              (!url.searchParams.get("account") || c.account === url.searchParams.get("account")),
          )
          .map(({ createdAtMs, ...c }) => ({ ...c, createdAt: new Date(createdAtMs).toISOString() })),
      });
    case "POST /citizens/generator":
      return apply(generatorSchema, (g) => {
        setGenerator(state, g.on, g.perMinute);
      });
    case "POST /webhooks":
      return apply(webhooksSchema, (w) => {
        state.webhooks = { ...state.webhooks, ...w };
        return { line: state.webhooks.line?.url ?? null, meta: state.webhooks.meta?.url ?? null };
      });
    case "GET /posts":
      return send(
        200,
        state.arrivals({
          platform: url.searchParams.get("platform") ?? undefined,
          account: url.searchParams.get("account") ?? undefined,
        }),
      );
    // Something a citizen wrote that Siar may answer (a LINE message can come with a reply token), and the
    // replies the platforms received (src/emulator/replies.ts).
    case "POST /reply-parents":
      return apply(replyParentSchema, (p) => addParent(state, p));
    case "GET /replies": {
      const q = repliesQuerySchema.safeParse(Object.fromEntries(url.searchParams));
      if (!q.success)
        return send(400, { error: q.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") });
      return send(200, { replies: repliesOf(state, q.data) });
    }
    default:
      return send(404, { error: `Unknown control route ${route}` });
  }
}
