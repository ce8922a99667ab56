import { readdirSync, readFileSync } from "node:fs";

// CPU time of processes from /proc (utime + stime, in clock ticks of 10 ms), for the benchmarks. Unlike latency
// it does not grow with the load of other work on the machine, so CPU per request compares runs and tells the
// throughput: two cores serve at most 2,000 / (CPU ms per request) requests a second.

export const TICK_MS = 10;

export function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0; // a process that ended meanwhile
  }
}

/** The process and all its descendants (next start serves from a child process). */
export function processTree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      /* ended */
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, pp] of parent) if (pp === tree[i]) tree.push(pid);
  return tree;
}

/** The CPU milliseconds a set of processes has used so far. */
export const cpuMs = (pids: readonly number[]) => pids.reduce((s, pid) => s + cpuTicks(pid), 0) * TICK_MS;
