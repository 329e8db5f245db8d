import type { Client } from "openapi-fetch";
import { LiveDeskConnectionError, LiveDeskError, LiveDeskTimeoutError, parseRetryAfter } from "./errors.js";

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
  /** The operation's path template, e.g. `/api/v2/accounts/contacts`. */
  path: string;
  /** The status that caused the retry, or undefined after a connection failure. */
  status: number | undefined;
}

/**
 * `fetch`, or a stand-in called the same way: `fetch(url, init)`, or `fetch(request, init)` once middleware is in use.
 * It should honour `init.signal`, as `fetch` does, so that a timeout can abort it.
 */
export type FetchLike = (input: string | Request, init?: RequestInit) => Promise<Response>;

export interface ReliabilityOptions {
  policy: RetryPolicy;
  /** The fetch behind the client; each attempt calls it with that attempt's signal. */
  fetch: FetchLike;
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /** Removes credentials from text that came from elsewhere (error messages of the fetch implementation). */
  redact: (text: string) => string;
}

/** Key under which a helper passes per-call policy overrides through openapi-fetch's request options. */
export const CALL_POLICY = Symbol("livedesk call policy");

type Method = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";
const METHODS: readonly Method[] = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"];
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const SAFE_TO_REPEAT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
const FIRST_RETRY_CEILING_MS = 500;
const TIMED_OUT = Symbol("timed out");

type Init = {
  signal?: AbortSignal | null;
  middleware?: unknown[];
  [CALL_POLICY]?: Partial<RetryPolicy>;
} & Record<string, unknown>;
type Send = (init: Init) => Promise<{ response: Response }>;

/**
 * Gives every method of an openapi-fetch client the retry and timeout policy. Each attempt is a whole openapi-fetch
 * call (serialise, fetch, read the body), so the body is re-sent intact, the timeout covers the body, and a
 * connection that resets mid-body is retried like any connection failure.
 */
export function withReliability<C extends Client<never, never>>(client: C, options: ReliabilityOptions): C {
  const reliable = { ...client } as unknown as Record<string, unknown>;
  // Middleware is handed openapi-fetch's `Request`, so once any is added, every call builds a real one.
  let middlewareInUse = false;
  reliable.use = (...middleware: Parameters<C["use"]>) => {
    middlewareInUse = true;
    client.use(...middleware);
  };
  for (const method of METHODS) {
    const send = client[method] as (path: string, init?: Init) => Promise<{ response: Response }>;
    reliable[method] = (path: string, init: Init = {}) =>
      callWithPolicy(method, path, (attemptInit) => send(path, attemptInit), init, options, middlewareInUse);
  }
  const request = client.request as (method: string, path: string, init?: Init) => Promise<{ response: Response }>;
  reliable.request = (method: string, path: string, init: Init = {}) =>
    callWithPolicy(
      method.toUpperCase(),
      path,
      (attemptInit) => request(method, path, attemptInit),
      init,
      options,
      middlewareInUse,
    );
  return reliable as C;
}

async function callWithPolicy<R extends { response: Response }>(
  method: string,
  path: string,
  send: (init: Init) => Promise<R>,
  init: Init,
  { policy: defaults, onRetry, redact, fetch: clientFetch }: ReliabilityOptions,
  middlewareInUse: boolean,
): Promise<R> {
  // What openapi-fetch gets on every attempt is the rest, to which each attempt adds its own fetch.
  const { [CALL_POLICY]: overrides, signal, fetch: callFetch, ...attemptInit } = init;
  if (!middlewareInUse && attemptInit.middleware === undefined && attemptInit.Request === undefined) {
    attemptInit.Request = RequestParts;
  }
  const fetch = (callFetch as FetchLike | undefined) ?? clientFetch;
  const policy = overrides ? { ...defaults, ...overrides } : defaults;
  const callerSignal = signal ?? undefined;
  const mayRepeat = policy.idempotent || SAFE_TO_REPEAT.has(method);
  for (let retry = 0; ; retry += 1) {
    callerSignal?.throwIfAborted();
    const attempt = await attemptOnce(send as Send, attemptInit, fetch, callerSignal, policy.timeoutMs);
    const canRetry = mayRepeat && retry < policy.maxRetries;
    if ("result" in attempt) {
      const { response } = attempt.result;
      if (!canRetry || !RETRYABLE_STATUSES.has(response.status)) {
        return attempt.result as R;
      }
      await wait(retry, response.status, response.headers.get("retry-after"));
      continue;
    }
    const { error } = attempt;
    if (error === TIMED_OUT) {
      throw new LiveDeskTimeoutError(
        `No complete answer from LiveDesk within ${policy.timeoutMs} ms (${method} ${path}); the request was aborted.`,
        { code: "timeout", timeoutMs: policy.timeoutMs, method },
      );
    }
    if (callerSignal?.aborted) {
      throw callerSignal.reason;
    }
    if (!isConnectionFailure(error)) {
      throw error;
    }
    if (!canRetry) {
      const attempts = retry + 1;
      throw new LiveDeskConnectionError(
        `Could not reach LiveDesk (${method} ${path}) after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${redact(failureText(error))}`,
        { code: "connection", method, cause: sanitize(error, redact) },
      );
    }
    await wait(retry, undefined, null);
  }

  async function wait(retry: number, status: number | undefined, retryAfter: string | null): Promise<void> {
    const delayMs = retryDelay(retry, retryAfter, { maxDelayMs: policy.maxRetryDelayMs });
    onRetry?.({ retry: retry + 1, delayMs, method, path, status });
    await sleep(delayMs, callerSignal);
  }
}

type Attempt = { result: { response: Response } } | { error: unknown };

/**
 * What openapi-fetch builds in place of a `Request` while no middleware needs a real one: its URL and init, from
 * which fetch builds the only Request. A `Request` costs undici more than the rest of openapi-fetch's call, and fetch
 * would copy openapi-fetch's into a second one anyway.
 */
class RequestParts {
  constructor(
    readonly url: string,
    readonly init: RequestInit & { method: string },
  ) {}

  /** openapi-fetch reads it to recognise HEAD. */
  get method(): string {
    return this.init.method;
  }
}

/**
 * Calls `fetch` for what openapi-fetch built, with the attempt's signal. The signal goes to fetch, never into
 * openapi-fetch's Request: a Request built with a signal costs undici several microseconds more.
 */
function fetchFor(
  fetch: FetchLike,
  signal: AbortSignal | undefined,
): (input: Request | RequestParts) => Promise<Response> {
  return (input) => {
    if (input instanceof RequestParts) {
      if (signal) {
        input.init.signal = signal;
      }
      return fetch(input.url, input.init);
    }
    return signal ? fetch(input, { signal }) : fetch(input);
  };
}

/** One attempt under an abort signal of its own, which fires on the timeout or the caller's signal. */
function attemptOnce(
  send: Send,
  init: Init,
  fetch: FetchLike,
  callerSignal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<Attempt> {
  if (timeoutMs === 0 && callerSignal === undefined) {
    init.fetch = fetchFor(fetch, undefined);
    return send(init).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
  }
  return new Promise<Attempt>((settle) => {
    const attempt = new AbortableAttempt(settle, callerSignal);
    if (timeoutMs > 0) {
      attempt.timer = setTimeout(() => attempt.expire(), timeoutMs);
    }
    callerSignal?.addEventListener("abort", attempt, { once: true });
    init.fetch = fetchFor(fetch, attempt.controller.signal);
    send(init).then(
      (result) => attempt.finish({ result }),
      (error: unknown) => attempt.finish({ error }),
    );
  });
}

/**
 * The bookkeeping of an attempt that can be aborted: its timer, and the listener on the caller's signal. One object
 * instead of a closure for each role, because this runs for every request.
 */
class AbortableAttempt {
  timer: ReturnType<typeof setTimeout> | undefined;
  readonly controller = new AbortController();

  constructor(
    private readonly settle: (attempt: Attempt) => void,
    private readonly callerSignal: AbortSignal | undefined,
  ) {}

  /** The timeout passed. */
  expire(): void {
    this.abort(TIMED_OUT);
  }

  /** The caller's signal fired. */
  handleEvent(): void {
    this.abort(this.callerSignal?.reason);
  }

  /** Called once more, by the late answer of an attempt already aborted; that changes nothing. */
  finish(attempt: Attempt): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener("abort", this);
    this.settle(attempt);
  }

  // Settles at once rather than waiting for fetch to notice, in case a custom fetch ignores signals.
  private abort(reason: unknown): void {
    this.controller.abort(reason);
    this.finish({ error: reason });
  }
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

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * fetch reports network failures (refused, reset, DNS, a body cut off) as TypeError; other fetch implementations
 * set a system error code. Anything else (an argument error, a JSON syntax error) is not the network's fault.
 */
function isConnectionFailure(error: unknown): boolean {
  return !(error instanceof LiveDeskError) && (error instanceof TypeError || systemErrorCode(error) !== undefined);
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
