import "server-only";
import { headers } from "next/headers";
import { requestIdFrom, withLogContext } from "@/server/logger";

/**
 * Runs a server action or route handler body with a request id on every log line it writes
 * (the caller's `x-request-id` when it sent a valid one). `what` names the action or route.
 */
export async function withRequestLog<T>(what: string, body: (requestId: string) => Promise<T>): Promise<T> {
  const requestId = requestIdFrom(await headers().catch(() => null));
  return withLogContext({ requestId, what }, () => body(requestId));
}
