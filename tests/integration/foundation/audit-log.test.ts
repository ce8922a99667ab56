import { describe, expect, it } from "vitest";
import { writeAudit } from "@/server/audit/write-audit";
import { db } from "@/server/db";
import { createUnit } from "../../factories/units";

describe("audit log", () => {
  it("keeps secrets out of before/after and cannot be edited or deleted afterwards", async () => {
    const unit = await createUnit(db, { name: "Unit Audit", kind: "Polres" });
    await db.$transaction((tx) =>
      writeAudit(tx, {
        actorId: null,
        action: "account.connect",
        entityType: "SocialAccount",
        entityId: unit.id,
        unit,
        after: { handle: "humas", accessTokenEnc: "v1:secret", nested: { refreshToken: "abc" } },
      }),
    );
    const row = await db.auditLog.findFirstOrThrow({ where: { entityId: unit.id } });
    expect(JSON.stringify(row.after)).not.toContain("secret");
    expect(JSON.stringify(row.after)).not.toContain("abc");
    expect(row.unitPath).toBe(unit.path);

    await expect(db.auditLog.update({ where: { id: row.id }, data: { action: "x" } })).rejects.toThrow(/append-only/);
    await expect(db.auditLog.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/);
    expect(await db.auditLog.count({ where: { entityId: unit.id } })).toBe(1);
  });
});
