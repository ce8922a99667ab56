"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import type { ActionResult } from "@/lib/action-result";

export type FormState =
  | { status: "idle" | "ok"; message?: undefined; fieldErrors: Record<string, string> }
  | { status: "error"; message: string; fieldErrors: Record<string, string> };

/**
 * Submits a form to a server action as a plain object built from what the DOM holds at submit time,
 * keeps the typed values on failure (React resets forms after function actions, so we use onSubmit)
 * and shows the server's translated field errors.
 */
export function useActionForm<T>(
  action: (input: unknown) => Promise<ActionResult<T>>,
  toInput: (form: FormData) => unknown,
  onSuccess?: (data: T, form: HTMLFormElement) => void,
) {
  const router = useRouter();
  const [state, setState] = useState<FormState>({ status: "idle", fieldErrors: {} });
  const [pending, start] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = toInput(new FormData(form));
    start(async () => {
      const result = await action(input);
      if (result.ok) {
        setState({ status: "ok", fieldErrors: {} });
        if (onSuccess) onSuccess(result.data, form);
        router.refresh();
      } else {
        setState({ status: "error", message: result.message, fieldErrors: result.fieldErrors });
      }
    });
  }

  return { state, pending, onSubmit, error: (field: string) => state.fieldErrors[field] };
}

export const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : undefined;
};
export const checked = (form: FormData, name: string) => form.get(name) === "on";
