"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";

type DialogProps = {
  open: boolean;
  title: string;
  /** What the action touches, in numbers ("Menjeda 37 unggahan terjadwal di 12 unit"). */
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  /** The confirm button's look: "danger" for what is hard to undo, "primary" for a go-ahead (approving). */
  variant?: "danger" | "primary";
};

/**
 * Asks before an action that is hard to undo (docs/decisions/0010-the-desk-on-phones.md). A native modal
 * <dialog>: focus moves into it (to "Batal", the safe choice, which comes first), stays there, and
 * Escape closes it without acting.
 */
export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  onConfirm,
  onClose,
  variant = "danger",
}: DialogProps) {
  const t = useTranslations("common");
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-message`}
      data-testid="confirm-dialog"
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-slate-200 p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      <p id={`${id}-message`} className="mt-2 text-sm text-slate-700">
        {message}
      </p>
      <div className="mt-5 flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          {t("cancel")}
        </Button>
        <Button variant={variant} onClick={onConfirm} data-testid="confirm-yes">
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}

/**
 * Makes a form ask first: the first submit opens the dialog, "confirm" submits the form again for real
 * (so the form's own handler reads the fields as they are then).
 */
export function useConfirmedSubmit(onSubmit: (event: FormEvent<HTMLFormElement>) => void) {
  const [asking, setAsking] = useState<HTMLFormElement | null>(null);
  const confirmed = useRef(false);
  return {
    onSubmit: (event: FormEvent<HTMLFormElement>) => {
      if (confirmed.current) {
        confirmed.current = false;
        onSubmit(event);
        return;
      }
      event.preventDefault();
      setAsking(event.currentTarget);
    },
    asking: asking !== null,
    dialog: {
      open: asking !== null,
      onClose: () => setAsking(null),
      onConfirm: () => {
        const form = asking;
        setAsking(null);
        confirmed.current = true;
        form?.requestSubmit();
      },
    },
  };
}
