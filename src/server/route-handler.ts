import "server-only";
import { NextResponse } from "next/server";
import { describeError } from "@/server/action-result";
import { errorStatus, type ErrorCode } from "@/server/errors";
import { withRequestLog } from "@/server/request-log";

// Every JSON route handler reads its body with src/server/http/read-json.ts and answers its errors the same way: the same translated
// errors as server actions, with the HTTP status from errors.ts, and the request id in a header.

/** The JSON answer for an error thrown by a use-case (500 only for what no use-case expected). */
export async function errorResponse(error: unknown, requestId?: string): Promise<NextResponse> {
  const described = await describeError(error);
  const status = described.code in errorStatus ? errorStatus[described.code as ErrorCode] : 500;
  return NextResponse.json(
    { error: described },
    { status, headers: requestId ? { "x-request-id": requestId } : undefined },
  );
}

/** Runs a route handler body: `{ data }` with `successStatus`, or the error as `{ error }`. */
export async function handleRoute<T>(body: () => Promise<T>, successStatus = 200): Promise<NextResponse> {
  return withRequestLog("route", async (requestId) => {
    try {
      return NextResponse.json(
        { data: await body() },
        { status: successStatus, headers: { "x-request-id": requestId } },
      );
    } catch (error) {
      return errorResponse(error, requestId);
    }
  });
}
