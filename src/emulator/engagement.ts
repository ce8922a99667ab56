import { createHash } from "node:crypto";

// Engagement that grows with time since posting: a deterministic function of the elapsed time and
// the post id, so repeated polls see numbers rise and tests can predict them (advance the clock).

export type Engagement = {
  views: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  clicks: number;
};

function seed(id: string): number {
  return createHash("sha256").update(id).digest().readUInt32BE(0) / 0xffffffff;
}

export function engagementAt(id: string, createdAtMs: number, nowMs: number): Engagement {
  const minutes = Math.max(0, (nowMs - createdAtMs) / 60_000);
  const s = seed(id);
  // Fast growth in the first hours, flattening after a day or two, like real posts.
  const views = Math.floor((40 + s * 160) * Math.log1p(minutes) * (1 + s));
  return {
    views,
    likes: Math.floor(views * (0.03 + s * 0.04)),
    comments: Math.floor(views * (0.004 + s * 0.006)),
    shares: Math.floor(views * (0.002 + s * 0.004)),
    saves: Math.floor(views * (0.003 + s * 0.005)),
    clicks: Math.floor(views * (0.01 + s * 0.02)),
  };
}
