import { LiveDeskArgumentError } from "./errors.js";
import { describe } from "./values.js";

/** A contact id: a positive integer, as the spec types it. */
export function checkContactId(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new LiveDeskArgumentError(name, `expected a positive integer id such as 318763, got ${describe(value)}.`);
  }
  return value;
}

/** A LiveDesk numeric id: a positive integer, or its digits as a string (the tables type these ids as String). */
export function checkNumericId(name: string, value: unknown): number | string {
  if (!(typeof value === "string" && /^[1-9][0-9]*$/.test(value))) {
    checkContactId(name, value);
  }
  return value as number | string;
}

/**
 * A path parameter that stays one segment of its path: `.` and `..` would be read as "this" and "the parent"
 * directory (`tickets.get("..")` would reach `/api/v2/accounts/`), and an empty or blank one would name the list
 * instead of one of its items. Everything else is percent-encoded by `serializePath`.
 */
export function checkPathSegment(name: string, value: unknown): string | number {
  if (typeof value === "number" && Number.isFinite(value)) {
    return value;
  }
  if (typeof value !== "string" || value.trim() === "" || value === "." || value === "..") {
    throw new LiveDeskArgumentError(
      name,
      `expected an id that is not empty, blank, "." or "..", got ${describe(value)}; it would not name one item.`,
    );
  }
  return value;
}

/**
 * openapi-fetch's `pathSerializer`, for every call (helpers and the raw client): fills each `{name}` of the path with
 * its parameter, checked by `checkPathSegment` and percent-encoded.
 */
export function serializePath(pathname: string, params: Record<string, unknown>): string {
  return pathname.replace(/\{([^{}]+)\}/g, (_, name: string) =>
    encodeURIComponent(checkPathSegment(name, params[name])),
  );
}
