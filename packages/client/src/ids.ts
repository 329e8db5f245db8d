import { LiveDeskArgumentError } from "./errors.js";

/** A LiveDesk numeric id: a positive integer, or its digits as a string (the tables type ids as String). */
export function checkNumericId(name: string, value: unknown): number | string {
  const valid =
    (typeof value === "number" && Number.isSafeInteger(value) && value > 0) ||
    (typeof value === "string" && /^[1-9][0-9]*$/.test(value));
  if (!valid) {
    throw new LiveDeskArgumentError(name, `expected a positive integer id such as 141, got ${JSON.stringify(value)}.`);
  }
  return value as number | string;
}
