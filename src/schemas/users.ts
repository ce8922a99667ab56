import { z } from "zod";
import { id, page, searchText, text } from "@/schemas/shared";

export const roles = ["ADMIN", "SUPERVISOR", "LEADERSHIP", "SUPERADMIN", "RESPONDER"] as const;

const password = text().min(12, "passwordTooShort").max(128);
const role = z.enum(roles, "roleUnknown");
// The forms start with no unit and no role chosen (docs/decisions/0010-the-desk-on-phones.md).
const chosenRole = text().min(1, "roleRequired").pipe(role);
const chosenUnit = z.uuid("unitRequired");

export const createUserSchema = z.object({
  email: text().trim().toLowerCase().max(254).pipe(z.email("invalidEmail")),
  name: text().trim().min(1, "userNameRequired").max(160),
  password,
  // A user without a membership sees nothing, so the first one is given with the account.
  unitId: chosenUnit,
  role: chosenRole,
});

export const setUserDisabledSchema = z.object({ id, disabled: z.boolean() });
export const resetPasswordSchema = z.object({ id, password });
export const addMembershipSchema = z.object({ userId: id, unitId: chosenUnit, role: chosenRole });
export const removeMembershipSchema = z.object({ id });

export const userListQuerySchema = z.object({ q: searchText.catch(undefined), page });
