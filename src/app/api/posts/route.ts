import { requireActor } from "@/server/auth/guards";
import { savePost } from "@/server/posts/save-post";
import { readJson } from "@/server/http/read-json";
import { handleRoute } from "@/server/route-handler";

// The composer's save as JSON, for integrations and scripts: same checks, same refusals.
export async function POST(request: Request) {
  return handleRoute(async () => savePost(await requireActor(), await readJson(request)), 201);
}
