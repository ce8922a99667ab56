import { importLimits } from "@/schemas/imports";
import { requireActor } from "@/server/auth/guards";
import { AppError } from "@/server/errors";
import { readUploadForm } from "@/server/http/read-upload";
import { describeRows } from "@/server/imports/describe-plan";
import { commitImport, previewImport } from "@/server/imports/run-import";
import { handleRoute } from "@/server/route-handler";

type Context = { params: Promise<{ kind: string }> };

// Room for the multipart envelope around the largest file accepted.
const MAX_BODY = importLimits.maxBytes + 64 * 1024;
const tooLarge = () =>
  new AppError("VALIDATION", "validation", {
    file: { key: "imports.file.tooLarge", params: { maxMb: importLimits.maxBytes / 1024 / 1024 } },
  });

/**
 * POST /api/imports/units|accounts, multipart: `file` (CSV or XLSX) and `mode`. `preview` answers every row's
 * fate and writes nothing; `commit` (with the preview's `planHash`) writes the good rows (decision 0013).
 */
export async function POST(request: Request, { params }: Context) {
  return handleRoute(async () => {
    const actor = await requireActor();
    const { kind } = await params;
    const form = await readUploadForm(request, MAX_BODY, tooLarge);
    const file = form.get("file");
    if (!(file instanceof File)) throw new AppError("VALIDATION", "validation", { file: "required" });
    const upload = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    if (form.get("mode") === "commit") {
      return commitImport(actor, kind, upload, { planHash: form.get("planHash") });
    }
    const preview = await previewImport(actor, kind, upload);
    return { ...preview, rows: await describeRows(preview.rows) };
  });
}
