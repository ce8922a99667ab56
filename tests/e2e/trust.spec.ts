import { randomUUID } from "node:crypto";

import { pages, stateChangingRoutes } from "../support/app-routes";
import { db, expect, loginAs, test } from "./fixtures";
import { deskIds, deskPages, roleUsers, type RoleName } from "./pages";

// Decision 0009: the request policy and the security headers of src/proxy.ts, seen from a browser's side.

const tinyJpeg = Buffer.from(
  "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=",
  "base64",
);

function expectSecurityHeaders(response: { headers(): Record<string, string> } | null, what: string) {
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  expect(headers["strict-transport-security"], `${what} over plain HTTP`).toBeUndefined();
}

test("a page, a route and a media file carry the security headers, and the pages still work under them", async ({
  page,
}) => {
  await loginAs(page, "admin.kaltim@siar.test");
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(m.text());
  });

  const pause = await page.goto("/compose");
  expectSecurityHeaders(pause, "page");
  const csp = pause!.headers()["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  // The composer is a client component: it answers typing only if its scripts ran under the policy.
  await page.getByLabel("Teks utama").fill("Uji kebijakan keamanan konten");
  await expect(page.getByLabel("Teks utama")).toHaveValue("Uji kebijakan keamanan konten");
  // Each response gets a nonce of its own.
  const again = await page.request.get("/compose");
  expect(again.headers()["content-security-policy"]).not.toBe(csp);

  expectSecurityHeaders(await page.request.get("/api/posts"), "route");
  // A platform's webhook does not pass the proxy (decision 0009): its answer carries the static policy.
  const webhook = await page.request.post("/api/webhooks/line", { data: { destination: "x", events: [] } });
  expect(webhook.status()).toBe(401);
  expectSecurityHeaders(webhook, "webhook");
  expect(webhook.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");

  const polda = await db.unit.findUniqueOrThrow({ where: { code: "POLDA-KALTIM" } });
  const upload = await page.request.post("/api/media", {
    multipart: { unitId: polda.id, file: { name: "kop.jpg", mimeType: "image/jpeg", buffer: tinyJpeg } },
  });
  expect(upload.status()).toBe(201);
  const media = (await upload.json()) as { data: { url: string } };
  const file = await page.request.get(new URL(media.data.url).pathname);
  expect(file.status()).toBe(200);
  expectSecurityHeaders(file, "media file");

  // HSTS only where the request came over HTTPS (the reverse proxy in front says so).
  const https = await page.request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(https.headers()["strict-transport-security"]).toContain("max-age=");
  expect(violations).toEqual([]);
});

test("a cross-origin text/plain POST to every state-changing route, and to a server action, is refused with nothing written", async ({
  page,
  browser,
}) => {
  // A pending post the victim (a supervisor) could approve, and one of their accounts.
  const author = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
  await loginAs(author, "admin.kaltim@siar.test");
  const polda = await db.unit.findUniqueOrThrow({ where: { code: "POLDA-KALTIM" } });
  const account = await db.socialAccount.findFirstOrThrow({
    where: { unit: { code: "POLDA-KALTIM" }, platform: "X", verification: "VERIFIED" },
  });
  const created = await author.request.post("/api/posts", {
    data: {
      unitId: polda.id,
      baseText: `Menunggu persetujuan (${Date.now()})`,
      intent: "submit",
      targets: [{ accountId: account.id, scheduledAt: null }],
    },
  });
  expect(created.status()).toBe(201);
  const { postId } = ((await created.json()) as { data: { postId: string } }).data;
  await author.context().close();

  await loginAs(page, "supervisor.kaltim@siar.test");
  const fill = (segment: string) =>
    segment === "id" || segment === "key"
      ? postId
      : segment === "kind"
        ? "accounts"
        : segment === "nextauth"
          ? "signout"
          : randomUUID();
  const routes = stateChangingRoutes(fill).map((r) =>
    r.path.startsWith("/api/accounts/") ? { ...r, path: r.path.replace(postId, account.id) } : r,
  );
  expect(routes.length).toBeGreaterThanOrEqual(8);

  const counts = async () => ({
    audit: await db.auditLog.count(),
    posts: await db.post.count(),
    media: await db.media.count(),
    accounts: await db.socialAccount.count(),
    decisions: await db.approvalDecision.count(),
  });
  const before = await counts();
  const attacker = "http://127.0.0.1:9"; // another port of the same host is another origin
  for (const route of routes) {
    const response = await page.request.fetch(route.path, {
      method: route.method,
      headers: { origin: attacker, "content-type": "text/plain" },
      data: JSON.stringify({ version: 1, disabled: true, comment: "x", accessToken: "x", mode: "commit" }),
    });
    // The platforms' webhooks do not pass the proxy (decision 0009): the route refuses what it cannot verify.
    const webhook = route.path.startsWith("/api/webhooks/");
    expect(response.status(), `${route.method} ${route.path}`).toBe(webhook ? 401 : 403);
  }
  // A server action posted from another origin: 403, not Next's 500.
  const action = await page.request.post("/pause", {
    headers: { origin: attacker, "content-type": "text/plain;charset=UTF-8", "next-action": "7f".repeat(20) },
    data: JSON.stringify([{ unitId: polda.id, reason: "Serangan" }]),
  });
  expect(action.status()).toBe(403);

  expect(await counts()).toEqual(before);
  expect(await db.postTarget.findFirstOrThrow({ where: { postId } })).toMatchObject({ status: "PENDING_APPROVAL" });
  // The supervisor's session still works (the sign-out route was refused too).
  const still = await page.request.get("/api/auth/session");
  expect(((await still.json()) as { user?: { id?: string } }).user?.id).toBeTruthy();
});

test("sign-in attempts from one address beyond its limit answer 429 with Retry-After", async ({ page }) => {
  const address = `203.0.113.${1 + Math.floor(Math.random() * 250)}`;
  const statuses: number[] = [];
  let last = null as Awaited<ReturnType<typeof page.request.post>> | null;
  for (let i = 0; i <= 30; i++) {
    last = await page.request.post("/api/auth/callback/credentials", {
      headers: { "x-forwarded-for": address },
      form: { email: `tidak-ada-${i}@siar.test`, password: "bukan-sandi", csrfToken: "x", json: "true" },
      maxRedirects: 0,
    });
    statuses.push(last.status());
  }
  expect(statuses.slice(0, 30).filter((s) => s === 429)).toEqual([]);
  expect(last!.status()).toBe(429);
  expect(Number(last!.headers()["retry-after"])).toBeGreaterThan(0);
  // Another address is not held back.
  const other = await page.request.post("/api/auth/callback/credentials", {
    headers: { "x-forwarded-for": "198.51.100.7" },
    form: { email: "tidak-ada@siar.test", password: "bukan-sandi", csrfToken: "x", json: "true" },
    maxRedirects: 0,
  });
  expect(other.status()).not.toBe(429);
});

test("bad input answers 4xx with a message and writes nothing", async ({ page }) => {
  await loginAs(page, "admin.kaltim@siar.test");
  const polda = await db.unit.findUniqueOrThrow({ where: { code: "POLDA-KALTIM" } });
  const before = { posts: await db.post.count(), media: await db.media.count(), audit: await db.auditLog.count() };

  // A year the calendar cannot show: not found, instead of a crash.
  expect((await page.goto("/calendar?date=0000-01-01"))!.status()).toBe(404);
  expect((await page.request.get("/calendar?date=2027-02-31")).status()).toBe(404);
  expect((await page.request.get("/calendar?date=2027-02-03")).status()).toBe(200);

  // A JSON null body.
  const nullBody = await page.request.post("/api/posts", {
    headers: { "content-type": "application/json" },
    data: "null",
  });
  expect(nullBody.status()).toBe(422);
  // A NUL byte in a text field.
  const nul = await page.request.post("/api/posts", {
    data: { unitId: polda.id, baseText: "Patroli\u0000malam", intent: "draft", targets: [] },
  });
  expect(nul.status()).toBe(422);
  expect(((await nul.json()) as { error: { fieldErrors: Record<string, string> } }).error.fieldErrors.baseText).toBe(
    "Teks ini memuat karakter yang tidak dapat disimpan (bita NUL atau karakter rusak).",
  );
  // An upload that is not multipart, and a truncated image.
  const notMultipart = await page.request.post("/api/media", { data: { unitId: polda.id } });
  expect(notMultipart.status()).toBe(415);
  const truncated = await page.request.post("/api/media", {
    multipart: {
      unitId: polda.id,
      file: { name: "rusak.jpg", mimeType: "image/jpeg", buffer: tinyJpeg.subarray(0, 12) },
    },
  });
  expect(truncated.status()).toBe(422);
  // A server action body over the limit: 413 before Next reads it.
  const big = await page.request.post("/pause", {
    headers: { "content-type": "text/plain;charset=UTF-8", "next-action": "7f".repeat(20) },
    data: JSON.stringify(["x".repeat(3 * 1024 * 1024)]),
  });
  expect(big.status()).toBe(413);
  // A route handler's JSON body over its cap: 413 with the limit in the person's language, below Next's 10 MB.
  const bigJson = await page.request.post("/api/posts", {
    data: { unitId: polda.id, baseText: "x".repeat(3 * 1024 * 1024), intent: "draft", targets: [] },
  });
  expect(bigJson.status()).toBe(413);
  expect(((await bigJson.json()) as { error: { message: string } }).error.message).toBe(
    "Permintaan terlalu besar: paling banyak 2 MB data. Persingkat teksnya atau kirim lebih sedikit sekaligus.",
  );

  expect({ posts: await db.post.count(), media: await db.media.count(), audit: await db.auditLog.count() }).toEqual(
    before,
  );
});

test("a page refused for lack of rights answers 404, not 200 with a notice", async ({ page }) => {
  await loginAs(page, "pimpinan.kaltim@siar.test");
  const dki = await db.unit.findUniqueOrThrow({ where: { code: "DKI" } });
  const otherUser = await db.user.findUniqueOrThrow({ where: { email: "admin.dki@siar.test" } });
  const kaltim = await db.unit.findUniqueOrThrow({ where: { code: "POLDA-KALTIM" } });
  const dkiAccount = await db.socialAccount.findFirstOrThrow({ where: { unitId: dki.id } });
  for (const path of ["/users/new", "/units/new", `/users/${otherUser.id}`, `/units/${dki.id}/edit`]) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
  // The same pages open for the SUPERADMIN.
  await loginAs(page, "superadmin@siar.test");
  for (const path of ["/users/new", "/units/new", `/users/${otherUser.id}`, `/units/${kaltim.id}/edit`]) {
    expect((await page.request.get(path)).status(), path).toBe(200);
  }
  // An id outside the person's tree: the account page and its editor answer 404 to Kaltim's ADMIN.
  await loginAs(page, roleUsers.admin);
  for (const path of [`/accounts/${dkiAccount.id}`, `/accounts/${dkiAccount.id}/edit`]) {
    expect((await page.request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
  }
});

test("every page answers 404 to every role without the right to it, never 200 with a notice or a redirect", async ({
  page,
}) => {
  test.setTimeout(240_000);
  // Every page of src/app is in the table (a new page must say who opens it), and /login is the only one
  // outside it.
  const byShape = (path: string) => path.replace(/\?.*$/, "");
  const shapes = new Set(
    deskPages.map((p) =>
      byShape(
        p.path({
          unit: ":id",
          account: ":id",
          user: ":id",
          post: ":id",
          pendingPost: ":id",
          interaction: ":id",
          disposition: ":id",
        }),
      ),
    ),
  );
  expect(pages((segment) => `:${segment}`).filter((p) => p !== "/login" && !shapes.has(p))).toEqual([]);

  const ids = await deskIds(page);
  const refused: string[] = [];
  for (const role of Object.keys(roleUsers) as RoleName[]) {
    await loginAs(page, roleUsers[role]);
    for (const entry of deskPages) {
      if (entry.roles.includes(role) || entry.alsoOpens?.includes(role)) continue;
      const path = entry.path(ids);
      const response = await page.request.get(path, { maxRedirects: 0 });
      if (response.status() !== 404) refused.push(`${role} ${path}: ${response.status()}`);
    }
  }
  expect(refused).toEqual([]);
});
