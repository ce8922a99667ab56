import type { Ctx } from "@/emulator/context";
import type { EmulatedPlatform, Fault } from "@/emulator/control-schema";

// Pieces the Facebook and Instagram emulations share: the Graph error envelope, the access token
// taken from ?access_token= or the Authorization header, the version prefix (/v25.0/...) and `fields` lists.

export function graphError(message: string, code: number, subcode?: number, type = "OAuthException") {
  return {
    error: {
      message,
      type,
      code,
      ...(subcode ? { error_subcode: subcode } : {}),
      fbtrace_id: `A${Math.random().toString(36).slice(2, 12)}`,
    },
  };
}

/**
 * Top-level names of a Graph `fields` list: "reactions.summary(total_count),comments{id}" → reactions, comments:
 * the names Graph answers or refuses a field by.
 */
export function fieldNames(fields: string): string[] {
  const names: string[] = [];
  let depth = 0,
    current = "";
  for (const ch of fields) {
    if (ch === "(" || ch === "{") depth += 1;
    if (ch === ")" || ch === "}") depth -= 1;
    if (ch === "," && depth === 0) {
      names.push(current);
      current = "";
    } else current += ch;
  }
  names.push(current);
  return names.map((n) => n.trim().split(/[.{(]/)[0] ?? "").filter(Boolean);
}

export function stripVersion(path: string): string {
  return path.replace(/^\/v\d+\.\d+(?=\/)/, "");
}

export function graphToken(ctx: Ctx): string {
  return ctx.params.get("access_token") ?? ctx.bearer();
}

/** Answers 400/190 when the token was expired by the control API; true if the request is done. */
export function rejectToken(ctx: Ctx, platform: EmulatedPlatform, account: string | null): boolean {
  const token = graphToken(ctx);
  if (ctx.state.tokenValid(platform, token)) {
    if (account) ctx.state.seen(platform, account, token);
    return false;
  }
  ctx.send(400, graphError("Error validating access token: Session has expired.", 190, 463));
  return true;
}

/**
 * Meta reports the wait in whole minutes in X-Business-Use-Case-Usage; the emulator sends fractions
 * so tests need not wait a minute (the adapter reads any number).
 */
export function throttled(ctx: Ctx, account: string, f: Fault, code = 32) {
  const usage = {
    [account]: [
      {
        type: "pages",
        call_count: 100,
        total_cputime: 12,
        total_time: 14,
        estimated_time_to_regain_access: f.resetInMs / 60_000,
      },
    ],
  };
  ctx.send(400, graphError("(#32) Page request limit reached", code), {
    "x-business-use-case-usage": JSON.stringify(usage),
  });
}

export function serverErrorBody(_status: number) {
  return {
    error: {
      message: "An unexpected error has occurred. Please retry your request later.",
      type: "OAuthException",
      code: 2,
      is_transient: true,
    },
  };
}

export function serverError(ctx: Ctx, f: Fault) {
  ctx.send(f.status, serverErrorBody(f.status));
}
