import { adapterScenarios } from "./support/adapter-scenarios";

adapterScenarios("TIKTOK");
