import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../support/emulator";

// The emulator's read endpoints for citizens are as strict as the references (docs/platforms.md "Reading
// citizens"): X's getUsersMentions (xdevplatform/xdk openapi.json: id ^[0-9]{1,19}$, max_results 5-100, since_id
// exclusive, only the listed parameters), YouTube's commentThreads.list (part required, exactly one filter,
// maxResults 1-100) and Graph's comments edge (unknown field (#100), unknown object 100/33).

let emu: TestEmulator;
const USER = "1500000000000000001";
const bearer = { Authorization: `Bearer demo-access-${USER}` };

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

const getJson = async (path: string, headers: Record<string, string> = bearer) => {
  const res = await fetch(`${emu.url}${path}`, { headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe("X mentions", () => {
  it("lists mentions newest first, honours since_id (exclusive) and pages with next_token", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++)
      ids.push((await emu.citizen({ platform: "x", account: USER, kind: "mention", text: `@humas sebutan ${i}` })).id);
    const first = await getJson(`/x/2/users/${USER}/mentions?max_results=5&expansions=author_id`);
    expect(first.status).toBe(200);
    const data = first.body.data as { id: string; author_id: string }[];
    expect(data.map((d) => d.id)).toEqual([...ids].reverse().slice(0, 5));
    expect(data[0]!.author_id).toBeTruthy();
    const meta = first.body.meta as { next_token?: string; newest_id: string; result_count: number };
    expect(meta).toMatchObject({ newest_id: ids[6], result_count: 5 });
    const second = await getJson(`/x/2/users/${USER}/mentions?max_results=5&pagination_token=${meta.next_token}`);
    expect((second.body.data as { id: string }[]).map((d) => d.id)).toEqual([ids[1], ids[0]]);
    const since = await getJson(`/x/2/users/${USER}/mentions?since_id=${ids[4]}`);
    expect((since.body.data as { id: string }[]).map((d) => d.id)).toEqual([ids[6], ids[5]]);
    const none = await getJson(`/x/2/users/${USER}/mentions?since_id=${ids[6]}`);
    expect(none.body).toEqual({ meta: { result_count: 0 } });
  });

  it("refuses what X refuses: a bad id, max_results outside 5-100, an unknown parameter or field, no token", async () => {
    for (const path of [
      `/x/2/users/x-polda/mentions`,
      `/x/2/users/${USER}/mentions?max_results=3`,
      `/x/2/users/${USER}/mentions?max_results=101`,
      `/x/2/users/${USER}/mentions?count=10`,
      `/x/2/users/${USER}/mentions?post.fields=author_id`,
      `/x/2/users/${USER}/mentions?since_id=5&until_id=4`,
    ])
      expect((await getJson(path)).status, path).toBe(400);
    expect((await getJson(`/x/2/users/${USER}/mentions`, {})).status).toBe(401);
  });
});

describe("YouTube commentThreads.list", () => {
  it("requires part and exactly one filter, and pages the channel's threads newest first", async () => {
    const channel = "UCpoldakaltimtv";
    for (let i = 0; i < 3; i++)
      await emu.citizen({
        platform: "youtube",
        account: channel,
        kind: "comment",
        postId: "ytVid0001",
        text: `Komentar ${i}`,
      });
    const h = { Authorization: `Bearer demo-access-${channel}` };
    expect(
      (await getJson(`/youtube/youtube/v3/commentThreads?allThreadsRelatedToChannelId=${channel}`, h)).status,
    ).toBe(400);
    expect((await getJson(`/youtube/youtube/v3/commentThreads?part=snippet`, h)).status).toBe(400);
    expect(
      (
        await getJson(
          `/youtube/youtube/v3/commentThreads?part=snippet&videoId=ytVid0001&allThreadsRelatedToChannelId=${channel}`,
          h,
        )
      ).status,
    ).toBe(400);
    expect(
      (await getJson(`/youtube/youtube/v3/commentThreads?part=snippet&videoId=ytVid0001&maxResults=101`, h)).status,
    ).toBe(400);
    expect((await getJson(`/youtube/youtube/v3/commentThreads?part=snippet&videoId=ytNope`, h)).status).toBe(404);
    const page = await getJson(
      `/youtube/youtube/v3/commentThreads?part=snippet&allThreadsRelatedToChannelId=${channel}&maxResults=2&textFormat=plainText`,
      h,
    );
    expect(page.status).toBe(200);
    const items = page.body.items as { snippet: { topLevelComment: { snippet: { textOriginal: string } } } }[];
    expect(items.map((i) => i.snippet.topLevelComment.snippet.textOriginal)).toEqual(["Komentar 2", "Komentar 1"]);
    const next = await getJson(
      `/youtube/youtube/v3/commentThreads?part=snippet&allThreadsRelatedToChannelId=${channel}&maxResults=2&pageToken=${String(page.body.nextPageToken)}`,
      h,
    );
    expect((next.body.items as unknown[]).length).toBe(1);
  });
});

describe("Graph comments edge", () => {
  it("lists an Instagram media's comments and refuses an unknown field or object as Graph does", async () => {
    const ig = "17841400000000042";
    const c = await emu.citizen({
      platform: "instagram",
      account: ig,
      kind: "comment",
      postId: "1790001",
      text: "Halo min",
    });
    const h = { Authorization: `Bearer demo-access-${ig}` };
    const ok = await getJson(`/instagram/v25.0/1790001/comments?fields=id,text,timestamp,from`, h);
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject([{ id: c.id, text: "Halo min" }]);
    const badField = await getJson(`/instagram/v25.0/1790001/comments?fields=id,message`, h);
    expect(badField.status).toBe(400);
    expect(JSON.stringify(badField.body)).toContain("nonexisting field (message)");
    const unknown = await getJson(`/instagram/v25.0/999999/comments`, h);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });
});
