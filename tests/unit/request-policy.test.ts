import { describe, expect, it } from "vitest";
import { bodyTypeExemptions, checkRequest, SERVER_ACTION_BODY_LIMIT } from "@/server/http/request-policy";
import { contentSecurityPolicy } from "@/server/http/security-headers";
import { config } from "@/proxy";
import { stateChangingRoutes } from "../support/app-routes";

// The request policy of src/proxy.ts (decision 0009), on every state-changing route handler the app has:
// the list is read from src/app, so a new route is covered without editing this test.

const own = "127.0.0.1:3000";
const attacker = "http://127.0.0.1:4000"; // another port of the same host is another origin
const routes = stateChangingRoutes(() => "00000000-0000-4000-8000-000000000000");

function request(method: string, pathname: string, headers: Record<string, string>) {
  return { method, url: `http://${own}${pathname}`, headers: new Headers({ host: own, ...headers }) };
}

describe("request policy", () => {
  it("finds the state-changing routes (the list is not empty by accident)", () => {
    expect(routes.length).toBeGreaterThanOrEqual(8);
    expect(routes).toContainEqual(
      expect.objectContaining({ method: "POST", path: "/api/posts/00000000-0000-4000-8000-000000000000/approve" }),
    );
  });

  for (const route of routes) {
    it(`refuses a cross-origin text/plain ${route.method} ${route.path} with 403`, () => {
      const refusal = checkRequest(
        request(route.method, route.path, { origin: attacker, "content-type": "text/plain", "content-length": "20" }),
      );
      expect(refusal).toMatchObject({ status: 403, key: "crossOrigin" });
    });

    it(`refuses a same-origin text/plain ${route.method} ${route.path} with 415`, () => {
      const refusal = checkRequest(
        request(route.method, route.path, {
          origin: `http://${own}`,
          "content-type": "text/plain",
          "content-length": "20",
        }),
      );
      expect(refusal).toMatchObject({ status: 415 });
    });

    const exemption = bodyTypeExemptions.find((e) => e.path.test(route.path));
    const type = exemption?.type ?? "application/json";
    it(`lets a same-origin ${type} ${route.method} ${route.path} through`, () => {
      expect(
        checkRequest(
          request(route.method, route.path, { origin: `http://${own}`, "content-type": `${type}; charset=utf-8` }),
        ),
      ).toBeNull();
    });
  }

  // Webhooks (decision 0011) are called server to server: no Origin, no Sec-Fetch-Site, a JSON body, and the
  // route authenticates each delivery by the platform's signature over the raw bytes, which no other site can
  // make. The proxy does not run for them (its matcher leaves /api/webhooks/ out: a platform waits on the
  // acknowledgement, docs/benchmarks/interaksi-warga.md); every other route and page still passes it.
  it("leaves the platforms' webhooks out of the proxy, and only them", () => {
    const [pattern] = config.matcher;
    const runs = (path: string) => new RegExp(`^${pattern}$`).test(path);
    for (const path of ["/api/webhooks/line", "/api/webhooks/meta"]) {
      expect(routes.some((r) => r.method === "POST" && r.path === path)).toBe(true);
      expect(bodyTypeExemptions.some((e) => e.path.test(path))).toBe(false);
      expect(runs(path)).toBe(false);
    }
    for (const route of routes.filter((r) => !r.path.startsWith("/api/webhooks/"))) expect(runs(route.path)).toBe(true);
    for (const path of ["/", "/login", "/pause", "/api/posts", "/api/webhooksx", "/api/webhook/line"])
      expect(runs(path)).toBe(true);
  });

  it("refuses the opaque origin of sandboxed frames and data: URLs, and cross-site fetches without Origin", () => {
    expect(
      checkRequest(request("POST", "/api/posts", { origin: "null", "content-type": "application/json" })),
    ).toMatchObject({ status: 403 });
    expect(
      checkRequest(
        request("POST", "/api/posts", { "sec-fetch-site": "cross-site", "content-type": "application/json" }),
      ),
    ).toMatchObject({ status: 403 });
    expect(
      checkRequest(
        request("POST", "/api/posts", { "sec-fetch-site": "same-origin", "content-type": "application/json" }),
      ),
    ).toBeNull();
  });

  it("answers server actions from another origin 403 and bodies over the limit 413", () => {
    const action = { "next-action": "7f00", "content-type": "text/plain;charset=UTF-8" };
    expect(checkRequest(request("POST", "/pause", { ...action, origin: attacker }))).toMatchObject({ status: 403 });
    expect(
      checkRequest(
        request("POST", "/pause", {
          ...action,
          origin: `http://${own}`,
          "content-length": String(SERVER_ACTION_BODY_LIMIT + 1),
        }),
      ),
    ).toMatchObject({ status: 413 });
    expect(
      checkRequest(request("POST", "/pause", { ...action, origin: `http://${own}`, "content-length": "100" })),
    ).toBeNull();
  });

  it("takes the host a reverse proxy forwards as the app's own", () => {
    const forwarded = { "x-forwarded-host": "siar.humas.example.go.id", "content-type": "application/json" };
    expect(
      checkRequest(request("POST", "/api/posts", { ...forwarded, origin: "https://siar.humas.example.go.id" })),
    ).toBeNull();
    expect(checkRequest(request("POST", "/api/posts", { ...forwarded, origin: `http://${own}` }))).toMatchObject({
      status: 403,
    });
  });

  it("never refuses reads", () => {
    expect(checkRequest(request("GET", "/api/posts", { origin: attacker, "content-type": "text/plain" }))).toBeNull();
  });
});

describe("content security policy", () => {
  it("runs scripts by nonce only, never eval, and is framed by nobody", () => {
    const policy = contentSecurityPolicy("abc123");
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
  });
});
