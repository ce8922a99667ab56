import { adapterScenarios } from "./support/adapter-scenarios";

adapterScenarios("FACEBOOK_PAGE");
