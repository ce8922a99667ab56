import { requireActor } from "@/server/auth/guards";
import { rejectPostAs } from "@/server/posts/decide-post";
import { readJson } from "@/server/http/read-json";
import { handleRoute } from "@/server/route-handler";

// POST { comment }: the body is handed on whole; rejectPostAs's schema says what is wrong with it.
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleRoute(async () => {
    const body = await readJson(request);
    return rejectPostAs(await requireActor(), { postId: (await params).id, comment: body.comment });
  });
}
