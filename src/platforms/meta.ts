import { z } from "zod";
import { parse, type HttpResponse } from "@/platforms/http";
import type { PublishOutcome } from "@/platforms/types";

// Facebook and Instagram share the Graph API's error envelope and throttling signals.

export const GRAPH_VERSION = "v25.0";

const graphError = z.object({
  error: z.object({
    message: z.string(),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    error_user_msg: z.string().optional(),
  }),
});

const usage = z.record(z.string(), z.array(z.object({ estimated_time_to_regain_access: z.number().optional() })));

const THROTTLE_CODES = new Set([4, 17, 32, 613, 80001, 80002]);
const IG_PUBLISH_LIMIT_SUBCODE = 2207042;
const TRANSIENT_CODES = new Set([1, 2]);

/** Minutes from X-Business-Use-Case-Usage; Meta sends them per business object. */
function regainAccessMs(headers: Pick<Headers, "get">): number | null {
  const raw = headers.get("x-business-use-case-usage");
  if (!raw) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const u = parse(usage, json);
  if (!u) return null;
  const minutes = Object.values(u)
    .flat()
    .map((e) => e.estimated_time_to_regain_access ?? 0);
  return minutes.length ? Math.max(...minutes) * 60_000 : null;
}

export function classifyGraph(res: HttpResponse, fallbackMs = 60_000, now = Date.now()): PublishOutcome {
  const e = parse(graphError, res.body)?.error;
  const message = e?.error_user_msg ?? e?.message ?? `HTTP ${res.status}`;
  const code = e?.code;
  if (code === 9 && e?.error_subcode === IG_PUBLISH_LIMIT_SUBCODE) {
    // The 24-hour window is rolling and the answer gives no reset time: look again in an hour.
    return { kind: "rate_limited", retryAt: new Date(now + 3_600_000), message };
  }
  if ((code !== undefined && THROTTLE_CODES.has(code)) || res.status === 429) {
    const wait = regainAccessMs(res.headers);
    return { kind: "rate_limited", retryAt: new Date(now + Math.max(wait ?? fallbackMs, 1_000)), message };
  }
  if (code === 190 || code === 102 || res.status === 401) return { kind: "auth", message };
  if ((code !== undefined && TRANSIENT_CODES.has(code)) || res.status >= 500) return { kind: "transient", message };
  return { kind: "permanent", message };
}
