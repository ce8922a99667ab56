import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ACTOR_FILTER_ALL_MAX, listAudit } from "@/server/audit/list-audit";
import { loadActor, type Actor } from "@/server/auth/guards";
import { db } from "@/server/db";
import { listUnitFilterOptions, UNIT_FILTER_ALL_MAX } from "@/server/units/list-unit-options";
import { createUnit, unitData } from "../../factories/units";
import { createUser } from "../../factories/users";

// The unit and person filters of the post list, the calendar and the audit log at national size (issue 17,
// decision 0012): a tree of ~2,000 units and 2,500 people was sent whole as two selects with every page.
// Above a bound the filters list a path through the tree, so their size depends on one unit's children.

const POLDA = 4;
const POLRES = 8; // per Polda
const POLSEK = 9; // per Polres: 1 + 4 + 32 + 288 = 325 units, over UNIT_FILTER_ALL_MAX
let root: Awaited<ReturnType<typeof createUnit>>;
let national: Actor;
let poldaAdmin: Actor;
let polda: ReturnType<typeof unitData>[];
let polres: ReturnType<typeof unitData>[];

beforeAll(async () => {
  root = await createUnit(db, { name: "Mabes Uji Saringan", kind: "Mabes" });
  polda = Array.from({ length: POLDA }, (_, i) =>
    unitData({ name: `Polda Saringan ${i}`, kind: "Polda", parent: root }),
  );
  polres = polda.flatMap((p, i) =>
    Array.from({ length: POLRES }, (_, j) =>
      unitData({ name: `Polres Saringan ${i}-${j}`, kind: "Polres", parent: p }),
    ),
  );
  const polsek = polres.flatMap((p, i) =>
    Array.from({ length: POLSEK }, (_, j) =>
      unitData({ name: `Polsek Saringan ${i}-${j}`, kind: "Polsek", parent: p }),
    ),
  );
  await db.unit.createMany({ data: [...polda, ...polres, ...polsek] });
  const kadiv = await createUser(db, { memberships: [{ unitId: root.id, role: "LEADERSHIP" }] });
  const admin = await createUser(db, { memberships: [{ unitId: polda[0]!.id, role: "ADMIN" }] });
  national = (await loadActor(kadiv.id))!;
  poldaAdmin = (await loadActor(admin.id))!;
});

const names = (units: { name: string; level: number }[]) => units.map((u) => `${"-".repeat(u.level)}${u.name}`);

describe("the unit filter of a large tree", () => {
  it("lists the top unit and the level below it when no unit is chosen", async () => {
    const { units, partial } = await listUnitFilterOptions(national, "post.read");
    expect(partial).toBe(true);
    expect(names(units)).toEqual(["Mabes Uji Saringan", ...polda.map((p, i) => `-Polda Saringan ${i}`)]);
  });

  it("lists the chosen Polres's line from the top and its Polsek, and nothing of the other Polres", async () => {
    const chosen = polres[POLRES + 2]!; // the third Polres of the second Polda
    const { units, partial } = await listUnitFilterOptions(national, "post.read", chosen.id);
    expect(partial).toBe(true);
    expect(names(units)).toEqual([
      "Mabes Uji Saringan",
      "-Polda Saringan 1",
      "--Polres Saringan 1-2",
      ...Array.from({ length: POLSEK }, (_, j) => `---Polsek Saringan ${POLRES + 2}-${j}`),
    ]);
    expect(units.length).toBeLessThan(UNIT_FILTER_ALL_MAX / 10);
  });

  it("does not show a unit outside the reader's tree, even when its id is asked for", async () => {
    const other = polres[POLRES]!; // a Polres of the second Polda, outside the first Polda's admin's tree
    const { units } = await listUnitFilterOptions(poldaAdmin, "post.read", other.id);
    expect(units.map((u) => u.id)).not.toContain(other.id);
    expect(units.every((u) => u.path.startsWith(polda[0]!.path))).toBe(true);
  });

  it("lists a tree of at most the bound whole, as before", async () => {
    // The first Polda's admin sees 1 + 8 + 72 = 81 units: every one of them.
    const { units, partial } = await listUnitFilterOptions(poldaAdmin, "post.read", polres[0]!.id);
    expect(partial).toBe(false);
    expect(units).toHaveLength(1 + POLRES + POLRES * POLSEK);
  });
});

describe("the person filter of a large audit log", () => {
  it("lists the people of the chosen unit, not everyone, once the tree has more than the bound", async () => {
    const password = (await db.user.findUniqueOrThrow({ where: { id: national.id } })).passwordHash;
    const people = Array.from({ length: ACTOR_FILTER_ALL_MAX + 1 }, (_, i) => ({
      id: randomUUID(),
      email: `saringan-${i}-${randomUUID().slice(0, 6)}@siar.test`,
      name: `Operator Saringan ${i}`,
      passwordHash: password,
    }));
    await db.user.createMany({ data: people });
    await db.membership.createMany({
      data: people.map((p, i) => ({
        id: randomUUID(),
        userId: p.id,
        unitId: polres[i % polres.length]!.id,
        role: "ADMIN" as const,
      })),
    });
    const all = await listAudit(national, {});
    expect(all.actorsPartial).toBe(true);
    // With no unit chosen: the people of the reader's own unit (the Kadiv alone here).
    expect(all.actors.map((a) => a.id)).toEqual([national.id]);
    const chosen = polres[3]!;
    const ofPolres = await listAudit(national, { unitId: chosen.id, actorId: people[0]!.id });
    const expected = people.filter((_, i) => i % polres.length === 3).map((p) => p.id);
    // The chosen unit's people, and the person chosen in the filter (a member of another Polres).
    expect(ofPolres.actors.map((a) => a.id).sort()).toEqual([...expected, people[0]!.id].sort());
  });
});
