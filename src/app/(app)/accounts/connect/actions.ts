"use server";

import { runAction } from "@/server/action-result";
import { connectLine } from "@/server/accounts/connect/connect-line";
import { registerPickedPages } from "@/server/accounts/connect/pick-pages";
import { requireActor } from "@/server/auth/guards";

// "Sambungkan akun" steps that happen on Siar's own pages: the Facebook Pages picked, a LINE channel's token.
// Who is asking comes from the session; only ids and reasons go back to the browser, never a token.
export async function pickFacebookPagesAction(input: unknown) {
  return runAction(async () => registerPickedPages(await requireActor(), input));
}

export async function connectLineAction(input: unknown) {
  return runAction(async () => connectLine(await requireActor(), input));
}
