import "server-only";
import { NextResponse } from "next/server";
import { describeError } from "@/server/action-result";
import { errorStatus, type ErrorCode } from "@/server/errors";

export type DownloadFile = { name: string; contentType: string; body: Uint8Array };

/** A download route: the file with a name the browser saves it under, or the JSON error every route gives. */
export async function handleDownload(body: () => Promise<DownloadFile>): Promise<NextResponse> {
  try {
    const file = await body();
    return new NextResponse(Buffer.from(file.body), {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.name}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    const described = await describeError(error);
    const status = described.code in errorStatus ? errorStatus[described.code as ErrorCode] : 500;
    return NextResponse.json({ error: described }, { status });
  }
}
