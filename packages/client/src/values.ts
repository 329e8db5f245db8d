/** Helpers for values that come from outside: a caller's arguments, a server's answer, a webhook body. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function truncate(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

/** A value as an error message shows it: strings quoted and cut short, objects by their type only. */
export function describe(value: unknown): string {
  if (typeof value === "string") {
    return JSON.stringify(truncate(value, 60));
  }
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) {
    return String(value);
  }
  return Array.isArray(value) ? "an array" : `a value of type ${typeof value}`;
}
