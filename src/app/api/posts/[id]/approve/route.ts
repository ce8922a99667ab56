import { requireActor } from "@/server/auth/guards";
import { approvePostAs } from "@/server/posts/decide-post";
import { handleRoute } from "@/server/route-handler";

export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleRoute(async () => approvePostAs(await requireActor(), { postId: (await params).id }));
}
