import { LiveDeskArgumentError } from "./errors.js";
import type { Redact } from "./redact.js";
import { describe } from "./values.js";

/**
 * How much the client logs, from nothing (`off`) to everything (`debug`): `warn` reports calls that fail, `info` adds
 * retries and their waits, `debug` adds the outcome of every attempt. The client writes nothing at `error`.
 */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

/**
 * Where the log goes, e.g. `console` (the default) or a pino or winston logger. Each line is one string starting with
 * `[livedesk] `, with the credentials redacted. The client calls, and checks for, only the methods of the levels
 * that `logLevel` enables.
 */
export interface Logger {
  /** Lines at level `error`; the client writes none at present. */
  error(message: string): void;
  /** Lines at level `warn`: calls that fail. */
  warn(message: string): void;
  /** Lines at level `info`: retries and their waits. */
  info(message: string): void;
  /** Lines at level `debug`: the outcome of every attempt. */
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
