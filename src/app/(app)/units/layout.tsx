import { ClientMessages } from "@/i18n/client-messages";

// The message namespaces the client components of these pages use (src/i18n/client-messages.tsx).
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["units", "zones", "imports"]}>{children}</ClientMessages>;
}
