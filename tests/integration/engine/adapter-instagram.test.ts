import { adapterScenarios } from "./support/adapter-scenarios";

adapterScenarios("INSTAGRAM");
