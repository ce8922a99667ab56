import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { VerificationState } from "@/schemas/verification";

const tone = { PENDING: "amber", VERIFIED: "green", REJECTED: "red" } as const;

/** HQ's verification of an account as official (not the platform's own badge). */
export async function VerificationBadge({ state }: { state: VerificationState }) {
  const t = await getTranslations("verification");
  return (
    <span data-testid="verification-badge" data-state={state}>
      <Badge tone={tone[state]}>{t(state)}</Badge>
    </span>
  );
}
