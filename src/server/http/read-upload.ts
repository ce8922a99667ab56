import "server-only";
import { AppError } from "@/server/errors";
import { readCappedBody } from "@/server/http/read-body";

/** A multipart body read with a cap (`readCappedBody`): an oversized upload never sits whole in memory. */
export async function readUploadForm(request: Request, maxBytes: number, tooLarge: () => AppError): Promise<FormData> {
  const body = await readCappedBody(request, maxBytes);
  if (!body) throw tooLarge();
  try {
    return await new Response(body, {
      headers: { "content-type": request.headers.get("content-type") ?? "" },
    }).formData();
  } catch {
    throw new AppError("VALIDATION", "validation", { file: "required" });
  }
}
