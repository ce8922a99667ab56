import { requireActor } from "@/server/auth/guards";
import { AppError } from "@/server/errors";
import { readUploadForm } from "@/server/http/read-upload";
import { maxBytes } from "@/server/media/probe-media";
import { saveUpload } from "@/server/media/save-upload";
import { handleRoute } from "@/server/route-handler";

// Room for the multipart envelope around the largest file accepted (a video); each kind's own limit is
// checked on the file's header before it is parsed (save-upload.ts).
const MAX_BODY = maxBytes.VIDEO + 64 * 1024;
const tooLarge = () =>
  new AppError("VALIDATION", "mediaTooLarge", { file: "mediaTooLarge" }, { maxMb: maxBytes.VIDEO / 1024 / 1024 });

// Multipart upload from the composer (XMLHttpRequest, so the browser can show progress).
export async function POST(request: Request) {
  return handleRoute(async () => {
    const actor = await requireActor();
    const form = await readUploadForm(request, MAX_BODY, tooLarge);
    const file = form.get("file");
    if (!(file instanceof File)) throw new AppError("VALIDATION", "validation", { file: "required" });
    return saveUpload(actor, {
      unitId: form.get("unitId"),
      fileName: file.name,
      altText: form.get("altText"),
      bytes: Buffer.from(await file.arrayBuffer()),
    });
  }, 201);
}
