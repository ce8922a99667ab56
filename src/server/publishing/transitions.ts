import "server-only";

// The transitions live with the other status sets in src/lib/post-lifecycle.ts (the pages need them too).
export { allowedTransitions, canTransition, sourcesOf } from "@/lib/post-lifecycle";
