import "server-only";
import { NextResponse } from "next/server";
import { describeError } from "@/server/action-result";
import { errorStatus, type ErrorCode } from "@/server/errors";

/** JSON route handlers: the same errors as server actions, with the HTTP status from errors.ts. */
export async function handleRoute<T>(body: () => Promise<T>, successStatus = 200): Promise<NextResponse> {
  try {
    return NextResponse.json({ data: await body() }, { status: successStatus });
  } catch (error) {
    const described = await describeError(error);
    const status = described.code in errorStatus ? errorStatus[described.code as ErrorCode] : 500;
    return NextResponse.json({ error: described }, { status });
  }
}
