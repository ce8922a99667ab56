import { createInterface } from "node:readline";
import { Writable } from "node:stream";

/**
 * Questions on the terminal, one answer per line. A hidden question echoes nothing (passwords).
 * Without a terminal (piped input, CI) the answers are read line by line from stdin.
 */
export function createPrompt() {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: Boolean(process.stdin.isTTY) });
  const lines = rl[Symbol.asyncIterator]();
  return {
    interactive: Boolean(process.stdin.isTTY),
    async ask(question: string, options: { hidden?: boolean } = {}): Promise<string | null> {
      process.stdout.write(question);
      muted = Boolean(options.hidden);
      const next = await lines.next();
      muted = false;
      if (options.hidden || !process.stdin.isTTY) process.stdout.write("\n");
      return next.done ? null : next.value;
    },
    close: () => rl.close(),
  };
}
