import { spawn, type ChildProcess } from "node:child_process";

/**
 * Runs Siar's three processes (platform emulator, publishing worker, web app) until a signal;
 * if one of them dies, the others are stopped too, so nothing runs half.
 */
export function runSiar(options: { port: string; host?: string; label: string }): void {
  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = (code = 0) => {
    stopping = true;
    for (const c of children) c.kill("SIGTERM");
    setTimeout(() => process.exit(code), 3_000).unref();
  };
  const run = (name: string, command: string, args: string[]) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"], env: process.env });
    child.on("exit", (code, signal) => {
      if (stopping) return;
      console.error(`[${options.label}] ${name} stopped (${code ?? signal}); stopping the rest.`);
      stop(1);
    });
    children.push(child);
  };
  process.on("SIGINT", () => stop());
  process.on("SIGTERM", () => stop());

  run("emulator", "npm", ["run", "--silent", "emulator"]);
  run("worker", "npm", ["run", "--silent", "worker"]);
  run("web", "node_modules/.bin/next", ["start", "-p", options.port, ...(options.host ? ["-H", options.host] : [])]);
}
