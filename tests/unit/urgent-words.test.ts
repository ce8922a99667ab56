import { describe, expect, it } from "vitest";
import { soundsUrgent } from "@/lib/interactions";

describe("emergency words", () => {
  it("flag a citizen's text that speaks of an emergency, in any case and beside punctuation", () => {
    expect(soundsUrgent("Tolong ada kecelakaan di tol Balsam km 12!")).toBe(true);
    expect(soundsUrgent("DARURAT, ada begal di jalan Mulawarman")).toBe(true);
    expect(soundsUrgent("rumah tetangga kebakaran.")).toBe(true);
  });

  it("do not flag words that only contain one of them", () => {
    expect(soundsUrgent("Syarat perpanjangan SIM apa saja?")).toBe(false);
    expect(soundsUrgent("Pertolongan pertama diajarkan di sekolah")).toBe(false);
    expect(soundsUrgent("Bombastis sekali acaranya")).toBe(false);
  });
});
