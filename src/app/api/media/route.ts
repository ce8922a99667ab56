import { requireActor } from "@/server/auth/guards";
import { AppError } from "@/server/errors";
import { saveUpload } from "@/server/media/save-upload";
import { handleRoute } from "@/server/route-handler";

// Multipart upload from the composer (XMLHttpRequest, so the browser can show progress).
export async function POST(request: Request) {
  return handleRoute(async () => {
    const actor = await requireActor();
    const form = await request.formData();
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
