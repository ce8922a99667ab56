import "server-only";
import type { Adapters } from "@/platforms/registry";
import type { FetchMetrics } from "@/server/engagement/collect-metrics";

/**
 * The collector's `fetchMetrics` on top of the publishing engine's platform adapters, which speak each
 * platform's metrics endpoint (and, in development and tests, the emulator's). The adapters' answer has
 * the shape the collector expects; a post left out of it is recorded as a missing reading.
 */
export function fetchMetricsWith(adapters: Adapters): FetchMetrics {
  return (req) =>
    adapters[req.platform].fetchMetrics({
      account: req.account,
      credentials: req.credentials,
      platformPostIds: req.platformPostIds,
    });
}
