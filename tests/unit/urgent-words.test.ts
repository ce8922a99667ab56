import { describe, expect, it } from "vitest";
import { emergencyNumber, soundsUrgent } from "@/lib/interactions";

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

describe("the emergency number shown to the operator", () => {
  it("is Polri's 110 for the police and the general 112 for any other organisation", () => {
    expect(emergencyNumber({ kind: "Mabes", code: "MABES", name: "Mabes Polri" })).toBe("110");
    expect(emergencyNumber({ kind: "Pusat", code: "MABES-POLRI", name: "Markas Besar" })).toBe("110");
    expect(emergencyNumber({ kind: "Pemprov", code: "DKI", name: "Pemprov DKI Jakarta" })).toBe("112");
  });
});
