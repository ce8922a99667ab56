import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SHELL_NAMESPACES } from "@/i18n/client-messages";

// Each page hands the browser only the message namespaces its client components use (src/i18n/client-messages.tsx).
// This follows the imports of every page and layout under src/app, collects the namespaces of every file in them
// that calls useTranslations, and checks each is handed over: the shell's, or the page's own
// <ClientMessages namespaces={[…]}> (or that of a layout above it). A missing one would show raw keys in the browser.

const root = path.resolve(import.meta.dirname, "../..");
type Read = (file: string) => string | undefined;
const readDisk: Read = (file) =>
  existsSync(path.join(root, file)) ? readFileSync(path.join(root, file), "utf8") : undefined;

function resolveImport(from: string, spec: string, read: Read): string | undefined {
  let base: string;
  if (spec.startsWith("@/")) base = path.posix.join("src", spec.slice(2));
  else if (spec.startsWith(".")) base = path.posix.join(path.posix.dirname(from), spec);
  else return undefined; // a package
  for (const c of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`])
    if (/\.tsx?$/.test(c) && read(c) !== undefined) return c;
  return undefined;
}

function importsOf(file: string, source: string, read: Read): string[] {
  const specs = [
    ...source.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^;]*?from\s+["']([^"']+)["']/gms),
    ...source.matchAll(/^\s*import\s+["']([^"']+)["']/gm),
    ...source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]!);
  return specs.map((s) => resolveImport(file, s, read)).filter((f): f is string => f !== undefined);
}

/** The namespaces a file's useTranslations calls read; "*" for a call without a literal namespace. */
function namespacesOf(source: string): string[] {
  const found = [...source.matchAll(/\buse(Translations|Messages)\(([^)]*)\)/g)].map(([, hook, arg]) => {
    const literal = /^\s*["']([^"']+)["']\s*$/.exec(arg!);
    return hook === "Translations" && literal ? literal[1]!.split(".")[0]! : "*";
  });
  return [...new Set(found)];
}

function declaredIn(source: string): string[] {
  return [...source.matchAll(/<ClientMessages\s+namespaces=\{\[([^\]]*)\]\}/g)].flatMap(([, list]) =>
    [...list!.matchAll(/["']([^"']+)["']/g)].map((m) => m[1]!),
  );
}

/** Every missing namespace: "page → component uses ns". */
function missingNamespaces(entries: string[], read: Read): string[] {
  const problems: string[] = [];
  for (const entry of entries) {
    const handed = new Set<string>([...SHELL_NAMESPACES, ...declaredIn(read(entry)!)]);
    // Layouts above the page (same folder and up to src/app) hand over theirs to everything below them.
    for (let dir = path.posix.dirname(entry); dir.startsWith("src/app"); dir = path.posix.dirname(dir)) {
      const layout = read(`${dir}/layout.tsx`);
      if (layout && `${dir}/layout.tsx` !== entry) for (const ns of declaredIn(layout)) handed.add(ns);
    }
    const seen = new Set([entry]);
    const queue = [entry];
    while (queue.length) {
      const file = queue.pop()!;
      const source = read(file)!;
      for (const ns of namespacesOf(source))
        if (!handed.has(ns))
          problems.push(
            ns === "*"
              ? `${entry} → ${file} calls useTranslations without a literal namespace (or useMessages)`
              : `${entry} → ${file} uses "${ns}"`,
          );
      for (const next of importsOf(file, source, read)) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return problems;
}

function entries(dir = "src/app"): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? entries(`${dir}/${d.name}`)
      : /^(page|layout|template|error|not-found|loading|default|global-error)\.tsx$/.test(d.name)
        ? [`${dir}/${d.name}`]
        : [],
  );
}

describe("the messages each page hands to the browser", () => {
  it("include every namespace its client components use", () => {
    expect(missingNamespaces(entries(), readDisk)).toEqual([]);
  });

  it("would be caught missing: the dashboard without its chart's namespace", () => {
    const page = "src/app/(app)/dashboard/page.tsx";
    const layout = "src/app/(app)/dashboard/layout.tsx";
    expect(declaredIn(readDisk(layout)!)).toContain("dashboard");
    const stripped: Read = (file) =>
      file === layout ? readDisk(file)!.replace(/"dashboard",?\s*/, "") : readDisk(file);
    expect(missingNamespaces([page], stripped)).toEqual([
      `${page} → src/components/dashboard/platform-chart.tsx uses "dashboard"`,
    ]);
  });

  it("would be caught: a client component without a literal namespace", () => {
    const read: Read = (file) =>
      file === "src/app/probe/page.tsx"
        ? 'import { X } from "@/components/probe";\nexport default X;\n'
        : file === "src/components/probe.tsx"
          ? '"use client";\nimport { useTranslations } from "next-intl";\nexport function X() { const t = useTranslations(); return t("a.b"); }\n'
          : readDisk(file);
    expect(missingNamespaces(["src/app/probe/page.tsx"], read)).toHaveLength(1);
  });

  it("hand the shell's namespaces from the root layout", () => {
    expect(readDisk("src/app/layout.tsx")).toMatch(/pickMessages\(messages, SHELL_NAMESPACES\)/);
  });
});
