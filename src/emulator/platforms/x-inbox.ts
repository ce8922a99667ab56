import type { Ctx } from "@/emulator/context";
import type { CitizenItem } from "@/emulator/state";

// X's user mention timeline, GET /2/users/:id/mentions (docs/platforms.md "Reading citizens"; the operation
// getUsersMentions in X's openapi.json, xdevplatform/xdk): posts that mention the user, replies to its posts
// included, newest first. Parameters as the reference lists them and nothing else; since_id and until_id are
// exclusive; max_results 5-100 (10 when absent); a base32hex pagination_token; 180 requests per 15 minutes per
// user (docs.x.com "Rate limits", user mention timeline with a user token).

const PROBLEM = { "content-type": "application/problem+json" };
const LIMIT = 180,
  WINDOW = 15 * 60_000;
/** X serves at most the 800 newest mentions through this timeline. */
const HISTORY = 800;
const ID = /^[0-9]{1,19}$/;

/** Field values the reference enumerates, per spelling (the newest names posts "post", the older "tweet"). */
const POST_FIELDS = [
  "article",
  "article_title",
  "attachments",
  "card_uri",
  "community_id",
  "context_annotations",
  "conversation_id",
  "created_at",
  "display_text_range",
  "edit_controls",
  "entities",
  "geo",
  "id",
  "lang",
  "matched_media_notes",
  "media_metadata",
  "non_public_metrics",
  "note_post",
  "note_request_suggestions",
  "organic_metrics",
  "paid_partnership",
  "possibly_sensitive",
  "promoted_metrics",
  "public_metrics",
  "reply_settings",
  "scopes",
  "source",
  "suggested_source_links",
  "suggested_source_links_with_counts",
  "text",
  "withheld",
];
const TWEET_FIELDS = [
  ...POST_FIELDS,
  "author_id",
  "edit_history_tweet_ids",
  "in_reply_to_user_id",
  "referenced_tweets",
  "reply_settings",
];
const POST_EXPANSIONS = [
  "article.cover_media",
  "article.media_entities",
  "attachments.media_keys",
  "attachments.media_source_tweet",
  "attachments.poll_ids",
  "author_id",
  "edit_history_post_ids",
  "entities.mentions.username",
  "geo.place_id",
  "in_reply_to_user_id",
  "referenced_posts",
  "username",
];
const TWEET_EXPANSIONS = [
  "attachments.media_keys",
  "attachments.poll_ids",
  "author_id",
  "edit_history_tweet_ids",
  "entities.mentions.username",
  "geo.place_id",
  "in_reply_to_user_id",
  "referenced_tweets.id",
  "referenced_tweets.id.author_id",
];
const USER_FIELDS = [
  "created_at",
  "description",
  "entities",
  "id",
  "location",
  "name",
  "profile_image_url",
  "protected",
  "public_metrics",
  "url",
  "username",
  "verified",
];
const OTHER_PARAMS = ["media.fields", "poll.fields", "place.fields"];

function invalid(ctx: Ctx, parameter: string, value: string, message: string): void {
  ctx.send(
    400,
    {
      errors: [{ parameters: { [parameter]: [value] }, message }],
      title: "Invalid Request",
      detail: "One or more parameters to your request was invalid.",
      type: "https://api.twitter.com/2/problems/invalid-request",
    },
    PROBLEM,
  );
}

/** Pagination tokens are base32hex (0-9, a-v) over the position in the timeline. */
const encodeToken = (offset: number) => `7140dibdnow9c7btw${offset.toString(32)}`;
const decodeToken = (token: string): number | null => {
  const m = /^7140dibdnow9c7btw([0-9a-v]+)$/.exec(token);
  return m ? parseInt(m[1]!, 32) : null;
};

const newer = (a: string, b: string) => (BigInt(a) > BigInt(b) ? 1 : BigInt(a) < BigInt(b) ? -1 : 0);

export function mentions(ctx: Ctx, caller: string, userId: string): void {
  const { state, query } = ctx;
  state.hit("x GET /2/users/:id/mentions");
  const spelling = state.config.xSpelling;
  const fieldsParam = `${spelling}.fields`;
  const allowed = [
    "max_results",
    "pagination_token",
    "start_time",
    "end_time",
    "since_id",
    "until_id",
    fieldsParam,
    "expansions",
    "user.fields",
    ...OTHER_PARAMS,
  ];
  for (const name of query.keys())
    if (!allowed.includes(name))
      return invalid(
        ctx,
        name,
        query.get(name) ?? "",
        `The query parameter [${name}] is not one of [id,${allowed.join(",")}]`,
      );
  if (!ID.test(userId))
    return invalid(ctx, "id", userId, `The \`id\` query parameter value [${userId}] does not match ^[0-9]{1,19}$`);
  for (const name of ["since_id", "until_id"]) {
    const v = query.get(name);
    if (v !== null && !ID.test(v))
      return invalid(ctx, name, v, `The \`${name}\` query parameter value [${v}] does not match ^[0-9]{1,19}$`);
  }
  const maxRaw = query.get("max_results");
  const max = maxRaw === null ? 10 : Number(maxRaw);
  if (!Number.isInteger(max) || max < 5 || max > 100)
    return invalid(
      ctx,
      "max_results",
      maxRaw ?? "",
      `The \`max_results\` query parameter value [${maxRaw}] is not between 5 and 100`,
    );
  const lists: [string, readonly string[]][] = [
    [fieldsParam, spelling === "post" ? POST_FIELDS : TWEET_FIELDS],
    ["expansions", spelling === "post" ? POST_EXPANSIONS : TWEET_EXPANSIONS],
    ["user.fields", USER_FIELDS],
  ];
  for (const [name, values] of lists) {
    const given = query.get(name);
    if (given === null) continue;
    const bad = given.split(",").find((v) => !values.includes(v));
    if (bad !== undefined)
      return invalid(
        ctx,
        name,
        given,
        `The \`${name}\` query parameter value [${bad}] is not one of [${values.join(",")}]`,
      );
  }
  const since = query.get("since_id"),
    until = query.get("until_id");
  if (since && until && newer(since, until) >= 0)
    return invalid(ctx, "since_id", since, "since_id must be less than until_id");
  const start = query.get("start_time"),
    end = query.get("end_time");
  for (const [name, v] of [
    ["start_time", start],
    ["end_time", end],
  ] as const)
    if (v !== null && Number.isNaN(Date.parse(v)))
      return invalid(ctx, name, v, `The \`${name}\` query parameter value [${v}] is not a valid RFC 3339 date-time`);
  if (start && end && Date.parse(start) >= Date.parse(end))
    return invalid(ctx, "start_time", start, "start_time must be earlier than end_time");
  let offset = 0;
  const token = query.get("pagination_token");
  if (token !== null) {
    const o = decodeToken(token);
    if (o === null) return invalid(ctx, "pagination_token", token, "The pagination token is not valid");
    offset = o;
  }

  const wait = state.consume(`x:mentions:${caller}`, LIMIT, WINDOW);
  if (wait > 0)
    return ctx.send(
      429,
      { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 },
      {
        ...PROBLEM,
        "x-rate-limit-limit": String(LIMIT),
        "x-rate-limit-remaining": "0",
        "x-rate-limit-reset": String(Math.ceil((Date.now() + wait) / 1000)),
      },
    );

  const all = state.citizens
    .filter((c) => c.platform === "x" && c.account === userId && (c.kind === "mention" || c.kind === "comment"))
    .sort((a, b) => newer(b.id, a.id))
    .slice(0, HISTORY)
    .filter(
      (c) =>
        (!since || newer(c.id, since) > 0) &&
        (!until || newer(c.id, until) < 0) &&
        (!start || c.createdAtMs >= Date.parse(start)) &&
        (!end || c.createdAtMs <= Date.parse(end)),
    );
  const page = all.slice(offset, offset + max);
  const fields = new Set((query.get(fieldsParam) ?? "").split(",").filter(Boolean));
  const expansions = new Set((query.get("expansions") ?? "").split(",").filter(Boolean));
  const data = page.map((c) => render(c, userId, spelling, fields, expansions));
  const authors = new Map(page.map((c) => [c.author.id, c.author]));
  const userFields = new Set((query.get("user.fields") ?? "").split(",").filter(Boolean));
  const includes =
    expansions.has("author_id") && page.length > 0
      ? {
          includes: {
            users: [...authors.values()].map((a) => ({
              id: a.id,
              name: a.name,
              username: a.username,
              ...(userFields.has("created_at") ? { created_at: "2019-03-01T00:00:00.000Z" } : {}),
            })),
          },
        }
      : {};
  const next = offset + max < all.length ? { next_token: encodeToken(offset + max) } : {};
  const previous = offset > 0 ? { previous_token: encodeToken(Math.max(0, offset - max)) } : {};
  ctx.send(
    200,
    {
      ...(data.length > 0 ? { data } : {}),
      ...includes,
      meta: {
        result_count: data.length,
        ...(page.length > 0 ? { newest_id: page[0]!.id, oldest_id: page.at(-1)!.id } : {}),
        ...next,
        ...previous,
      },
    },
    {
      "x-rate-limit-limit": String(LIMIT),
      "x-rate-limit-remaining": String(LIMIT - 1),
      "x-rate-limit-reset": String(Math.ceil((Date.now() + WINDOW) / 1000)),
    },
  );
}

function render(
  c: CitizenItem,
  userId: string,
  spelling: "post" | "tweet",
  fields: Set<string>,
  expansions: Set<string>,
): Record<string, unknown> {
  const reply = c.kind === "comment" && c.postId !== null;
  const out: Record<string, unknown> = {
    id: c.id,
    // A reply on X starts with the handles it answers; a mention names the account somewhere in the text.
    text: c.text,
    [spelling === "post" ? "edit_history_post_ids" : "edit_history_tweet_ids"]: [c.id],
  };
  const wants = (f: string) => fields.has(f) || expansions.has(f);
  if (fields.has("created_at")) out.created_at = new Date(c.createdAtMs).toISOString();
  if (fields.has("conversation_id")) out.conversation_id = reply ? c.postId : c.id;
  if (wants("author_id")) out.author_id = c.author.id;
  if (reply && wants("in_reply_to_user_id")) out.in_reply_to_user_id = userId;
  if (reply && (fields.has("referenced_tweets") || expansions.has("referenced_tweets.id")))
    out.referenced_tweets = [{ type: "replied_to", id: c.postId }];
  if (reply && expansions.has("referenced_posts")) out.referenced_posts = [{ type: "replied_to", id: c.postId }];
  if (fields.has("lang")) out.lang = "in";
  return out;
}
