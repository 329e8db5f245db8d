import type { Answer } from "./http-rules.js";
import type { OperationId } from "./spec.js";

/** Which requests a fault applies to; every field given must match. By default, every request. */
export interface FaultMatch {
  /** The spec's `operationId`, e.g. `"listContacts"`, or several. */
  operation?: OperationId | OperationId[];
  /** HTTP method, e.g. `"GET"`. */
  method?: string;
  /** The request path exactly, e.g. `/api/v2/accounts/contacts`. */
  path?: string;
}

/** What the matching requests get. */
export type FaultEffect =
  /** An answer with this status instead of the real one, e.g. 429 with `Retry-After`, or 503. */
  | { type: "status"; status: number; retryAfter?: number | string; body?: unknown }
  /** The connection is closed without an answer (in-process: `fetch` rejects like undici does on ECONNRESET). */
  | { type: "reset" }
  /** No answer ever, until the client gives up (aborts or times out). */
  | { type: "hang" }
  /** The real answer, `delayMs` later. Combines with the other faults. */
  | { type: "latency"; delayMs: number };

export type FaultRule = FaultEffect &
  FaultMatch & {
    /** How many matching requests it applies to (default 1), or `"always"`. */
    times?: number | "always";
  };

export type StatusFault = Extract<FaultEffect, { type: "status" }>;
/** The faults that replace the answer (all but latency). */
export type ReplacingFault = Exclude<FaultEffect, { type: "latency" }>;

/** The answer of a `status` fault: its body, or an upstream-shaped `{error}`, and `Retry-After` when given. */
export function statusFaultAnswer({ status, retryAfter, body }: StatusFault): Answer {
  const text = status === 429 ? "Too many requests: retry later" : `Simulated failure (HTTP ${status})`;
  return [status, body ?? { error: text }, retryAfter === undefined ? {} : { "retry-after": String(retryAfter) }];
}

interface ActiveFault {
  rule: FaultRule;
  remaining: number;
}

/** Faults on demand: "the next N requests matching X answer 429 / 5xx / reset / hang / late". */
export interface SimulatorFaults {
  /** Adds a fault; it applies to the next `times` matching requests, in the order faults were added. */
  add(rule: FaultRule): void;
  /** Removes every fault. */
  clear(): void;
  /** The faults that still apply, with how many requests each has left. */
  readonly pending: readonly { rule: FaultRule; remaining: number | "always" }[];
}

export class Faults implements SimulatorFaults {
  readonly #active: ActiveFault[] = [];

  add(rule: FaultRule): void {
    this.#active.push({
      rule: { ...checkRule(rule) },
      remaining: rule.times === "always" ? Infinity : (rule.times ?? 1),
    });
  }

  clear(): void {
    this.#active.length = 0;
  }

  get pending(): readonly { rule: FaultRule; remaining: number | "always" }[] {
    return this.#active.map(({ rule, remaining }) => ({
      rule,
      remaining: remaining === Infinity ? "always" : remaining,
    }));
  }

  /** Whether no fault is pending, so that a request need not be matched. */
  get idle(): boolean {
    return this.#active.length === 0;
  }

  /** Takes the faults for one request: the sum of matching latencies, and the first other matching fault. */
  take(operation: OperationId | undefined, method: string, path: string): { delayMs: number; effect?: ReplacingFault } {
    let delayMs = 0;
    let effect: ReplacingFault | undefined;
    for (const fault of this.#active) {
      const { rule } = fault;
      if (!matches(rule, operation, method, path) || (effect && rule.type !== "latency")) {
        continue;
      }
      fault.remaining -= 1;
      if (rule.type === "latency") {
        delayMs += rule.delayMs;
      } else {
        effect = rule;
      }
    }
    for (let index = this.#active.length - 1; index >= 0; index -= 1) {
      if ((this.#active[index]?.remaining ?? 0) <= 0) {
        this.#active.splice(index, 1);
      }
    }
    return effect ? { delayMs, effect } : { delayMs };
  }
}

function matches(rule: FaultRule, operation: OperationId | undefined, method: string, path: string): boolean {
  const operations = rule.operation === undefined ? undefined : [rule.operation].flat();
  return (
    (operations === undefined || (operation !== undefined && operations.includes(operation))) &&
    (rule.method === undefined || rule.method.toUpperCase() === method) &&
    (rule.path === undefined || rule.path === path)
  );
}

const TYPES = ["status", "reset", "hang", "latency"];

function checkRule(rule: FaultRule): FaultRule {
  const fail = (problem: string): never => {
    throw new TypeError(`Invalid fault ${JSON.stringify(rule)}: ${problem}`);
  };
  if (typeof rule !== "object" || rule === null || !TYPES.includes(rule.type)) {
    fail(`type must be one of ${TYPES.join(", ")}.`);
  }
  const { times } = rule;
  if (times !== undefined && times !== "always" && !(Number.isInteger(times) && times > 0)) {
    fail('times must be a whole number of 1 or more, or "always".');
  }
  if (rule.type === "status" && !(Number.isInteger(rule.status) && rule.status >= 400 && rule.status <= 599)) {
    fail("status must be an HTTP error status from 400 to 599.");
  }
  if (rule.type === "latency" && !(Number.isFinite(rule.delayMs) && rule.delayMs >= 0)) {
    fail("delayMs must be a number of 0 or more.");
  }
  return rule;
}
