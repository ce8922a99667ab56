import type { AbstractIntlMessages } from "next-intl";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";

// The message catalogue handed to the browser. Server components translate on the server and need none of
// it; only client components (useTranslations in a "use client" file) read messages in the browser. The whole
// catalogue (~77 KB) was serialised into every page's payload, most of a signed-in page's React payload, so
// each page hands over only the namespaces its client components use: the shell's below (root layout) and,
// around a page's output, the page's own with <ClientMessages namespaces={[…]}>.
// tests/unit/client-messages.test.ts follows every page's imports and fails when a client component it
// renders uses a namespace the page does not hand over (a missing namespace would show raw keys).

/** Used by the shell (menu, sign-out, language switch), the sign-in form and shared UI (icons, dialogs). */
export const SHELL_NAMESPACES = ["nav", "auth", "common", "platforms"] as const;

export function pickMessages(messages: AbstractIntlMessages, namespaces: readonly string[]): AbstractIntlMessages {
  const picked: AbstractIntlMessages = {};
  for (const ns of namespaces) if (messages[ns] !== undefined) picked[ns] = messages[ns];
  return picked;
}

/** Hands the client components inside it the shell's namespaces and these (a nested provider replaces, not merges). */
export async function ClientMessages({ namespaces, children }: { namespaces: string[]; children: React.ReactNode }) {
  const messages = await getMessages();
  return (
    <NextIntlClientProvider messages={pickMessages(messages, [...SHELL_NAMESPACES, ...namespaces])}>
      {children}
    </NextIntlClientProvider>
  );
}
