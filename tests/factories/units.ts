import { randomUUID } from "node:crypto";
import type { Unit } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";

export type UnitInput = {
  name: string;
  code?: string;
  kind: string;
  timeZone?: "Asia/Jakarta" | "Asia/Makassar" | "Asia/Jayapura";
  parent?: Pick<Unit, "id" | "path" | "depth" | "timeZone"> | null;
};

let counter = 0;
export function uniqueCode(prefix = "U"): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 5)}`
    .toUpperCase()
    .slice(0, 32);
}

export function unitData(input: UnitInput) {
  const id = randomUUID();
  const parent = input.parent ?? null;
  return {
    id,
    name: input.name,
    code: input.code ?? uniqueCode(),
    kind: input.kind,
    timeZone: input.timeZone ?? parent?.timeZone ?? "Asia/Jakarta",
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? "/"}${id}/`,
    depth: parent ? parent.depth + 1 : 0,
  };
}

export function createUnit(db: Tx, input: UnitInput): Promise<Unit> {
  return db.unit.create({ data: unitData(input) });
}
