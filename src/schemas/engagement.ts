// The readings of one published target, as the post page's chart shows them.
export type MetricPoint = {
  at: string;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  clicks: number | null;
  missing: boolean;
};
export type MetricHistory = { targetId: string; platform: string; publishedAt: string | null; points: MetricPoint[] };
