import type { FormState } from "@/components/ui/use-action-form";

/** The summary above a form: what went wrong as a whole and which fields need attention, or that it worked. */
export function FormStatus({ state, success }: { state: FormState; success?: string }) {
  if (state.status === "ok" && success) {
    return (
      <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
        {success}
      </p>
    );
  }
  if (state.status !== "error") return null;
  const fields = Object.entries(state.fieldErrors).filter(([f]) => f !== "_form");
  return (
    <div
      role="alert"
      className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
      data-testid="form-error"
    >
      <p className="font-semibold">{state.message}</p>
      {state.fieldErrors._form && state.fieldErrors._form !== state.message && <p>{state.fieldErrors._form}</p>}
      {fields.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {fields.map(([field, message]) => (
            <li key={field}>
              <a href={`#f-${field}`} className="underline">
                {message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
