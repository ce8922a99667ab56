import { adapterScenarios } from "./support/adapter-scenarios";

adapterScenarios("X");
