// Status colours shared by badges and calendar chips.
export const statusColours: Record<string, string> = {
  DRAFT: "bg-slate-100 text-slate-700",
  PENDING_APPROVAL: "bg-amber-100 text-amber-800",
  CHANGES_REQUESTED: "bg-orange-100 text-orange-800",
  SCHEDULED: "bg-blue-100 text-blue-800",
  BEING_SCHEDULED: "bg-sky-100 text-sky-800",
  PUBLISHING: "bg-indigo-100 text-indigo-800",
  PUBLISHED: "bg-emerald-100 text-emerald-800",
  FAILED: "bg-red-100 text-red-800",
  UNCONFIRMED: "bg-fuchsia-100 text-fuchsia-800",
  CANCELLED: "bg-slate-200 text-slate-600 line-through",
  PAUSED: "bg-yellow-200 text-yellow-900",
};
