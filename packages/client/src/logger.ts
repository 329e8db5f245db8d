import { LiveDeskArgumentError } from "./errors.js";
import type { Redact } from "./redact.js";
import { describe } from "./values.js";

/** How much the client logs: `debug` reports every attempt, `info` retries and waits, `warn` calls that fail. */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

/** Where the log goes, e.g. `console` (the default) or a pino or winston logger. */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

export type Log = (level: Exclude<LogLevel, "off">, message: string) => void;

const LEVELS: readonly LogLevel[] = ["off", "error", "warn", "info", "debug"];

/**
 * The client's log, or undefined when it logs nothing (the default without a `logger`). Every line is redacted, so
 * that no credential reaches it even inside a server's or a fetch implementation's words.
 */
export function createLog(logger: unknown, level: unknown, redact: Redact): Log | undefined {
  const threshold = LEVELS.indexOf((level ?? (logger === undefined ? "off" : "warn")) as LogLevel);
  if (threshold < 0) {
    throw new LiveDeskArgumentError("logLevel", `expected one of ${LEVELS.join(", ")}, got ${describe(level)}.`);
  }
  const sink = (logger ?? console) as Partial<Logger>;
  const methods = LEVELS.slice(1, threshold + 1) as Exclude<LogLevel, "off">[];
  for (const method of methods) {
    if (typeof sink[method] !== "function") {
      throw new LiveDeskArgumentError("logger", `expected an object with a ${method}(message) method, like console.`);
    }
  }
  return threshold === 0
    ? undefined
    : (at, message) => {
        if (methods.includes(at)) {
          sink[at]?.(`[livedesk] ${redact(message)}`);
        }
      };
}
