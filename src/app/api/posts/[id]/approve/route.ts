import { requireActor } from "@/server/auth/guards";
import { readJson } from "@/server/http/read-json";
import { approvePostAs } from "@/server/posts/decide-post";
import { handleRoute } from "@/server/route-handler";

/** Body: `{ version, comment? }`, the version the approver saw (docs/decisions/0009-trust.md). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleRoute(async () => {
    const actor = await requireActor();
    const body = await readJson(request);
    return approvePostAs(actor, { ...body, postId: (await params).id });
  });
}
