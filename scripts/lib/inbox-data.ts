import type pg from "pg";

// The inbox benchmark's data set (scripts/bench-inbox.ts), generated inside PostgreSQL (INSERT … SELECT over
// generate_series): a million rows through the ORM would take an hour. Mabes → 34 Polda → 450 Polres →
// 1,500 Polsek, each Polda with three function units (Ditlantas, Ditreskrimum, Ditsamapta) and each Polres
// a Satlantas; accounts on every platform a unit of its level runs. `inPolda` citizens' items land in
// Polda 01's subtree (its busiest accounts, the Polda's own, get most), `elsewhere` in the other 33 Polda,
// so the inbox's scope filter has rows to leave out. Items spread over the last 365 days; a share is
// triaged, forwarded (a disposition to a function unit, some past their deadline), answered or closed.

const INBOX_ROOT_ID = "00000000-0000-4000-8000-00000000b000";
export const INBOX_POLDA_ADMIN_ID = "00000000-0000-4000-8000-00000000b001";
export const INBOX_NATIONAL_ADMIN_ID = "00000000-0000-4000-8000-00000000b002";

/** Words citizens write, for the search cases: "tilang" is common, "samsat" rare, "zzqx" never. */
const PHRASES = [
  "Selamat pagi, bagaimana cara mengurus SIM yang hilang?",
  "Mohon info syarat perpanjangan SIM di Polres terdekat",
  "Ada kecelakaan di simpang empat, mohon bantuan petugas",
  "Lampu lalu lintas di perempatan mati sejak kemarin",
  "Saya kena tilang elektronik padahal tidak melanggar",
  "Terima kasih Pak Polisi atas pelayanannya yang cepat",
  "Kapan jadwal SIM keliling minggu ini?",
  "Motor saya hilang di parkiran pasar, bagaimana melapor?",
  "Ada balap liar setiap malam minggu di jalan raya",
  "Mantap, semoga terus humanis dan profesional",
  "Bagaimana cara cek denda tilang online?",
  "Mohon patroli di kompleks kami, sering ada pencurian",
  "Izin bertanya, pembuatan SKCK bisa online?",
  "Jalan berlubang di depan sekolah membahayakan pengendara",
  "Pelayanan di loket lambat sekali, antre tiga jam",
  "Ada penipuan mengatasnamakan polisi lewat WhatsApp",
  "Bagus sekali kegiatan Jumat Curhat kemarin",
  "Kemacetan parah di pintu tol, mohon diurai",
  "Pajak kendaraan di samsat keliling buka jam berapa?",
  "Semoga sehat selalu untuk seluruh anggota",
];

async function timed(log: (line: string) => void, label: string, fn: () => Promise<unknown>) {
  const t0 = performance.now();
  await fn();
  log(`  ${label.padEnd(44)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(7)} s`);
}

/** Units, accounts and the two admins (Polda 01's and the national one); nothing else of Siar. */
export async function seedInboxUnits(sql: pg.Client, log: (line: string) => void): Promise<void> {
  await sql.query("begin");
  await timed(log, "units, accounts, users", async () => {
    await sql.query(
      `insert into units (id, name, code, kind, time_zone, parent_id, path, depth)
       values ($1::uuid, 'Mabes Polri', 'MABES', 'Mabes', 'Asia/Jakarta', null, '/' || $1 || '/', 0)`,
      [INBOX_ROOT_ID],
    );
    await sql.query(
      `insert into units (id, name, code, kind, time_zone, parent_id, path, depth)
       select id, 'Polda ' || lpad(n::text, 2, '0'), 'POLDA-' || lpad(n::text, 2, '0'), 'Polda', 'Asia/Jakarta',
              $1::uuid, '/' || $1 || '/' || id || '/', 1
       from (select n, gen_random_uuid() as id from generate_series(1, 34) n) g`,
      [INBOX_ROOT_ID],
    );
    await sql.query(
      `insert into units (id, name, code, kind, time_zone, parent_id, path, depth)
       select g.id, 'Polres ' || lpad(g.n::text, 3, '0'), 'POLRES-' || lpad(g.n::text, 3, '0'), 'Polres', p.time_zone, p.id, p.path || g.id || '/', 2
       from (select n, gen_random_uuid() as id from generate_series(1, 450) n) g
       join units p on p.code = 'POLDA-' || lpad((1 + (g.n - 1) % 34)::text, 2, '0')`,
    );
    await sql.query(
      `insert into units (id, name, code, kind, time_zone, parent_id, path, depth)
       select g.id, 'Polsek ' || lpad(g.n::text, 4, '0'), 'POLSEK-' || lpad(g.n::text, 4, '0'), 'Polsek', p.time_zone, p.id, p.path || g.id || '/', 3
       from (select n, gen_random_uuid() as id from generate_series(1, 1500) n) g
       join units p on p.code = 'POLRES-' || lpad((1 + (g.n - 1) % 450)::text, 3, '0')`,
    );
    // Function units: three per Polda, a Satlantas per Polres.
    await sql.query(
      `insert into units (id, name, code, kind, time_zone, parent_id, path, depth)
       select g.id, g.fname || ' ' || g.name, g.fcode || '-' || g.code, 'FUNGSI', g.time_zone, g.pid, g.path || g.id || '/', g.depth + 1
       from (select gen_random_uuid() as id, f.name as fname, f.code as fcode, p.name, p.code, p.time_zone, p.id as pid, p.path, p.depth
             from units p
             cross join (values ('Ditlantas', 'DITLANTAS'), ('Ditreskrimum', 'DITRESKRIMUM'), ('Ditsamapta', 'DITSAMAPTA')) f(name, code)
             where p.kind = 'Polda') g`,
    );
    await sql.query(
      `insert into units (id, name, code, kind, time_zone, parent_id, path, depth)
       select g.id, 'Satlantas ' || g.name, 'SATLANTAS-' || g.code, 'FUNGSI', g.time_zone, g.pid, g.path || g.id || '/', g.depth + 1
       from (select gen_random_uuid() as id, p.name, p.code, p.time_zone, p.id as pid, p.path, p.depth
             from units p where p.kind = 'Polres') g`,
    );
    await sql.query(
      `insert into social_accounts (id, unit_id, platform, handle, display_name, platform_account_id, status, verification)
       select gen_random_uuid(), u.id, p.platform::"Platform", lower(u.code) || '.' || lower(p.platform), 'Humas ' || u.name,
              lower(p.platform) || '-' || lower(u.code), 'ACTIVE', 'VERIFIED'
       from units u cross join lateral unnest(case u.kind
         when 'Mabes' then array['X','FACEBOOK_PAGE','INSTAGRAM','LINE_OA','YOUTUBE','TIKTOK']
         when 'Polda' then array['X','FACEBOOK_PAGE','INSTAGRAM','LINE_OA','YOUTUBE','TIKTOK']
         when 'Polres' then array['X','FACEBOOK_PAGE','INSTAGRAM','TIKTOK']
         when 'Polsek' then array['INSTAGRAM','FACEBOOK_PAGE']
         else array[]::text[] end) p(platform)`,
    );
    await sql.query(
      `insert into users (id, email, name, password_hash, root_unit_id) values
         ($1::uuid, 'admin.polda01@inbox.bench', 'Operator Humas Polda 01', 'x', $3::uuid),
         ($2::uuid, 'admin.mabes@inbox.bench', 'Operator Divisi Humas', 'x', $3::uuid)`,
      [INBOX_POLDA_ADMIN_ID, INBOX_NATIONAL_ADMIN_ID, INBOX_ROOT_ID],
    );
    await sql.query(
      `insert into memberships (id, user_id, unit_id, role)
       select gen_random_uuid(), $1::uuid, id, 'ADMIN'::"Role" from units where code = 'POLDA-01'
       union all select gen_random_uuid(), $2::uuid, $3::uuid, 'ADMIN'::"Role"`,
      [INBOX_POLDA_ADMIN_ID, INBOX_NATIONAL_ADMIN_ID, INBOX_ROOT_ID],
    );
  });
  await sql.query("commit");
}

/** For the webhook half: Mabes, Polda 01 and its LINE, Facebook and Instagram accounts, nothing else to poll. */
export async function seedWebhookAccounts(sql: pg.Client): Promise<void> {
  await sql.query(
    `with root as (
       insert into units (id, name, code, kind, time_zone, parent_id, path, depth)
       values ($1::uuid, 'Mabes Polri', 'MABES', 'Mabes', 'Asia/Jakarta', null, '/' || $1 || '/', 0) returning id, path),
     polda as (
       insert into units (id, name, code, kind, time_zone, parent_id, path, depth)
       select g.id, 'Polda 01', 'POLDA-01', 'Polda', 'Asia/Jakarta', root.id, root.path || g.id || '/', 1
       from root, (select gen_random_uuid() as id) g returning id)
     insert into social_accounts (id, unit_id, platform, handle, display_name, platform_account_id, status, verification)
     select gen_random_uuid(), polda.id, p::"Platform", 'polda-01.' || lower(p), 'Humas Polda 01', lower(p) || '-polda-01',
            'ACTIVE', 'VERIFIED'
     from polda, unnest(array['LINE_OA', 'FACEBOOK_PAGE', 'INSTAGRAM']) p`,
    [INBOX_ROOT_ID],
  );
}

/** Citizens' items (and dispositions for the forwarded ones): `inPolda` in Polda 01's subtree, `elsewhere` in the rest. */
export async function seedInboxItems(
  sql: pg.Client,
  { inPolda, elsewhere, log }: { inPolda: number; elsewhere: number; log: (line: string) => void },
): Promise<void> {
  await sql.query("begin");
  await sql.query(`set local work_mem = '256MB'`);
  await sql.query(`set local maintenance_work_mem = '512MB'`);
  // Foreign keys are right by construction; as a superuser the load skips their row-by-row checks.
  const su = await sql.query<{ s: boolean }>(`select rolsuper as s from pg_roles where rolname = current_user`);
  if (su.rows[0]?.s) await sql.query(`set local session_replication_role = replica`);
  await sql.query(`create temp table bench_phrases (i int primary key, t text) on commit drop`);
  await sql.query(`insert into bench_phrases select i - 1, t from unnest($1::text[]) with ordinality x(t, i)`, [
    PHRASES,
  ]);
  // The readable accounts (TikTok gives nothing to read), numbered per group; the Polda's own accounts first,
  // so the skewed pick below gives them most of the items, as on the real desks.
  await sql.query(
    `create temp table bench_accounts on commit drop as
     select a.id, a.unit_id, a.platform, (pu.code = 'POLDA-01') as in_polda,
            row_number() over (partition by pu.code = 'POLDA-01' order by u.depth, a.platform, a.id)::int - 1 as i
     from social_accounts a join units u on u.id = a.unit_id
     join units pu on pu.depth = 1 and u.path like pu.path || '%'
     where a.platform <> 'TIKTOK'`,
  );
  await sql.query(`create index on bench_accounts (in_polda, i)`);
  const insertItems = async (inPoldaGroup: boolean, n: number, offset: number) =>
    sql.query(
      `with counts as (select count(*)::int as n from bench_accounts where in_polda = $1),
       g as (
         select s as n, floor(power(random(), 2.5) * (select n from counts))::int as ai, random() as r, random() as r2,
                now() - random() * interval '365 days' as at
         from generate_series($3::int + 1, $3::int + $2::int) s
       )
       insert into interactions (id, platform, external_id, account_id, unit_id, kind, author_external_id, author_handle,
                                 author_name, text, external_parent_id, received_at, category, urgent, state, assignee_id,
                                 first_reply_at, resolved_at, created_at, updated_at)
       select gen_random_uuid(), a.platform, 'bench-' || g.n, a.id, a.unit_id,
              (case when a.platform = 'LINE_OA' or g.r2 < 0.1 then 'MESSAGE' when g.r2 < 0.2 and a.platform = 'X' then 'MENTION' else 'COMMENT' end)::"InteractionKind",
              'warga-' || (g.n::bigint * 7919 % 60000),
              case when a.platform in ('X', 'INSTAGRAM') then 'warga' || (g.n::bigint * 7919 % 60000) end,
              case when a.platform in ('FACEBOOK_PAGE', 'YOUTUBE') then 'Warga ' || (g.n::bigint * 7919 % 60000) end,
              p.t || ' #' || g.n,
              case when a.platform <> 'LINE_OA' then 'post-' || (g.n % 5000) end,
              g.at,
              (case when g.r < 0.55 then null else (array['PERTANYAAN','PENGADUAN','KRITIK_SARAN','LAPORAN_INFORMASI','APRESIASI','SPAM'])[1 + g.n % 6] end)::"InteractionCategory",
              g.r2 > 0.98,
              (case when g.r < 0.55 then 'NEW' when g.r < 0.70 then 'TRIAGED' when g.r < 0.72 then 'FORWARDED'
                    when g.r < 0.74 then 'ANSWERED' when g.r < 0.84 then 'REPLIED' else 'CLOSED' end)::"InteractionState",
              case when g.r >= 0.55 and g.r < 0.6 then $4::uuid end,
              case when g.r >= 0.74 then g.at + interval '3 hours' end,
              case when g.r >= 0.84 then g.at + interval '1 day' end,
              g.at, g.at
       from g join bench_accounts a on a.in_polda = $1 and a.i = g.ai
       join bench_phrases p on p.i = g.n % 20`,
      [inPoldaGroup, n, offset, INBOX_POLDA_ADMIN_ID],
    );
  await timed(log, `${inPolda.toLocaleString("en")} items in Polda 01's subtree`, () => insertItems(true, inPolda, 0));
  await timed(log, `${elsewhere.toLocaleString("en")} items in the other Polda`, () =>
    insertItems(false, elsewhere, inPolda),
  );
  // Forwarded and answered items have a disposition to one of their Polda's function units; a forwarded one
  // waits with a deadline from two days ago to eight ahead (so about a fifth is overdue).
  await timed(log, "dispositions of the forwarded items", () =>
    sql.query(
      `insert into dispositions (id, interaction_id, from_unit_id, to_unit_id, created_by_id, deadline_at, answer,
                                 answered_by_id, answered_at, created_at, updated_at)
       select gen_random_uuid(), i.id, i.unit_id, f.id, $1::uuid,
              case when i.state = 'FORWARDED' then now() + (random() * 10 - 2) * interval '1 day' else i.received_at + interval '2 days' end,
              case when i.state = 'ANSWERED' then 'Sudah ditindaklanjuti' end,
              case when i.state = 'ANSWERED' then $1::uuid end,
              case when i.state = 'ANSWERED' then i.received_at + interval '1 day' end,
              i.received_at + interval '1 hour', i.received_at + interval '1 hour'
       from interactions i
       join units u on u.id = i.unit_id
       join units pu on pu.depth = 1 and u.path like pu.path || '%'
       join units f on f.parent_id = pu.id and f.kind = 'FUNGSI'
        and f.code like (array['DITLANTAS','DITRESKRIMUM','DITSAMAPTA'])[1 + abs(hashtext(i.id::text)) % 3] || '-%'
       where i.state in ('FORWARDED', 'ANSWERED') and i.external_id like 'bench-%'`,
      [INBOX_POLDA_ADMIN_ID],
    ),
  );
  // The load runs without triggers (replica, above), so what the dispositions' trigger keeps on each item, the
  // earliest deadline of its unanswered dispositions, is set here the way migration 20261208100001 sets it.
  await timed(log, "open dispositions' deadlines on their items", () =>
    sql.query(
      `update interactions i set open_deadline_at = d.deadline
       from (select interaction_id, min(deadline_at) as deadline from dispositions where answered_at is null group by 1) d
       where i.id = d.interaction_id`,
    ),
  );
  await sql.query("commit");
}
