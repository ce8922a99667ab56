/** What a server action answers: its data, or a translated message with one message per field. */
export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; code: string; message: string; fieldErrors: Record<string, string> };
