import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { LoginForm } from "@/components/auth/login-form";
import { currentActor } from "@/server/auth/guards";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("signInTitle") };
}

export default async function LoginPage() {
  if (await currentActor()) redirect("/");
  const t = await getTranslations();
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-brand-900 to-brand-600 p-6">
      <div className="w-full max-w-sm rounded-2xl bg-white p-8 shadow-xl">
        <div className="mb-6 flex items-start justify-between">
          <div>
            <p className="text-2xl font-bold text-brand-900">Siar</p>
            <p className="text-sm text-slate-600">{t("app.tagline")}</p>
          </div>
          <LocaleSwitch />
        </div>
        <h1 className="mb-4 text-lg font-semibold">{t("auth.signInTitle")}</h1>
        <LoginForm />
        <p className="mt-6 text-xs text-slate-600">{t("auth.officialOnly")}</p>
      </div>
    </main>
  );
}
