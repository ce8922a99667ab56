import { randomBytes } from "node:crypto";
import type {
  ArrivedPost,
  CitizenKind,
  Arrivals,
  EmulatedPlatform,
  EmulatorConfig,
  Fault,
  OauthClient,
  TokenAction,
  WebhookTargets,
} from "@/emulator/control-schema";
import type { LocalApp } from "@/emulator/media-fetch";

// Everything the emulator remembers, in memory: what arrived, faults waiting to fire, token
// validity, limit windows and a clock offset for engagement growth.

/** A citizen's comment, mention or message on an account (src/emulator/citizens.ts). */
export type CitizenItem = {
  id: string;
  platform: EmulatedPlatform;
  account: string;
  kind: CitizenKind;
  /** The post commented on (or, for a mention, the post that mentions: the citizen's own on X). */
  postId: string | null;
  parentCommentId: string | null;
  text: string;
  author: { id: string; username: string; name: string };
  createdAtMs: number;
  /** LINE: the reply token its webhook event carried (one use, within a minute at LINE). */
  replyToken: string | null;
  /** Instagram mentions: in a comment (the item is the comment, `postId` its media) or in a caption (the item is the
   * media itself); null for everything else. */
  mentionIn?: "comment" | "caption" | null;
};

export type StoredPost = Omit<ArrivedPost, "createdAt"> & { createdAtMs: number; extra: Record<string, string> };

const DEMO_ACCESS = "demo-access-";
const DEMO_REFRESH = "demo-refresh-";

export class EmulatorState {
  /** Every post in arrival order; read it, add through record() so the indexes below stay true. */
  posts: StoredPost[] = [];
  private byId = new Map<string, StoredPost>();
  private byAccount = new Map<string, StoredPost[]>();
  hits = new Map<string, number>();
  faults: Fault[] = [];
  config: EmulatorConfig = {
    limits: true,
    latencyMs: 0,
    processingPolls: 1,
    moderationPolls: 0,
    moderationMs: 0,
    xSpelling: "post",
  };
  clockOffsetMs = 0;
  /** Replaced on reset: platform modules key their own per-run stores (containers, uploads) on it. */
  epoch: object = {};
  private deadAccess = new Set<string>();
  private deadRefresh = new Set<string>();
  private revoked = new Set<string>();
  private tokenOwner = new Map<string, string>();
  private refreshOwner = new Map<string, string>();
  private windows = new Map<string, number[]>();
  /** Calls refused by a full limit window, per window: a client that keeps the limits causes none. */
  private limitRefusals = new Map<string, number>();
  private seq = 0;
  private waiters: { atLeast: number; done: () => void }[] = [];

  /** Apps registered when the emulator started (from the environment); they survive a reset. */
  oauthClients: OauthClient[] = [];
  /** Siar beside the emulator, if it was told (src/emulator/media-fetch.ts); survives a reset too. */
  localApp: LocalApp | null = null;
  /** Where LINE and Meta webhooks go and their secrets (src/emulator/citizens.ts); survives a reset. */
  webhooks: Required<WebhookTargets> = { line: null, meta: null };
  /** Citizens' comments, mentions and messages, oldest first; add through addCitizen() so the index stays true. */
  citizens: CitizenItem[] = [];
  private citizenById = new Map<string, CitizenItem>();
  /** Accounts the emulator has met (a token used, a post made), per platform: the generator's audience. */
  met = new Map<string, { platform: EmulatedPlatform; account: string }>();
  /** Meta: the fields an app subscribed each Page or Instagram account to (`facebook:<page id>`, `instagram:<id>`). */
  webhookSubscriptions = new Map<string, Set<string>>();

  reset(): void {
    const clients = this.oauthClients;
    const localApp = this.localApp;
    const webhooks = this.webhooks;
    Object.assign(this, new EmulatorState());
    this.oauthClients = clients;
    this.localApp = localApp;
    this.webhooks = webhooks;
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  nextId(): string {
    this.seq += 1;
    return `${Date.now()}${String(this.seq).padStart(6, "0")}`;
  }

  hit(key: string): void {
    this.hits.set(key, (this.hits.get(key) ?? 0) + 1);
  }

  record(post: Omit<StoredPost, "createdAtMs" | "extra"> & { extra?: Record<string, string> }): StoredPost {
    const stored = { ...post, extra: post.extra ?? {}, createdAtMs: this.now() };
    this.posts.push(stored);
    this.met.set(`${stored.platform}:${stored.account}`, { platform: stored.platform, account: stored.account });
    this.byId.set(`${stored.platform}:${stored.id}`, stored);
    const key = `${stored.platform}:${stored.account}`;
    const list = this.byAccount.get(key);
    if (list) list.push(stored);
    else this.byAccount.set(key, [stored]);
    if (this.waiters.length > 0) {
      const ready = this.waiters.filter((w) => this.posts.length >= w.atLeast);
      this.waiters = this.waiters.filter((w) => this.posts.length < w.atLeast);
      for (const w of ready) w.done();
    }
    return stored;
  }

  /** Resolves with the number of posts once at least `atLeast` arrived since the last reset, or after `timeoutMs`. */
  waitForPosts(atLeast: number, timeoutMs: number): Promise<number> {
    if (this.posts.length >= atLeast) return Promise.resolve(this.posts.length);
    return new Promise((resolve) => {
      const waiter = {
        atLeast,
        done: () => {
          clearTimeout(timer);
          resolve(this.posts.length);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(this.posts.length);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  addCitizen(item: CitizenItem): void {
    this.citizens.push(item);
    this.citizenById.set(`${item.platform}:${item.id}`, item);
    this.met.set(`${item.platform}:${item.account}`, { platform: item.platform, account: item.account });
  }

  /** A citizen's comment, mention or message by the platform's id (what a reply is made to). */
  findCitizen(platform: EmulatedPlatform, id: string): CitizenItem | undefined {
    return this.citizenById.get(`${platform}:${id}`);
  }

  /** One platform's post by its id (a long-running emulator holds many; no scan). */
  find(platform: EmulatedPlatform, id: string): StoredPost | undefined {
    return this.byId.get(`${platform}:${id}`);
  }

  /** One account's posts on a platform, oldest first. */
  postsOf(platform: EmulatedPlatform, account: string): readonly StoredPost[] {
    return this.byAccount.get(`${platform}:${account}`) ?? [];
  }

  // ---- tokens: any bearer token works unless the control API expired or revoked it ----

  /** The account a token belongs to: issued tokens are remembered, demo tokens carry the id. */
  accountOfToken(platform: EmulatedPlatform, token: string): string {
    const known = this.tokenOwner.get(`${platform}:${token}`);
    if (known) return known;
    // Demo tokens carry the account id; "~n" marks a later one for the same account (a reconnect).
    return token.startsWith(DEMO_ACCESS) ? (token.slice(DEMO_ACCESS.length).split("~")[0] ?? token) : token;
  }

  tokenValid(platform: EmulatedPlatform, token: string): boolean {
    return token.length > 0 && !this.deadAccess.has(`${platform}:${token}`);
  }

  /** Remember that this token was used for the account, so expiring the account reaches it. */
  seen(platform: EmulatedPlatform, account: string, token: string): void {
    this.tokenOwner.set(`${platform}:${token}`, account);
    this.met.set(`${platform}:${account}`, { platform, account });
  }

  applyTokenAction(a: TokenAction): void {
    const owned = [...this.tokenOwner.entries()].filter(([, acc]) => acc === a.account).map(([k]) => k);
    for (const k of [...owned, `${a.platform}:${DEMO_ACCESS}${a.account}`])
      if (k.startsWith(`${a.platform}:`)) this.deadAccess.add(k);
    if (a.action === "revoke") this.revoked.add(`${a.platform}:${a.account}`);
  }

  /** Refresh-token grant: a fresh access token; rotating platforms also retire the used refresh token. */
  refresh(
    platform: EmulatedPlatform,
    refreshToken: string,
    rotate: boolean,
  ): { accessToken: string; refreshToken: string; account: string } | null {
    const key = `${platform}:${refreshToken}`;
    const account =
      this.refreshOwner.get(key) ??
      (refreshToken.startsWith(DEMO_REFRESH) ? refreshToken.slice(DEMO_REFRESH.length) : null);
    if (!account || this.deadRefresh.has(key) || this.revoked.has(`${platform}:${account}`)) return null;
    const accessToken = this.issueAccess(platform, account);
    let next = refreshToken;
    if (rotate) {
      this.deadRefresh.add(key);
      next = `emu-refresh-${account}-${randomBytes(6).toString("hex")}`;
      this.refreshOwner.set(`${platform}:${next}`, account);
    }
    return { accessToken, refreshToken: next, account };
  }

  /** Instagram refreshes a still-valid access token into a new one. */
  exchangeAccess(platform: EmulatedPlatform, token: string): string | null {
    if (!this.tokenValid(platform, token)) return null;
    const account = this.accountOfToken(platform, token);
    if (this.revoked.has(`${platform}:${account}`)) return null;
    return this.issueAccess(platform, account);
  }

  /** Tokens for an account that just authorized an app (the authorization_code grant). */
  issueTokens(platform: EmulatedPlatform, account: string): { accessToken: string; refreshToken: string } {
    this.revoked.delete(`${platform}:${account}`);
    const refreshToken = `emu-refresh-${account}-${randomBytes(6).toString("hex")}`;
    this.refreshOwner.set(`${platform}:${refreshToken}`, account);
    return { accessToken: this.issueAccess(platform, account), refreshToken };
  }

  private issueAccess(platform: EmulatedPlatform, account: string): string {
    const token = `emu-access-${account}-${randomBytes(6).toString("hex")}`;
    this.tokenOwner.set(`${platform}:${token}`, account);
    return token;
  }

  // ---- faults ----

  /** The first waiting fault for this request. `route` names it; unrouted faults strike only the creating call. */
  takeFault(
    platform: EmulatedPlatform,
    account: string,
    kinds: readonly Fault["kind"][],
    at: { route: string; creates: boolean },
  ): Fault | null {
    const i = this.faults.findIndex(
      (f) =>
        f.platform === platform &&
        (!f.account || f.account === account) &&
        kinds.includes(f.kind) &&
        (f.route === undefined ? at.creates : f.route === at.route),
    );
    const f = this.faults[i];
    if (!f) return null;
    f.times -= 1;
    if (f.times <= 0) this.faults.splice(i, 1);
    return f;
  }

  // ---- limits: sliding windows; returns ms until a slot frees, or 0 when the call may proceed ----

  consume(key: string, limit: number, windowMs: number): number {
    if (!this.config.limits) return 0;
    const now = Date.now();
    const list = (this.windows.get(key) ?? []).filter((t) => t > now - windowMs);
    if (list.length >= limit) {
      this.windows.set(key, list);
      this.limitRefusals.set(key, (this.limitRefusals.get(key) ?? 0) + 1);
      return (list[0] ?? now) + windowMs - now;
    }
    list.push(now);
    this.windows.set(key, list);
    return 0;
  }

  arrivals(filter: { platform?: string; account?: string }): Arrivals {
    const posts = this.posts.filter(
      (p) => (!filter.platform || p.platform === filter.platform) && (!filter.account || p.account === filter.account),
    );
    const counts = new Map<string, Arrivals["counts"][number]>();
    for (const p of posts) {
      const k = JSON.stringify([p.platform, p.account, p.text]);
      const c = counts.get(k) ?? { platform: p.platform, account: p.account, text: p.text, count: 0 };
      c.count += 1;
      counts.set(k, c);
    }
    return {
      posts: posts.map(({ createdAtMs, extra: _extra, ...p }) => ({
        ...p,
        createdAt: new Date(createdAtMs).toISOString(),
      })),
      counts: [...counts.values()],
      hits: Object.fromEntries(this.hits),
      limitRefusals: Object.fromEntries(this.limitRefusals),
    };
  }
}
