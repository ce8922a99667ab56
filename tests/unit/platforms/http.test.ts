import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileSlice, form, http } from "@/platforms/http";

// The adapters' one HTTP client, against a real local server: what it sends, what it reads back, and
// above all how it tells a call that never left from one that may have reached the platform.

type Seen = { method: string; url: string; headers: IncomingMessage["headers"]; body: Buffer };
let server: Server;
let base: string;
const seen: Seen[] = [];
const sockets = new Set<Socket>();
const dir = mkdtempSync(path.join(tmpdir(), "siar-http-"));

function routes(req: IncomingMessage, res: ServerResponse, body: Buffer) {
  if (req.url === "/silent") return; // accepted, never answered
  if (req.url === "/hang-up") return req.socket.destroy();
  if (req.url === "/limited") {
    res.writeHead(429, { "content-type": "application/json", "x-rate-limit-reset": "1999999999" });
    return res.end(JSON.stringify({ title: "Too Many Requests" }));
  }
  if (req.url === "/text") return res.end("plain words");
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ got: body.length, sha256: createHash("sha256").update(body).digest("hex") }));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      routes(req, res, body);
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const last = (url: string) => seen.filter((s) => s.url === url).at(-1);

describe("the adapters' HTTP client", () => {
  it("sends a form with its content type and length, and reads the JSON answer", async () => {
    const r = await http(
      `${base}/form?x=1`,
      { method: "POST", headers: { Authorization: "Bearer t" }, body: form({ status: "Halo warga", skip: undefined }) },
      5_000,
    );
    expect(r).toMatchObject({ kind: "response", status: 200, body: { got: 17 } });
    const s = last("/form?x=1")!;
    expect(s.method).toBe("POST");
    expect(s.headers["content-type"]).toBe("application/x-www-form-urlencoded;charset=UTF-8");
    expect(s.headers["content-length"]).toBe("17");
    expect(s.headers.authorization).toBe("Bearer t");
    expect(s.body.toString()).toBe("status=Halo+warga");
  });

  it("hands back an error answer with its headers, and plain text as text", async () => {
    const limited = await http(`${base}/limited`, {}, 5_000);
    if (limited.kind !== "response") throw new Error("expected an answer");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("X-Rate-Limit-Reset")).toBe("1999999999");
    expect(limited.body).toEqual({ title: "Too Many Requests" });
    const text = await http(`${base}/text`, {}, 5_000);
    expect(text).toMatchObject({ kind: "response", status: 200, body: "plain words", text: "plain words" });
  });

  it("says a refused connection never reached the platform (safe to try again)", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const r = await http(`http://127.0.0.1:${port}/2/tweets`, { method: "POST", body: "{}" }, 5_000);
    expect(r).toEqual({ kind: "network", maybeSent: false, message: "Network error: ECONNREFUSED" });
  });

  it("gives up on a platform that accepted the call but does not answer, and says it may have been sent", async () => {
    const t0 = Date.now();
    const r = await http(`${base}/silent`, { method: "POST", body: "{}" }, 300);
    expect(r).toEqual({ kind: "network", maybeSent: true, message: "No answer within 300 ms" });
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(last("/silent")?.body.toString()).toBe("{}");
  });

  it("says a connection dropped after sending may have reached the platform", async () => {
    const r = await http(`${base}/hang-up`, { method: "POST", body: "{}" }, 5_000);
    expect(r).toMatchObject({ kind: "network", maybeSent: true });
    expect(last("/hang-up")).toBeDefined();
  });

  it("uploads a slice of a stored file exactly, straight from disk", async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const file = path.join(dir, "video.mp4");
    writeFileSync(file, bytes);
    const start = 1024 * 1024 + 5;
    const end = bytes.length - 3;
    const r = await http(
      `${base}/upload`,
      { method: "PUT", headers: { "Content-Type": "video/mp4" }, body: new FileSlice(file, start, end) },
      10_000,
    );
    const expected = bytes.subarray(start, end);
    expect(r).toMatchObject({
      kind: "response",
      status: 200,
      body: { got: expected.length, sha256: createHash("sha256").update(expected).digest("hex") },
    });
    expect(last("/upload")?.headers["content-length"]).toBe(String(expected.length));
  });

  it("keeps many calls at once apart: every caller gets its own answer", async () => {
    const bodies = Array.from({ length: 300 }, (_, i) => "x".repeat(i));
    const results = await Promise.all(bodies.map((b) => http(`${base}/many`, { method: "POST", body: b }, 10_000)));
    expect(results.map((r) => (r.kind === "response" ? (r.body as { got: number }).got : -1))).toEqual(
      bodies.map((b) => b.length),
    );
  });
});
