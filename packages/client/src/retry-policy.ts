/** When a request is repeated and how long the client waits first. The README's retry table says the same. */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 disables retrying. */
  maxRetries: number;
  /** Time allowed for one attempt, from sending the request to the last byte of the body; 0 disables it. */
  timeoutMs: number;
  /** Upper bound of any single wait between attempts, including a server's `Retry-After`. */
  maxRetryDelayMs: number;
  /** Also retry POST and PATCH: the caller vouches that repeating this request is harmless. */
  idempotent: boolean;
}

/** Statuses worth another attempt of a request that may be repeated. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 409, 429, 500, 502, 503, 504]);

/** Methods that may be repeated without the caller's say-so (RFC 9110 §9.2.2, idempotent methods). */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);

export function mayRepeat(method: string, policy: RetryPolicy): boolean {
  return policy.idempotent || IDEMPOTENT_METHODS.has(method);
}

const FIRST_RETRY_CEILING_MS = 500;

/**
 * Milliseconds to wait before retry number `retry + 1`: the server's `Retry-After` when it sent a valid one, else
 * exponential backoff with full jitter (a random wait up to 0.5 s, 1 s, 2 s, …), never more than `maxDelayMs`.
 */
export function retryDelay(
  retry: number,
  retryAfter: string | null,
  { maxDelayMs, now = Date.now(), random = Math.random }: { maxDelayMs: number; now?: number; random?: () => number },
): number {
  const requested = parseRetryAfter(retryAfter, now);
  if (requested !== undefined) {
    return Math.min(requested, maxDelayMs);
  }
  return Math.floor(random() * Math.min(maxDelayMs, FIRST_RETRY_CEILING_MS * 2 ** retry));
}

/**
 * `Retry-After` in milliseconds from `now`, if it is what RFC 9110 §10.2.3 allows: delay-seconds (digits only) or an
 * HTTP-date. Anything else (`1.5`, `-5`, `soon`, a date that does not exist) is undefined, so backoff applies.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  const text = value?.trim() ?? "";
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  // RFC 9110 §5.6.7: the preferred IMF-fixdate, and two obsolete forms every recipient must accept, rewritten into it.
  let date = text;
  const rfc850 = /^(\w{3})\w*day, (\d\d)-(\w{3})-(\d\d) (\S{8}) GMT$/.exec(text);
  if (rfc850) {
    // A two-digit year more than 50 years ahead is the most recent such year in the past.
    const thisYear = new Date(now).getUTCFullYear();
    const year = thisYear - (thisYear % 100) + Number(rfc850[4]);
    date = `${rfc850[1]}, ${rfc850[2]} ${rfc850[3]} ${year > thisYear + 50 ? year - 100 : year} ${rfc850[5]} GMT`;
  }
  const asctime = /^(\w{3}) (\w{3}) ( \d|\d\d) (\S{8}) (\d{4})$/.exec(text);
  if (asctime) {
    date = `${asctime[1]}, ${asctime[3]?.trim().padStart(2, "0")} ${asctime[2]} ${asctime[5]} ${asctime[4]} GMT`;
  }
  // Only a date that prints back exactly as given exists: 30 February or a wrong weekday does not.
  const time = Date.parse(date);
  return new Date(time).toUTCString() === date ? Math.max(0, time - now) : undefined;
}
