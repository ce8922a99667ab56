import { describe, expect, it } from "vitest";
import { streamedRequest } from "../support/streamed-request";
import { AppError } from "@/server/errors";
import { readUploadForm } from "@/server/http/read-upload";

// The import's upload is capped while it streams in, whether or not the client declared its length.
const tooLarge = () => new AppError("VALIDATION", "validation", { file: "tooLarge" });

describe("reading an upload with a cap", () => {
  it("refuses a declared length over the cap before reading the body", async () => {
    const request = new Request("http://siar.test/x", {
      method: "POST",
      body: "x".repeat(2_000),
      headers: { "content-length": "2000", "content-type": "text/plain" },
    });
    await expect(readUploadForm(request, 1_000, tooLarge)).rejects.toMatchObject({ fieldErrors: { file: "tooLarge" } });
    expect(request.bodyUsed).toBe(false);
  });

  it("stops reading an undeclared body once it passes the cap", async () => {
    const upload = streamedRequest(
      "http://siar.test/api/imports/accounts",
      "multipart/form-data; boundary=x",
      50 * 1024 * 1024,
      { fill: 0x41 },
    );
    await expect(readUploadForm(upload.request, 1024 * 1024, tooLarge)).rejects.toMatchObject({
      fieldErrors: { file: "tooLarge" },
    });
    expect(upload.sent()).toBeLessThan(2 * 1024 * 1024);
  });

  it("reads a multipart body under the cap into its fields", async () => {
    const form = new FormData();
    form.set("file", new File(["platform,handle\nX,a"], "a.csv", { type: "text/csv" }));
    form.set("mode", "preview");
    const request = new Request("http://siar.test/x", { method: "POST", body: form });
    const read = await readUploadForm(request, 1024 * 1024, tooLarge);
    expect(read.get("mode")).toBe("preview");
    expect(await (read.get("file") as File).text()).toBe("platform,handle\nX,a");
  });
});
