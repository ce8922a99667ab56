import { adapterScenarios } from "./support/adapter-scenarios";

adapterScenarios("LINE_OA");
