import { z } from "zod";
import { optionalId, page, text } from "@/schemas/shared";

export const auditEntityTypes = [
  "Unit",
  "SocialAccount",
  "User",
  "Membership",
  "Post",
  "PostTarget",
  "PublishingPause",
  "Settings",
  "Interaction",
  "Disposition",
] as const;

export const auditQuerySchema = z.object({
  unitId: optionalId.catch(undefined),
  actorId: optionalId.catch(undefined),
  entityType: z.enum(auditEntityTypes).optional().catch(undefined),
  entityId: text()
    .trim()
    .max(64)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  page,
});
