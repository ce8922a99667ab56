import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// Imported first by tests that write big files: MEDIA_DIR becomes a temporary directory of the test's own
// (a worker process it starts inherits it), removed with removeTempMedia().

const dir = mkdtempSync(path.join(tmpdir(), "siar-media-"));
process.env.MEDIA_DIR = dir;

export function removeTempMedia(): void {
  rmSync(dir, { recursive: true, force: true });
}
