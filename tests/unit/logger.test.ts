import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, redactSecrets, requestIdFrom, withLogContext } from "@/server/logger";

// What an operator reading the logs sees: lines they can follow by request or job, and never a secret.

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: createLogger(sink, "trace") };
}

const TOKEN = "EAAG-secret-page-token-1234567890";

describe("the logger", () => {
  it("never writes a nested token, at any depth, in arrays, errors or child bindings", () => {
    const { lines, log } = capture();
    log.info({ account: { platform: "X", credentials: { accessToken: TOKEN } } }, "connected");
    log.warn({ answer: { data: [{ page: { access_token: TOKEN, name: "Polda Kaltim" } }] } }, "pages listed");
    const err = Object.assign(new Error("refused"), { response: { headers: { Authorization: `Bearer ${TOKEN}` } } });
    log.error({ err }, "call failed");
    log.child({ request: { refreshToken: TOKEN } }).info("refreshing");
    const text = JSON.stringify(lines);
    expect(lines).toHaveLength(4);
    expect(text).not.toContain(TOKEN);
    expect(text).toContain("[redacted]");
    // What is not secret stays readable.
    expect(text).toContain("Polda Kaltim");
    expect((lines[2]!.err as { message: string }).message).toBe("refused");
  });

  it("redacts by key name whatever its spelling, and survives a cycle", () => {
    const cyclic: Record<string, unknown> = { Refresh_Token: TOKEN, "client-secret": TOKEN, handle: "@humaspolri" };
    cyclic.self = cyclic;
    const out = JSON.stringify(redactSecrets(cyclic));
    expect(out).not.toContain(TOKEN);
    expect(out).toContain("@humaspolri");
    expect(out).toContain("[circular]");
  });

  it("carries the request or job id through every line written inside it", async () => {
    const { lines, log } = capture();
    await withLogContext({ requestId: "req-12345678" }, async () => {
      log.info("first");
      await new Promise((r) => setTimeout(r, 1));
      await withLogContext({ jobId: "publish-abc" }, async () => log.info("nested"));
    });
    log.info("outside");
    expect(lines.map((l) => [l.msg, l.requestId, l.jobId])).toEqual([
      ["first", "req-12345678", undefined],
      ["nested", "req-12345678", "publish-abc"],
      ["outside", undefined, undefined],
    ]);
  });

  it("takes the caller's request id only when it looks like one", () => {
    expect(requestIdFrom(new Headers({ "x-request-id": "abc-12345678" }))).toBe("abc-12345678");
    const made = requestIdFrom(new Headers({ "x-request-id": "<script>\n" }));
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(null)).not.toBe(made);
  });
});
