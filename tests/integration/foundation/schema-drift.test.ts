import { readFileSync } from "node:fs";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The database is built only from prisma/migrations/*.sql (the Prisma schema engine cannot run here),
// so this test proves that a migrated empty database is exactly what schema.prisma describes:
// every table, column, type, nullability, default, enum, index, unique and foreign key, both ways.

type Field = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum";
  type: string;
  isList: boolean;
  isRequired: boolean;
  hasDefaultValue: boolean;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
};
type Model = { name: string; dbName: string | null; fields: Field[] };
type Index = { model: string; type: "id" | "unique" | "normal" | "fulltext"; fields: { name: string }[] };

const dmmf = JSON.parse(
  get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", readFileSync("prisma/schema.prisma", "utf8")]] })),
).datamodel as { models: Model[]; enums: { name: string; values: { name: string }[] }[]; indexes: Index[] };

const table = (m: Model) => m.dbName ?? m.name;
const column = (m: Model, fieldName: string) => {
  const f = m.fields.find((x) => x.name === fieldName)!;
  return f.dbName ?? f.name;
};

function expectedType(f: Field): string {
  if (f.isList) return `${expectedType({ ...f, isList: false })}[]`;
  if (f.kind === "enum") return f.type;
  const [native, args] = f.nativeType ?? [undefined, []];
  switch (f.type) {
    case "String":
      if (native === "VarChar") return `varchar(${args[0]})`;
      if (native === "Uuid") return "uuid";
      return "text";
    case "Int":
      return "int4";
    case "BigInt":
      return "int8";
    case "Boolean":
      return "bool";
    case "Float":
      return "float8";
    case "Json":
      return "jsonb";
    case "DateTime":
      return native === "Timestamptz" ? `timestamptz(${args[0] ?? 6})` : "timestamp(3)";
    default:
      throw new Error(`No mapping for ${f.type}`);
  }
}

/** Partial indexes made by migrations (Prisma's schema has no `WHERE` for an index). */
const PARTIAL_INDEXES = [
  // 20261208100001_inbox_list_filters: the items with an open disposition, in page order ("Lewat tenggat").
  "interactions_open_received_at_idx",
  // 20261205100001_awaiting_post_id: the few TikTok targets waiting for their post id among a million.
  "post_targets_awaiting_post_id_idx",
];

let client: pg.Client;
type Column = { table: string; column: string; type: string; nullable: boolean; hasDefault: boolean };
let columns: Column[];

beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const r = await client.query(`
    select c.relname as table, a.attname as column, a.attnotnull as notnull, a.atthasdef as hasdef,
           format_type(a.atttypid, a.atttypmod) as formatted, t.typname as typname, t.typcategory as cat,
           et.typname as elemname
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid and c.relkind = 'r'
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
    join pg_type t on t.oid = a.atttypid
    left join pg_type et on et.oid = t.typelem and t.typcategory = 'A'
    where a.attnum > 0 and not a.attisdropped and c.relname <> 'schema_migrations'`);
  columns = r.rows.map((row) => {
    const formatted: string = row.formatted;
    const normalise = (name: string, fmt: string): string => {
      const m = /character varying\((\d+)\)/.exec(fmt);
      if (m) return `varchar(${m[1]})`;
      const ts = /timestamp\((\d)\) with time zone/.exec(fmt);
      if (ts) return `timestamptz(${ts[1]})`;
      const tsn = /timestamp\((\d)\) without time zone/.exec(fmt);
      if (tsn) return `timestamp(${tsn[1]})`;
      return name;
    };
    const type =
      row.cat === "A" ? `${normalise(row.elemname, formatted.replace("[]", ""))}[]` : normalise(row.typname, formatted);
    return { table: row.table, column: row.column, type, nullable: !row.notnull, hasDefault: row.hasdef };
  });
});

afterAll(async () => {
  await client.end();
});

describe("the migrated database matches schema.prisma", () => {
  it("has exactly the tables of the models", () => {
    const tables = new Set(columns.map((c) => c.table));
    expect([...tables].sort()).toEqual(dmmf.models.map(table).sort());
  });

  it("has every scalar field as a column of the same type, nullability and default, and no other column", () => {
    for (const m of dmmf.models) {
      const scalar = m.fields.filter((f) => f.kind !== "object");
      const actual = columns.filter((c) => c.table === table(m));
      expect(actual.map((c) => c.column).sort(), `columns of ${table(m)}`).toEqual(
        scalar.map((f) => f.dbName ?? f.name).sort(),
      );
      for (const f of scalar) {
        const c = actual.find((x) => x.column === (f.dbName ?? f.name))!;
        const where = `${table(m)}.${c.column}`;
        expect(c.type, `type of ${where}`).toBe(expectedType(f));
        expect(c.nullable, `nullability of ${where}`).toBe(!f.isRequired && !f.isList ? true : false);
        // Uuid ids are made by the application and declare no default; every declared default is the database's.
        expect(c.hasDefault, `default of ${where}`).toBe(f.hasDefaultValue);
      }
    }
  });

  it("has the enums with the same values in the same order", async () => {
    const r = await client.query(`
      select t.typname as name, array_agg(e.enumlabel::text order by e.enumsortorder) as values
      from pg_type t join pg_enum e on e.enumtypid = t.oid group by t.typname`);
    const actual = Object.fromEntries(r.rows.map((row) => [row.name, row.values]));
    const expected = Object.fromEntries(dmmf.enums.map((e) => [e.name, e.values.map((v) => v.name)]));
    expect(actual).toEqual(expected);
  });

  it("has every primary key, unique and index, and no other", async () => {
    const r = await client.query(`
      select t.relname as table, ix.indisprimary as primary, ix.indisunique as unique,
             array_agg(a.attname::text order by k.ord) as cols, ix.indpred is not null as partial,
             (select i.relname from pg_class i where i.oid = ix.indexrelid) as name
      from pg_index ix
      join pg_class t on t.oid = ix.indrelid
      join pg_namespace n on n.oid = t.relnamespace and n.nspname = 'public'
      cross join lateral unnest(ix.indkey) with ordinality as k(attnum, ord)
      join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
      where t.relname <> 'schema_migrations'
      group by t.relname, ix.indexrelid, ix.indisprimary, ix.indisunique, ix.indpred`);
    // Partial indexes, which schema.prisma cannot describe: each is named here with its migration, and no other
    // may exist.
    const partial = r.rows.filter((row) => row.partial).map((row) => row.name as string);
    expect(partial.sort()).toEqual(PARTIAL_INDEXES);
    const key = (t: string, kind: string, cols: string[]) => `${t}:${kind}:${cols.join(",")}`;
    const actual = r.rows
      .filter((row) => !row.partial)
      .map((row) => key(row.table, row.primary ? "id" : row.unique ? "unique" : "normal", row.cols))
      .sort();
    const expected = dmmf.indexes
      .map((ix) => {
        const m = dmmf.models.find((x) => x.name === ix.model)!;
        return key(
          table(m),
          ix.type,
          ix.fields.map((f) => column(m, f.name)),
        );
      })
      .sort();
    expect(actual).toEqual(expected);
  });

  it("has every relation as a foreign key with the same columns, target and delete rule", async () => {
    const r = await client.query(`
      select c.conrelid::regclass::text as table, c.confrelid::regclass::text as target, c.confdeltype as del,
             array(select attname::text from unnest(c.conkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by o) as cols
      from pg_constraint c where c.contype = 'f'`);
    const rule: Record<string, string> = { r: "Restrict", c: "Cascade", n: "SetNull", a: "NoAction", d: "SetDefault" };
    const actual = r.rows
      .map(
        (row) =>
          `${row.table.replace(/"/g, "")}(${row.cols.join(",")})->${row.target.replace(/"/g, "")}:${rule[row.del]}`,
      )
      .sort();
    const expected = dmmf.models
      .flatMap((m) =>
        m.fields
          .filter((f) => f.kind === "object" && f.relationFromFields?.length)
          .map((f) => {
            const target = dmmf.models.find((x) => x.name === f.type)!;
            return `${table(m)}(${f.relationFromFields!.map((n) => column(m, n)).join(",")})->${table(target)}:${f.relationOnDelete ?? "Restrict"}`;
          }),
      )
      .sort();
    expect(actual).toEqual(expected);
  });
});
