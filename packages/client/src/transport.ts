import { LiveDeskConnectionError, LiveDeskTimeoutError, parseRetryAfter } from "./errors.js";

export type FetchLike = (request: Request) => Promise<Response>;

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

/** Reported before each retry, e.g. for logging. Carries no credentials. */
export interface RetryEvent {
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  method: string;
  url: string;
  /** The status that caused the retry, or undefined after a connection failure. */
  status: number | undefined;
}

export interface TransportOptions {
  fetch: FetchLike;
  policy: RetryPolicy;
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /** Removes credentials from text that came from elsewhere (error messages of the fetch implementation). */
  redact: (text: string) => string;
}

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const SAFE_TO_REPEAT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
const FIRST_RETRY_CEILING_MS = 500;
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const TIMED_OUT = Symbol("timed out");

/**
 * Wraps `fetch` with the retry and timeout policy. Each attempt reads the whole body under the timeout, so a
 * connection that resets mid-body is retried like any connection failure and a body that never ends times out.
 */
export function createTransport({ fetch, policy, onRetry, redact }: TransportOptions): FetchLike {
  return async function send(request: Request): Promise<Response> {
    const mayRepeat = policy.idempotent || SAFE_TO_REPEAT.has(request.method);
    const hasBody = request.body !== null;
    for (let retry = 0; ; retry += 1) {
      request.signal.throwIfAborted();
      // The original request is never sent, so its body is intact for the next attempt.
      const attempt = await sendOnce(fetch, hasBody ? request.clone() : request, policy.timeoutMs);
      const canRetry = mayRepeat && retry < policy.maxRetries;
      if ("response" in attempt) {
        const { response } = attempt;
        if (!canRetry || !RETRYABLE_STATUSES.has(response.status)) {
          return response;
        }
        await wait(retry, response.status, response.headers.get("retry-after"));
        continue;
      }
      const { error } = attempt;
      if (error === TIMED_OUT) {
        throw new LiveDeskTimeoutError(
          `No complete answer from LiveDesk within ${policy.timeoutMs} ms (${describe(request)}); the request was aborted.`,
          { code: "timeout", timeoutMs: policy.timeoutMs, method: request.method, url: request.url },
        );
      }
      if (request.signal.aborted) {
        throw request.signal.reason;
      }
      if (!canRetry) {
        const attempts = retry + 1;
        throw new LiveDeskConnectionError(
          `Could not reach LiveDesk (${describe(request)}) after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${redact(failureText(error))}`,
          { code: "connection", method: request.method, url: request.url, cause: sanitize(error, redact) },
        );
      }
      await wait(retry, undefined, null);
    }

    async function wait(retry: number, status: number | undefined, retryAfter: string | null): Promise<void> {
      const delayMs = retryDelay(retry, retryAfter, { maxDelayMs: policy.maxRetryDelayMs });
      onRetry?.({ retry: retry + 1, delayMs, method: request.method, url: request.url, status });
      await sleep(delayMs, request.signal);
    }
  };
}

type Attempt = { response: Response } | { error: unknown };

async function sendOnce(fetch: FetchLike, request: Request, timeoutMs: number): Promise<Attempt> {
  const controller = new AbortController();
  const callerSignal = request.signal;
  const forwardAbort = () => controller.abort(callerSignal.reason);
  callerSignal.addEventListener("abort", forwardAbort, { once: true });
  const timer = timeoutMs > 0 ? setTimeout(() => controller.abort(TIMED_OUT), timeoutMs) : undefined;
  try {
    const signal = controller.signal;
    // Raced against the signal as well, so that a fetch implementation that ignores signals still gives up.
    const response = await untilAborted(fetch(new Request(request, { signal })), signal);
    const body = NULL_BODY_STATUSES.has(response.status) ? null : await untilAborted(response.arrayBuffer(), signal);
    const buffered = new Response(body, response);
    Object.defineProperty(buffered, "url", { value: response.url });
    return { response: buffered };
  } catch (error) {
    return { error: controller.signal.reason === TIMED_OUT ? TIMED_OUT : error };
  } finally {
    clearTimeout(timer);
    callerSignal.removeEventListener("abort", forwardAbort);
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * Milliseconds to wait before retry number `retry + 1`: the server's `Retry-After` when it sent one, else
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

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

function describe(request: Request): string {
  return `${request.method} ${new URL(request.url).pathname}`;
}

/** What the fetch implementation said, including the cause undici hides the real reason in. */
function failureText(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 3; depth += 1) {
    const { message, code } = current as { message?: unknown; code?: unknown };
    parts.push(typeof message === "string" ? message : String(current));
    if (typeof code === "string" && !parts.at(-1)?.includes(code)) {
      parts.push(code);
    }
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(": ");
}

/** A copy of the failure that keeps its name, message and system error code, but cannot carry credentials. */
function sanitize(error: unknown, redact: (text: string) => string): Error {
  const copy = new Error(redact(failureText(error)));
  const { name } = (error ?? {}) as { name?: unknown };
  copy.name = typeof name === "string" ? name : "Error";
  const code = systemErrorCode(error);
  if (code) {
    Object.assign(copy, { code });
  }
  // No stack frames from inside the fetch implementation.
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}

/** `ECONNREFUSED`, `ECONNRESET`, `ENOTFOUND`…, wherever in the cause chain the runtime put it. */
function systemErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 3; depth += 1) {
    const { code } = current as { code?: unknown };
    if (typeof code === "string" && /^E[A-Z]+$/.test(code)) {
      return code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
