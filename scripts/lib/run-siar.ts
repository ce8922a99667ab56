import { spawn, type ChildProcess } from "node:child_process";

/** The Node flag under which `server-only` modules load outside Next (scripts, the worker, e2e specs). */
export const REACT_SERVER = "--conditions=react-server";

/**
 * The environment for Siar's processes without the react-server condition in NODE_OPTIONS: Next itself
 * must not run under it (React's server build would replace the client one), and the worker sets it itself.
 */
function appEnv(): NodeJS.ProcessEnv {
  const options = (process.env.NODE_OPTIONS ?? "").split(/\s+/).filter((o) => o && o !== REACT_SERVER);
  return { ...process.env, NODE_OPTIONS: options.join(" ") };
}

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
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"], env: appEnv() });
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
