import {
  LiveDeskArgumentError,
  LiveDeskConnectionError,
  LiveDeskError,
  LiveDeskInvalidResponseError,
  LiveDeskTimeoutError,
  responseDetails,
} from "./errors.js";
import type { Log } from "./logger.js";
import { foreignFailure, type Redact, redactError } from "./redact.js";
import { mayRepeat, RETRYABLE_STATUSES, type RetryPolicy, retryDelay } from "./retry-policy.js";

/** What `onRetry` receives before each retry, e.g. for logging or metrics. Carries no credentials. */
export interface RetryEvent {
  /** Which retry this is: 1 for the first, up to `maxRetries`. */
  retry: number;
  /** The wait before the retry, in milliseconds: `Retry-After` or the backoff, at most `maxRetryDelayMs`. */
  delayMs: number;
  /** The request's HTTP method, e.g. `"GET"`. */
  method: string;
  /** The operation's path template, e.g. `/api/v2/accounts/contacts`. */
  path: string;
  /** The status that caused the retry, or undefined after a connection failure or a timeout. */
  status: number | undefined;
}

/**
 * `fetch`, or a stand-in called the same way: `fetch(request, init)`, where `init` carries the attempt's `signal`.
 * It should honour that signal, as `fetch` does, so that a timeout can abort it.
 */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** What every call of one client shares. */
export interface Transport {
  /** The fetch behind the client; each attempt calls it with that attempt's signal. */
  fetch: FetchLike;
  onRetry: ((event: RetryEvent) => void) | undefined;
  redact: Redact;
  log: Log | undefined;
}

/** openapi-fetch's options for one call; `signal` and `fetch` are the reliability layer's to apply. */
export type CallInit = { signal?: AbortSignal | null | undefined; fetch?: unknown } & Record<string, unknown>;

/** The longest request line sent: servers commonly refuse longer ones (nginx reads 8 kB by default). */
const REQUEST_LINE_LIMIT = 8_192;
const TIMED_OUT = Symbol("timed out");

/**
 * Runs one openapi-fetch call under the retry and timeout policy. Each attempt is a whole openapi-fetch call
 * (serialise, fetch, read the body) given a per-request `fetch` that carries the attempt's signal, so the body is
 * re-sent intact, the timeout covers the body, and a connection that resets mid-body is retried.
 *
 * Throws only LiveDeskErrors, redacted, and the caller's own abort reason.
 */
export async function send<R extends { response: Response }>(
  transport: Transport,
  method: string,
  path: string,
  call: (init: CallInit) => Promise<R>,
  { signal, fetch = transport.fetch, ...init }: CallInit,
  policy: RetryPolicy,
): Promise<R> {
  const { redact, log } = transport;
  if (signal != null && typeof signal.throwIfAborted !== "function") {
    throw new LiveDeskArgumentError("signal", "expected an AbortSignal.");
  }
  const callerSignal = signal ?? undefined;
  const canRepeat = mayRepeat(method, policy);
  for (let retry = 0; ; retry += 1) {
    callerSignal?.throwIfAborted();
    const attempt = new Attempt(callerSignal, policy.timeoutMs);
    const outcome = await attempt.run(call, init, fetch as FetchLike);
    const canRetry = canRepeat && retry < policy.maxRetries;
    let status: number | undefined;
    let retryAfter: string | null = null;
    let reason: string;
    if ("result" in outcome) {
      const { response } = outcome.result;
      status = response.status;
      const final = !canRetry || !RETRYABLE_STATUSES.has(status);
      log?.(
        final && !response.ok ? "warn" : "debug",
        `${method} ${attempt.url}: HTTP ${status} (attempt ${retry + 1})`,
      );
      if (final) {
        return outcome.result;
      }
      retryAfter = response.headers.get("retry-after");
      reason = `HTTP ${status}`;
    } else {
      if (callerSignal?.aborted) {
        throw callerSignal.reason;
      }
      const { error, retryable } = classify(outcome.error, attempt, method, path, policy, retry + 1, redact);
      if (!(canRetry && retryable)) {
        redactError(error, redact);
        log?.("warn", error.message);
        throw error;
      }
      reason = error.message;
    }
    const delayMs = retryDelay(retry, retryAfter, { maxDelayMs: policy.maxRetryDelayMs });
    log?.("info", `${method} ${attempt.url}: ${reason}; retry ${retry + 1} of ${policy.maxRetries} in ${delayMs} ms`);
    transport.onRetry?.({ retry: retry + 1, delayMs, method, path, status });
    await sleep(delayMs, callerSignal);
  }
}

/**
 * What a failed attempt means. A timeout and a failure of the connection (fetch threw, or the body broke off) may
 * be retried; anything else says the request or the answer is wrong, and repeating it would not help.
 */
function classify(
  thrown: unknown,
  attempt: Attempt,
  method: string,
  path: string,
  policy: RetryPolicy,
  attempts: number,
  redact: Redact,
): { error: LiveDeskError; retryable: boolean } {
  if (thrown instanceof LiveDeskError) {
    return { error: thrown, retryable: false };
  }
  const where = { method, url: attempt.url };
  const tries = attempts === 1 ? "" : ` after ${attempts} attempts`;
  if (thrown === TIMED_OUT) {
    return {
      error: new LiveDeskTimeoutError(
        `No complete answer from LiveDesk within ${policy.timeoutMs} ms (${method} ${path})${tries}; the request was aborted.`,
        { code: "timeout", timeoutMs: policy.timeoutMs, ...where },
      ),
      retryable: true,
    };
  }
  const cause = foreignFailure(thrown, redact);
  if (attempt.phase === "build") {
    return {
      error: new LiveDeskArgumentError("request", `it could not be built (${method} ${path}): ${cause.message}`),
      retryable: false,
    };
  }
  if (attempt.phase === "fetch" || thrown instanceof TypeError || cause.code) {
    return {
      error: new LiveDeskConnectionError(`Could not reach LiveDesk (${method} ${path})${tries}: ${cause.message}`, {
        code: "connection",
        cause,
        ...where,
      }),
      retryable: true,
    };
  }
  const { response } = attempt;
  return {
    error: new LiveDeskInvalidResponseError(
      `LiveDesk answered HTTP ${response?.status} on ${method} ${path}, but the body could not be read: ${cause.message}`,
      { ...responseDetails(response as Response, method, "invalid_response", undefined), cause },
    ),
    retryable: false,
  };
}

type Outcome<R> = { result: R } | { error: unknown };

/**
 * One attempt under an abort signal of its own, which fires on the timeout or the caller's signal. One object holds
 * the timer, the listener on the caller's signal and what the attempt reached, because this runs for every request.
 */
class Attempt {
  /** How far the attempt got: building the request, waiting for fetch, or reading the answer. */
  phase: "build" | "fetch" | "read" = "build";
  url: string | undefined;
  response: Response | undefined;
  private readonly controller: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private settle: (outcome: Outcome<never>) => void = () => {};

  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    private readonly timeoutMs: number,
  ) {
    if (timeoutMs > 0 || callerSignal) {
      this.controller = new AbortController();
    }
  }

  run<R>(call: (init: CallInit) => Promise<R>, init: CallInit, fetch: FetchLike): Promise<Outcome<R>> {
    return new Promise((settle) => {
      this.settle = settle as (outcome: Outcome<unknown>) => void;
      const signal = this.controller?.signal;
      if (this.timeoutMs > 0) {
        this.timer = setTimeout(() => this.abort(TIMED_OUT), this.timeoutMs);
      }
      this.callerSignal?.addEventListener("abort", this, { once: true });
      const attemptFetch = async (request: Request, extension?: RequestInit) => {
        this.url = request.url;
        checkRequestLine(request);
        this.phase = "fetch";
        const response = await fetch(request, signal ? { ...extension, signal } : extension);
        if (!response.url) {
          // A stand-in fetch may answer with a Response it built, which has no URL; errors say where they happened.
          Object.defineProperty(response, "url", { value: request.url });
        }
        this.phase = "read";
        this.response = response;
        return response;
      };
      call({ ...init, fetch: attemptFetch }).then(
        (result) => this.finish({ result }),
        (error: unknown) => this.finish({ error }),
      );
    });
  }

  /** The caller's signal fired. */
  handleEvent(): void {
    this.abort(this.callerSignal?.reason);
  }

  // Settles at once rather than waiting for fetch to notice, in case a custom fetch ignores signals.
  private abort(reason: unknown): void {
    this.controller?.abort(reason);
    this.finish({ error: reason });
  }

  /** Called once more, by the late answer of an attempt already aborted; that changes nothing. */
  private finish(outcome: Outcome<unknown>): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener("abort", this);
    this.settle(outcome as Outcome<never>);
  }
}

/** Refuses a request line (method, path and query) longer than servers commonly read, before sending it. */
function checkRequestLine({ method, url }: Request): void {
  if (url.length + 9 <= REQUEST_LINE_LIMIT) {
    return; // the request line is at most the URL without its origin, plus a method and " HTTP/1.1"
  }
  const target = url.slice(url.indexOf("/", url.indexOf("//") + 2));
  const length = `${method} ${target} HTTP/1.1`.length;
  if (length > REQUEST_LINE_LIMIT) {
    const query = target.length - (target.indexOf("?") + 1 || target.length);
    const inQuery = query > target.length / 2;
    throw new LiveDeskArgumentError(
      inQuery ? "query" : "path",
      `the request line would be ${length} bytes, more than the ${REQUEST_LINE_LIMIT} servers commonly accept. ${inQuery ? "Send a shorter q or fewer labels per call." : "Is the id right?"}`,
    );
  }
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
