import { describe, expect, it } from "vitest";
import { streamedRequest } from "../support/streamed-request";
import { JSON_BODY_LIMIT, readJson } from "@/server/http/read-json";

// A route handler's JSON body is capped below Next's own 10 MB: 413 before it is parsed (decision 0009).

describe("reading a JSON body with a cap", () => {
  it("refuses a declared length over the cap with 413 before reading the body", async () => {
    const body = JSON.stringify({ baseText: "x".repeat(JSON_BODY_LIMIT) });
    const request = new Request("http://siar.test/api/posts", {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "content-length": String(body.length) },
    });
    await expect(readJson(request)).rejects.toMatchObject({
      code: "TOO_LARGE",
      messageKey: "jsonTooLarge",
      params: { maxMb: 2 },
    });
    expect(request.bodyUsed).toBe(false);
  });

  it("stops reading an undeclared body once it passes the cap", async () => {
    const upload = streamedRequest("http://siar.test/api/posts", "application/json", 50 * 1024 * 1024);
    await expect(readJson(upload.request)).rejects.toMatchObject({ code: "TOO_LARGE" });
    expect(upload.sent()).toBeLessThan(JSON_BODY_LIMIT + 256 * 1024);
  });

  it("reads a body under the cap, and refuses null, arrays and broken JSON as invalid", async () => {
    const post = (body: string) =>
      new Request("http://siar.test/x", { method: "POST", body, headers: { "content-type": "application/json" } });
    const text = "Patroli malam 🚓 ".repeat(1_000);
    expect(await readJson(post(JSON.stringify({ baseText: text })))).toEqual({ baseText: text });
    for (const bad of ["null", "[1,2]", "{", "", "42"])
      await expect(readJson(post(bad)), bad).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
