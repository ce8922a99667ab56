"use client";

import { signIn } from "next-auth/react";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

export function LoginForm() {
  const t = useTranslations("auth");
  const format = useFormatter();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  // The reasons verify-sign-in.ts and the per-address limit give (decision 0009): the same for every email.
  function describe(error: string | null): string {
    const [reason, detail] = (error ?? "").split(/:(.*)/s);
    if (reason === "LOCKED" && detail) {
      const at = new Date(detail);
      if (!Number.isNaN(at.getTime())) return t("lockedUntil", { time: format.dateTime(at, { timeStyle: "short" }) });
      return t("locked");
    }
    if (reason === "LOCKED") return t("locked");
    if (reason === "RATE_LIMITED")
      return t("rateLimited", { minutes: Math.max(1, Math.ceil(Number(detail) / 60) || 1) });
    return t("invalid");
  }

  // onSubmit rather than a form action: React resets a form after its action runs, and a person
  // who mistyped the password should not have to type the email again.
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    start(async () => {
      const result = await signIn("credentials", {
        email: field(form, "email"),
        password: field(form, "password"),
        redirect: false,
      });
      if (result?.ok && !result.error) {
        router.replace("/");
        router.refresh();
        return;
      }
      setError(describe(result?.error ?? null));
    });
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <label className="block text-sm">
        <span className="font-medium text-slate-700">{t("email")}</span>
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100"
        />
      </label>
      <label className="block text-sm">
        <span className="font-medium text-slate-700">{t("password")}</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100"
        />
      </label>
      {error && (
        <p role="alert" data-testid="login-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? t("signingIn") : t("signIn")}
      </button>
    </form>
  );
}

/** A text field of the form; a file input would give a File, which this form has none of. */
function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
