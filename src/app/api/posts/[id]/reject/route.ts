import { requireActor } from "@/server/auth/guards";
import { rejectPostAs } from "@/server/posts/decide-post";
import { handleRoute } from "@/server/route-handler";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleRoute(async () => {
    const body = (await request.json().catch(() => ({}))) as { comment?: unknown };
    return rejectPostAs(await requireActor(), { postId: (await params).id, comment: body.comment });
  });
}
