import type { ButtonHTMLAttributes } from "react";

export type Variant = "primary" | "secondary" | "danger" | "ghost";

const variants: Record<Variant, string> = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:opacity-60",
  secondary: "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50 disabled:opacity-60",
  danger: "border border-red-200 bg-white text-red-700 hover:bg-red-50 disabled:opacity-60",
  ghost: "text-brand-700 hover:bg-brand-50 disabled:opacity-60",
};

/** Shared by <button>s and links that look like buttons. */
export function buttonClass(variant: Variant = "primary", size: "sm" | "md" = "md"): string {
  const pad = size === "sm" ? "px-2.5 py-1 text-xs" : "px-4 py-2 text-sm";
  return `inline-flex items-center justify-center gap-1 rounded-md font-semibold focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-1 ${pad} ${variants[variant]}`;
}

export function Button({
  variant = "primary",
  size = "md",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; size?: "sm" | "md" }) {
  return <button type="button" {...props} className={`${buttonClass(variant, size)} ${className}`} />;
}
