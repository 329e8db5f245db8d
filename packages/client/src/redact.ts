import { isRecord, truncate } from "./values.js";

/** Removes this client's credentials from a text. */
export type Redact = (text: string) => string;

/**
 * Forms shorter than this are not searched for in free text. Replacing a short credential everywhere garbles text
 * that merely contains its letters, and the garbled spots give the credential away: with the secret `s`,
 * "Converting circular [redacted]tructure" shows what the secret is. A credential of 8 characters or more is
 * improbable in unrelated text. Short credentials are still removed where the client itself puts them, as the value
 * of the Authorization header (`Basic <base64>`), which is always long enough.
 */
const SEARCHABLE_LENGTH = 8;

/**
 * A redactor for the key, the secret, `key:secret`, its base64 and the Authorization value, each also
 * percent-encoded (either case of hex digits) and JSON-escaped.
 */
export function createRedactor(apiKey: string, apiSecret: string, base64: string): Redact {
  const forms = new Set<string>();
  for (const form of [apiKey, apiSecret, `${apiKey}:${apiSecret}`, base64, `Basic ${base64}`, `Bearer ${base64}`]) {
    for (const variant of [form, encodeURIComponent(form), JSON.stringify(form).slice(1, -1)]) {
      if (variant.length >= SEARCHABLE_LENGTH) {
        forms.add(variant);
      }
    }
  }
  const pattern = [...forms]
    // Longest first, so that `Basic <base64>` goes as a whole rather than leaving `Basic ` behind.
    .sort((a, b) => b.length - a.length)
    .map((form) =>
      form
        .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
        .replace(/%([0-9A-F]{2})/g, (_, hex: string) => `%(?:${hex}|${hex.toLowerCase()})`),
    )
    .join("|");
  const expression = new RegExp(pattern, "g");
  return (text) => text.replace(expression, "[redacted]");
}

/**
 * Redacts, in place, every string an error holds: message, stack, fields, a body's keys and values, and its cause
 * chain. Errors are built from server answers and fetch failures; this is the last step before one leaves the client.
 */
export function redactError<E extends Error>(error: E, redact: Redact): E {
  const fields = error as unknown as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(error)) {
    fields[name] = redactValue(fields[name], redact);
  }
  return error;
}

function redactValue(value: unknown, redact: Redact): unknown {
  if (typeof value === "string") {
    return redact(value);
  }
  if (value instanceof Error) {
    return redactError(value, redact);
  }
  if (Array.isArray(value)) {
    return value.map((item) => redactValue(item, redact));
  }
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), redactValue(item, redact)]));
  }
  return value;
}

const FAILURE_TEXT_LIMIT = 1_000;

/**
 * A plain, redacted copy of what a fetch implementation threw, whatever it was: the messages along its cause chain
 * (where undici hides the real reason) and its system error code. Nothing else of it is kept: a thrown object or the
 * request's init may carry the Authorization header.
 */
export function foreignFailure(thrown: unknown, redact: Redact): Error & { code?: string } {
  const parts: string[] = [];
  let code: string | undefined;
  for (let current = thrown, depth = 0; current !== undefined && current !== null && depth < 3; depth += 1) {
    const { message, code: ownCode } = current as { message?: unknown; code?: unknown };
    parts.push(
      typeof message === "string" ? message : typeof current === "string" ? current : `a thrown ${typeof current}`,
    );
    if (typeof ownCode === "string" && /^E[A-Z]+$/.test(ownCode)) {
      code ??= ownCode;
      if (!parts.at(-1)?.includes(ownCode)) {
        parts.push(ownCode);
      }
    }
    current = (current as { cause?: unknown }).cause;
  }
  const copy: Error & { code?: string } = new Error(truncate(redact(parts.join(": ")), FAILURE_TEXT_LIMIT));
  const { name } = (thrown ?? {}) as { name?: unknown };
  copy.name = typeof name === "string" ? truncate(redact(name), 60) : "Error";
  if (code) {
    copy.code = code;
  }
  // No stack frames from inside the fetch implementation.
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}
