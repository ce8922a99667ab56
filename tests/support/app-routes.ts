import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// The app's route handlers and server actions, read from src/app, so that the request-policy and fuzz
// tests cover a new route or action without being edited (decision 0009).

const app = path.resolve(import.meta.dirname, "../../src/app");

function filesNamed(dir: string, name: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesNamed(path.join(dir, e.name), name) : e.name === name ? [path.join(dir, e.name)] : [],
  );
}

/** The URL path of a folder under src/app, with each dynamic segment filled by `fill(name)`. */
function urlOf(dir: string, fill: (segment: string) => string): string {
  const segments = path
    .relative(app, dir)
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => (s.startsWith("[") ? fill(s.replace(/^\[+(\.\.\.)?|\]+$/g, "")) : s));
  return `/${segments.join("/")}`;
}

export type AppRoute = { method: string; path: string; file: string };

/** Every state-changing method of every route handler; dynamic segments filled by `fill`. */
export function stateChangingRoutes(fill: (segment: string) => string): AppRoute[] {
  return filesNamed(app, "route.ts").flatMap((file) => {
    const source = readFileSync(file, "utf8");
    const methods = ["POST", "PUT", "PATCH", "DELETE"].filter((m) =>
      new RegExp(`export (async )?function ${m}\\b|as ${m}\\b`).test(source),
    );
    return methods.map((method) => ({ method, path: urlOf(path.dirname(file), fill), file: path.relative(app, file) }));
  });
}

/** Every server action: its module (relative to src/app) and exported name. */
export function serverActions(): { module: string; name: string }[] {
  return filesNamed(app, "actions.ts")
    .concat(filesNamed(app, "locale-actions.ts"))
    .flatMap((file) => {
      const source = readFileSync(file, "utf8");
      if (!/^["']use server["'];?/m.test(source)) return [];
      return [...source.matchAll(/export async function (\w+)/g)].map((m) => ({
        module: path.relative(app, file),
        name: m[1]!,
      }));
    });
}

/** Every page, as a URL path with its dynamic segments filled by `fill`. */
export function pages(fill: (segment: string) => string): string[] {
  return filesNamed(app, "page.tsx").map((file) => urlOf(path.dirname(file), fill));
}

/** Every GET route handler, as a URL path with its dynamic segments filled by `fill`. */
export function readRoutes(fill: (segment: string) => string): string[] {
  return filesNamed(app, "route.ts")
    .filter((file) => /export (async )?function GET\b|as GET\b/.test(readFileSync(file, "utf8")))
    .map((file) => urlOf(path.dirname(file), fill));
}

/** The URL path of a build worker's page ("app/(app)/posts/[id]/page"), dynamic segments filled by `fill`. */
export function pageOfWorker(worker: string, fill: (segment: string) => string): string {
  return urlOf(path.join(app, worker.replace(/^app\//, "").replace(/\/page$/, "")), fill);
}
