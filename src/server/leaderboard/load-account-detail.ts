import "server-only";
import type { Platform, TargetStatus } from "@/generated/prisma/enums";
import { assertCan, type Actor } from "@/server/auth/actor";
import { db } from "@/server/db";
import { dayToIso } from "@/server/engagement/days";
import { notFound } from "@/server/errors";
import { buildBoard, type BoardRow } from "@/server/leaderboard/build-board";
import { periodOf } from "@/server/leaderboard/load-board";
import { accountPeersOf } from "@/server/leaderboard/load-unit-detail";
import type { Period } from "@/server/leaderboard/period";
import { getWeights, type CurrentWeights } from "@/server/leaderboard/weights";
import type { BoardQuery } from "@/schemas/leaderboard";

export type DailyPoint = {
  day: string;
  published: number;
  failed: number;
  interactions: number;
  views: number;
  followers: number | null;
};
export type AccountPost = {
  targetId: string;
  postId: string;
  text: string;
  status: TargetStatus;
  publishedAt: Date | null;
  scheduledAt: Date | null;
  onTime: boolean;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  clicks: number | null;
  interactions: number;
  readings: number;
  missing: number;
  lastReadAt: Date | null;
  platformUrl: string | null;
};
export type AccountDetail = {
  account: {
    id: string;
    platform: Platform;
    handle: string;
    displayName: string;
    unitId: string;
    unitName: string;
    timeZone: string;
    followerCount: number | null;
  };
  period: Period;
  weights: CurrentWeights;
  row: (BoardRow & { groupSize: number }) | null;
  daily: DailyPoint[];
  posts: AccountPost[];
};

/** One account: its line on its platform's board, its day-by-day history and its posts with their latest numbers. */
export async function loadAccountDetail(
  actor: Actor,
  accountId: string,
  q: BoardQuery,
  now = new Date(),
): Promise<AccountDetail> {
  const account = await db.socialAccount.findUnique({ where: { id: accountId }, include: { unit: true } });
  if (!account) throw notFound();
  assertCan(actor, "leaderboard.read", account.unit);
  const period = periodOf(q, now);
  const weights = await getWeights(account.unit);
  const [board, days, followers, targets] = await Promise.all([
    buildBoard(
      db,
      { peers: accountPeersOf(account.unit), level: "account", period, platform: account.platform },
      weights.weights,
    ),
    db.accountDailyStat.findMany({
      where: { accountId, day: { gte: period.from, lte: period.to } },
      orderBy: { day: "asc" },
    }),
    db.followerSnapshot.findMany({
      where: { accountId, day: { gte: period.from, lte: period.to } },
      orderBy: { day: "asc" },
    }),
    db.targetMetrics.findMany({
      where: { accountId, day: { gte: period.from, lte: period.to } },
      include: {
        target: {
          select: {
            postId: true,
            scheduledAt: true,
            platformUrl: true,
            textOverride: true,
            post: { select: { baseText: true } },
          },
        },
      },
      orderBy: [{ day: "desc" }, { publishedAt: "desc" }],
      take: 200,
    }),
  ]);
  const byDay = new Map(days.map((d) => [d.day, d]));
  const followersByDay = new Map(followers.map((f) => [f.day, f.followers]));
  const daily: DailyPoint[] = [];
  for (let day = period.from; day <= period.to; day++) {
    const d = byDay.get(day);
    daily.push({
      day: dayToIso(day),
      published: d?.postsPublished ?? 0,
      failed: d?.postsFailed ?? 0,
      interactions: Number(d?.interactions ?? 0),
      views: Number(d?.views ?? 0),
      followers: followersByDay.get(day) ?? null,
    });
  }
  const row = board.find((r) => r.key === account.id);
  return {
    account: {
      id: account.id,
      platform: account.platform,
      handle: account.handle,
      displayName: account.displayName,
      unitId: account.unitId,
      unitName: account.unit.name,
      timeZone: account.unit.timeZone,
      followerCount: account.followerCount,
    },
    period,
    weights,
    daily,
    row: row ? { ...row, groupSize: board.length } : null,
    posts: targets.map((m) => ({
      targetId: m.targetId,
      postId: m.target.postId,
      text: m.target.textOverride ?? m.target.post.baseText,
      status: m.outcome,
      publishedAt: m.publishedAt,
      scheduledAt: m.target.scheduledAt,
      onTime: m.onTime,
      views: m.views,
      likes: m.likes,
      comments: m.comments,
      shares: m.shares,
      saves: m.saves,
      clicks: m.clicks,
      interactions: m.interactions,
      readings: m.readings,
      missing: m.missing,
      lastReadAt: m.lastReadAt,
      platformUrl: m.target.platformUrl,
    })),
  };
}
