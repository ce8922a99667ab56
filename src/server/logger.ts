import pino from "pino";

// Secrets must never reach a log line: redact every field that could carry one, wherever it sits.
export const redactPaths = [
  "password",
  "*.password",
  "passwordHash",
  "*.passwordHash",
  "accessToken",
  "*.accessToken",
  "refreshToken",
  "*.refreshToken",
  "accessTokenEnc",
  "*.accessTokenEnc",
  "refreshTokenEnc",
  "*.refreshTokenEnc",
  "token",
  "*.token",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "access_token",
  "*.access_token",
  "refresh_token",
  "*.refresh_token",
];

export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  redact: { paths: redactPaths, censor: "[redacted]" },
  base: { service: process.env.SIAR_SERVICE ?? "web" },
});
