import { describe, expect, it } from "vitest";
import type { HttpResponse } from "@/platforms/http";
import { classifyGraph } from "@/platforms/meta";
import { classifyTikTok } from "@/platforms/tiktok";
import { classifyX } from "@/platforms/x";
import { classifyGoogle, nextPacificMidnight } from "@/platforms/youtube";

const res = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  kind: "response",
  status,
  headers: new Headers(headers),
  body,
  text: JSON.stringify(body),
});

describe("outcome classification", () => {
  it("reads X's reset time from x-rate-limit-reset", () => {
    const reset = Math.floor(Date.now() / 1000) + 900;
    const o = classifyX(res(429, { title: "Too Many Requests", status: 429 }, { "x-rate-limit-reset": String(reset) }));
    expect(o).toEqual({ kind: "rate_limited", retryAt: new Date(reset * 1000), message: "Too Many Requests" });
  });

  it("gives X's duplicate-content refusal as a permanent failure with X's words", () => {
    expect(
      classifyX(
        res(403, {
          detail: "You are not allowed to create a Tweet with duplicate content.",
          title: "Forbidden",
          status: 403,
        }),
      ),
    ).toEqual({ kind: "permanent", message: "You are not allowed to create a Tweet with duplicate content." });
  });

  it("treats Meta throttling codes as rate limits, using the regain-access minutes", () => {
    const now = 1_000_000;
    const o = classifyGraph(
      res(
        400,
        { error: { message: "(#32) Page request limit reached", code: 32 } },
        { "x-business-use-case-usage": JSON.stringify({ p: [{ estimated_time_to_regain_access: 5 }] }) },
      ),
      60_000,
      now,
    );
    expect(o).toEqual({
      kind: "rate_limited",
      retryAt: new Date(now + 5 * 60_000),
      message: "(#32) Page request limit reached",
    });
    expect(
      classifyGraph(res(400, { error: { message: "Error validating access token", code: 190, error_subcode: 463 } }))
        .kind,
    ).toBe("auth");
    expect(classifyGraph(res(400, { error: { message: "(#506) Duplicate status message", code: 506 } })).kind).toBe(
      "permanent",
    );
    expect(classifyGraph(res(400, { error: { message: "limit", code: 9, error_subcode: 2207042 } })).kind).toBe(
      "rate_limited",
    );
  });

  it("waits for YouTube's daily quota until midnight Pacific time", () => {
    const o = classifyGoogle(
      res(403, { error: { code: 403, message: "quota", errors: [{ reason: "quotaExceeded" }] } }),
    );
    expect(o.kind).toBe("rate_limited");
    if (o.kind === "rate_limited") expect(o.retryAt.getTime()).toBe(nextPacificMidnight().getTime());
  });

  it("reads TikTok's error envelope even on HTTP 200", () => {
    expect(classifyTikTok(res(200, { data: {}, error: { code: "ok", message: "" } }))).toBeNull();
    expect(classifyTikTok(res(401, { data: {}, error: { code: "access_token_invalid", message: "bad" } }))?.kind).toBe(
      "auth",
    );
    expect(
      classifyTikTok(res(400, { data: {}, error: { code: "privacy_level_option_mismatch", message: "no" } })),
    ).toEqual({ kind: "permanent", message: "privacy_level_option_mismatch: no" });
  });
});
