import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { dropDatabase, ensureDatabase, migrate } from "./lib/database";

// `npm run bench:import`: an import of 5,000 accounts (issue 18, decision 0013), previewed and committed
// through the same use-cases the route calls, in a database of its own. The baseline, measured in the same
// run on the same rows, is one multi-row INSERT of those accounts; the goal is a commit within 3× of it.
// The machines are shared and noisy (docs/environment.md): each figure is the median of ROUNDS rounds.
const ROWS = Number(process.env.BENCH_ROWS ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const POLDA = 34;
const POLRES = 450;

const url = `postgresql://postgres@127.0.0.1:5432/siar_bench_import_${process.pid}_${randomBytes(3).toString("hex")}`;
// The use-cases read their database and secrets from the environment, like the app does.
process.env.DATABASE_URL = url;
process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("hex");
process.env.CREDENTIALS_KEY ??= randomBytes(32).toString("base64");
process.env.LOG_LEVEL ??= "warn";
process.env.REDIS_URL ??= "redis://127.0.0.1:6379/12";
process.env.NEXTAUTH_URL ??= "http://127.0.0.1:3000";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
async function timed<T>(body: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await body();
  return [performance.now() - t0, out];
}

await ensureDatabase(url);
migrate(url);
const sql = new pg.Client({ connectionString: url });
await sql.connect();
try {
  const root = randomUUID();
  const user = randomUUID();
  await sql.query(
    `insert into units (id, name, code, kind, time_zone, parent_id, path, depth)
     values ($1, 'Bench Mabes', 'BENCH', 'Mabes', 'Asia/Jakarta', null, $2, 0)`,
    [root, `/${root}/`],
  );
  await sql.query(
    `insert into units (id, name, code, kind, time_zone, parent_id, path, depth)
     select id, 'Polda ' || n, 'PD' || n, 'Polda', 'Asia/Makassar', $1::uuid, $2 || id || '/', 1
       from (select n, gen_random_uuid() as id from generate_series(1, ${POLDA}) n) u`,
    [root, `/${root}/`],
  );
  await sql.query(`
    insert into units (id, name, code, kind, time_zone, parent_id, path, depth)
    select r.id, 'Polres ' || n, 'PR' || n, 'Polres', p.time_zone, p.id, p.path || r.id || '/', 2
      from (select n, gen_random_uuid() as id from generate_series(1, ${POLRES}) n) r
      join units p on p.code = 'PD' || (1 + r.n % ${POLDA})`);
  await sql.query(`insert into users (id, email, name, password_hash) values ($1, 'bench@siar.test', 'Bench', 'x')`, [
    user,
  ]);
  await sql.query(`insert into memberships (id, user_id, unit_id, role) values ($1, $2, $3, 'SUPERADMIN')`, [
    randomUUID(),
    user,
    root,
  ]);

  const platforms = ["X", "FACEBOOK_PAGE", "INSTAGRAM", "TIKTOK", "YOUTUBE", "LINE_OA"] as const;
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    platform: platforms[i % platforms.length]!,
    handle: `bench_${i}`,
    displayName: `Humas Bench ${i}`,
    platformAccountId: `id-${i}`,
    unitCode: `PR${1 + (i % POLRES)}`,
  }));
  const csv = [
    "platform,handle,nama_tampilan,id_platform,url_profil,kode_unit_pemilik",
    ...rows.map((r) => `${r.platform},${r.handle},${r.displayName},${r.platformAccountId},,${r.unitCode}`),
  ].join("\r\n");
  const file = { name: "bench.csv", bytes: new TextEncoder().encode(csv) };

  // Imported only now: the modules read the environment set above.
  const { commitImport, previewImport } = await import("../src/server/imports/run-import");
  const { profileUrlFor } = await import("../src/lib/platforms");
  const { db } = await import("../src/server/db");
  // The actor as the guards load it (the guards themselves need a Next.js request).
  const actor = {
    id: user,
    name: "Bench",
    email: "bench@siar.test",
    memberships: [{ role: "SUPERADMIN" as const, unitId: root, unitPath: `/${root}/` }],
  };
  const unitIds = new Map(
    (await sql.query<{ code: string; id: string }>("select code, id from units")).rows.map((u) => [u.code, u.id]),
  );

  const clear = () => sql.query("delete from social_accounts");
  /** The same accounts as the import writes them, in one multi-row INSERT. */
  async function baseline() {
    const values: unknown[] = [];
    const tuples = rows.map((r, i) => {
      values.push(
        randomUUID(),
        unitIds.get(r.unitCode),
        r.platform,
        r.handle,
        r.displayName,
        r.platformAccountId,
        profileUrlFor(r.platform, r.handle),
        user,
      );
      const p = i * 8;
      return `($${p + 1}, $${p + 2}, $${p + 3}::"Platform", $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}, 'NEEDS_RECONNECT', 'PENDING', $${p + 8})`;
    });
    await sql.query(
      `insert into social_accounts (id, unit_id, platform, handle, display_name, platform_account_id, profile_url,
                                    status, verification, registered_by_id) values ${tuples.join(",")}`,
      values,
    );
  }

  const figures = {
    baseline: [] as number[],
    preview: [] as number[],
    commit: [] as number[],
    unchanged: [] as number[],
  };
  for (let round = 0; round < ROUNDS; round++) {
    await clear();
    figures.baseline.push((await timed(baseline))[0]);
    await clear();
    const [previewMs, preview] = await timed(() => previewImport(actor, "accounts", file));
    if (preview.counts.new !== ROWS) throw new Error(`preview: ${JSON.stringify(preview.counts)}`);
    figures.preview.push(previewMs);
    const [commitMs, done] = await timed(() => commitImport(actor, "accounts", file, { planHash: preview.planHash }));
    if (done.counts.new !== ROWS) throw new Error(`commit: ${JSON.stringify(done.counts)}`);
    figures.commit.push(commitMs);
    // The same file again: everything unchanged.
    const [againMs, again] = await timed(() => previewImport(actor, "accounts", file));
    if (again.counts.unchanged !== ROWS) throw new Error(`re-import: ${JSON.stringify(again.counts)}`);
    figures.unchanged.push(againMs);
  }
  const base = median(figures.baseline);
  console.log(`bench:import — ${ROWS} accounts, median of ${ROUNDS} rounds`);
  console.log(`  baseline (one multi-row INSERT) ${fmt(base)}`);
  for (const [name, xs] of [
    ["preview (parse + plan)         ", figures.preview],
    ["commit (parse + re-plan + write)", figures.commit],
    ["re-import preview (unchanged)  ", figures.unchanged],
  ] as const) {
    console.log(`  ${name} ${fmt(median(xs))}  ${(median(xs) / base).toFixed(2)}× baseline`);
  }
  const ratio = median(figures.commit) / base;
  console.log(`  goal: commit within 3× baseline — ${ratio <= 3 ? "met" : "NOT met"} (${ratio.toFixed(2)}×)`);
  await db.$disconnect();
} finally {
  await sql.end();
  await dropDatabase(url);
}
