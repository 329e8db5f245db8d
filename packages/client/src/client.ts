import type { Client } from "openapi-fetch";
import * as openapiFetch from "openapi-fetch";
import { basicAuthorization } from "./auth.js";
import { serializeBody } from "./body.js";
import { type ContactsResource, createContactsResource } from "./contacts.js";
import { type ConversationsResource, createConversationsResource } from "./conversations.js";
import { LiveDeskArgumentError, LiveDeskError } from "./errors.js";
import { createLog, type Logger, type LogLevel } from "./logger.js";
import { createMessagesResource, type MessagesResource } from "./messages.js";
import { serializePath } from "./path-params.js";
import { serializeQuery } from "./query.js";
import { createRedactor, type Redact, redactError } from "./redact.js";
import { type CallInit, type FetchLike, type RetryEvent, send, type Transport } from "./reliability.js";
import type { RetryPolicy } from "./retry-policy.js";
import { createTicketsResource, type TicketsResource } from "./tickets.js";
import type { ClientContext, paths, WriteRequestOptions } from "./types.js";
import { describe } from "./values.js";

// tsdown's CJS output wraps openapi-fetch's exports with Node-mode interop, which nests the default export one level
// deeper (https://github.com/rolldown/tsdown/issues/1054). Unwrap it so both builds get the function.
const createClient: typeof openapiFetch.default =
  typeof openapiFetch.default === "function"
    ? openapiFetch.default
    : (openapiFetch.default as unknown as { default: typeof openapiFetch.default }).default;

// Replaced at build time (tsdown.config.ts) by the version in package.json.
declare const __LIVEDESK_CLIENT_VERSION__: string;

/** The base URL the client uses unless given `baseUrl`: LiveDesk's only documented data centre (Singapore). */
export const DEFAULT_BASE_URL = "https://livedesk-api.engagelab.com";

/** The options of {@link createLiveDeskClient}. Only `apiKey` and `apiSecret` are required. */
export interface LiveDeskClientOptions {
  /**
   * API key (the Basic-auth user name), created in the LiveDesk console under Project Settings → API Management.
   * Must not be blank or contain `:`.
   */
  apiKey: string;
  /** API secret (the Basic-auth password). Must not be blank. */
  apiSecret: string;
  /**
   * Where requests go, default {@link DEFAULT_BASE_URL}; point it at a mock server in tests. An absolute `https://`
   * URL (plain `http://` only on loopback, or with `allowInsecureHttp`), without user name, password, query string
   * or fragment.
   */
  baseUrl?: string;
  /** Allow a plain `http://` base URL on a host other than loopback. Credentials then travel unencrypted. */
  allowInsecureHttp?: boolean;
  /**
   * A `fetch` implementation, e.g. to add a proxy agent or to stub requests in tests. It is called like the global
   * `fetch`, as `fetch(request, init)`, where `init` carries the attempt's `signal`. It should honour that signal, as
   * `fetch` does, so that timeouts abort it.
   */
  fetch?: FetchLike;
  /**
   * Extra headers sent on every request, e.g. a `User-Agent` of your own (the default is `@livedesk/client/<version>`).
   * `Authorization` is not allowed: it is built from the key and secret.
   */
  headers?: HeadersInit;
  /**
   * Retries after the first attempt of a request that may be repeated: GET, HEAD, PUT, DELETE and OPTIONS, and
   * POST or PATCH called with `idempotent: true` (see the README's retry table). A whole number; default 2, so at most
   * 3 attempts; 0 disables retrying.
   */
  maxRetries?: number;
  /**
   * Time allowed for each attempt, in milliseconds, from sending the request to the last byte of the body. A whole
   * number up to 2,147,483,647; default 30 000; 0 disables the timeout.
   */
  timeoutMs?: number;
  /**
   * The longest single wait between attempts, in milliseconds, also when `Retry-After` asks for more. A whole number up
   * to 2,147,483,647; default 30 000.
   */
  maxRetryDelayMs?: number;
  /** Called before each retry (after the wait is chosen, before it starts), e.g. to log or count it. */
  onRetry?: (event: RetryEvent) => void;
  /** Where the log goes; default `console`. Nothing is logged unless you pass this or `logLevel`. */
  logger?: Logger;
  /**
   * How much is logged: `warn` logs calls that fail, `info` adds retries and their waits, `debug` adds the outcome of
   * every attempt; the client writes nothing at `error`. Default `off`, or `warn` when a `logger` is given.
   */
  logLevel?: LogLevel;
}

/**
 * The openapi-fetch client for the LiveDesk API (`livedesk.GET(path, …)`, which returns `{ data, error, response }`),
 * plus resource helpers that return the data and throw a {@link LiveDeskError} on any failure. Both share the
 * client's authentication, serialisation, retries and timeouts.
 */
export type LiveDeskClient = Client<paths, "application/json"> & {
  /** List, search, export, create and update contacts. */
  contacts: ContactsResource;
  /** Create conversations and change their status. */
  conversations: ConversationsResource;
  /** Send messages and internal notes to a conversation. */
  messages: MessagesResource;
  /** Create, read and update tickets. */
  tickets: TicketsResource;
};

const DEFAULT_POLICY: RetryPolicy = { maxRetries: 2, timeoutMs: 30_000, maxRetryDelayMs: 30_000, idempotent: false };
const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;
/** The longest delay a JavaScript timer supports (2^31 − 1 ms, about 24.8 days); longer ones fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Creates a client for the LiveDesk API. Keep it on a server: every request carries the API key and secret.
 *
 * @param options - The credentials, and optionally the base URL, `fetch`, headers, retry and timeout policy and log.
 * @returns The typed openapi-fetch client with the resource helpers.
 * @throws {@link LiveDeskArgumentError} when an option is invalid (a blank key, a plain `http://` URL to another host,
 * a negative `timeoutMs`, an `Authorization` header, …); nothing has been sent.
 */
export function createLiveDeskClient(options: LiveDeskClientOptions): LiveDeskClient {
  if (typeof options !== "object" || options === null) {
    throw new LiveDeskArgumentError("options", "expected { apiKey, apiSecret }.");
  }
  const { apiKey, apiSecret } = options;
  const authorization = basicAuthorization(apiKey, apiSecret);
  const redact = createRedactor(apiKey, apiSecret, authorization.slice("Basic ".length));
  const headers = checkHeaders("headers", options.headers);
  headers.set("Authorization", authorization);
  headers.set("Accept", headers.get("Accept") ?? "application/json");
  headers.set("User-Agent", headers.get("User-Agent") ?? `@livedesk/client/${__LIVEDESK_CLIENT_VERSION__}`);
  checkFunction("fetch", options.fetch);
  checkFunction("onRetry", options.onRetry);
  const transport: Transport = {
    fetch: options.fetch ?? ((request, init) => globalThis.fetch(request, init)),
    onRetry: options.onRetry,
    redact,
    log: createLog(options.logger, options.logLevel, redact),
  };
  const policy = withOverrides(DEFAULT_POLICY, options);
  const base = createClient<paths>({
    baseUrl: checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL, options.allowInsecureHttp === true),
    headers,
    querySerializer: serializeQuery,
    pathSerializer: serializePath,
    bodySerializer: serializeBody,
  });

  /** openapi-fetch's client with every method run by `send` under `callPolicy`, and with `callInit`'s options. */
  function bind(callPolicy: RetryPolicy, callInit?: CallInit): Client<paths, "application/json"> {
    type Call = (path: string, init?: CallInit) => Promise<{ response: Response }>;
    const run = (method: string, path: string, call: Call, init?: CallInit) =>
      send(transport, method, path, (attempt) => call(path, attempt), { ...callInit, ...init }, callPolicy);
    const bound: Record<string, unknown> = { ...base };
    for (const method of METHODS) {
      bound[method] = (path: string, init?: CallInit) => run(method, path, base[method] as Call, init);
    }
    const request = base.request as (method: string, ...call: Parameters<Call>) => ReturnType<Call>;
    bound.request = (method: string, path: string, init?: CallInit) =>
      run(String(method).toUpperCase(), path, (...call) => request(method, ...call), init);
    return bound as unknown as Client<paths, "application/json">;
  }

  const raw = bind(policy);
  const context: ClientContext = {
    client({ signal, headers: callHeaders, onResponse, timeoutMs, maxRetries, idempotent }: WriteRequestOptions) {
      checkFunction("onResponse", onResponse);
      const overridden = timeoutMs !== undefined || maxRetries !== undefined || idempotent !== undefined;
      if (!overridden && signal === undefined && callHeaders === undefined) {
        return raw;
      }
      return bind(overridden ? withOverrides(policy, { timeoutMs, maxRetries, idempotent }) : policy, {
        signal,
        ...(callHeaders === undefined ? {} : { headers: checkHeaders("headers", callHeaders) }),
      });
    },
  };
  return Object.assign(raw, {
    contacts: guard(createContactsResource(context), redact),
    conversations: guard(createConversationsResource(context), redact),
    messages: guard(createMessagesResource(context), redact),
    tickets: guard(createTicketsResource(context), redact),
  });
}

/**
 * The resource's helpers (async functions and async generators), with every error they throw redacted on its way
 * out: errors about an answer quote the server, which may echo a credential. Anything else they throw is the
 * caller's own abort reason.
 */
function guard<R extends object>(resource: R, redact: Redact): R {
  const exit = (error: unknown) => {
    throw error instanceof LiveDeskError ? redactError(error, redact) : error;
  };
  const guarded: Record<string, unknown> = {};
  for (const [name, helper] of Object.entries(resource) as [string, (...args: unknown[]) => unknown][]) {
    guarded[name] =
      (helper as { [Symbol.toStringTag]?: string })[Symbol.toStringTag] === "AsyncGeneratorFunction"
        ? async function* (...args: unknown[]) {
            try {
              return yield* helper(...args) as AsyncGenerator;
            } catch (error) {
              exit(error);
            }
          }
        : (...args: unknown[]) => (helper(...args) as Promise<unknown>).then(undefined, exit);
  }
  return guarded as R;
}

function checkFunction(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== "function") {
    throw new LiveDeskArgumentError(name, `expected a function, got ${describe(value)}.`);
  }
}

function checkHeaders(name: string, value: unknown): Headers {
  let headers: Headers;
  try {
    headers = new Headers(value as HeadersInit | undefined);
  } catch {
    throw new LiveDeskArgumentError(name, "expected headers: a Headers object, an object or [name, value] pairs.");
  }
  if (headers.has("authorization")) {
    throw new LiveDeskArgumentError(name, "do not set Authorization; pass apiKey and apiSecret instead.");
  }
  return headers;
}

function withOverrides(base: RetryPolicy, overrides: Partial<Record<keyof RetryPolicy, unknown>>): RetryPolicy {
  const policy = { ...base };
  for (const name of ["maxRetries", "timeoutMs", "maxRetryDelayMs"] as const) {
    const value = overrides[name];
    if (value !== undefined) {
      if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
        throw new LiveDeskArgumentError(name, `expected a whole number of 0 or more, got ${describe(value)}.`);
      }
      if (name !== "maxRetries" && value > MAX_TIMER_MS) {
        throw new LiveDeskArgumentError(
          name,
          `${value} ms is longer than the ${MAX_TIMER_MS} ms (about 24.8 days) a timer can wait.${name === "timeoutMs" ? " Pass 0 for no timeout." : ""}`,
        );
      }
      policy[name] = value;
    }
  }
  policy.idempotent = overrides.idempotent === true;
  return policy;
}

// The URL is never echoed: a URL with user info would carry a credential.
function checkBaseUrl(baseUrl: unknown, allowInsecureHttp: boolean): string {
  if (typeof baseUrl !== "string" || !URL.canParse(baseUrl)) {
    throw new LiveDeskArgumentError("baseUrl", "expected an absolute URL such as https://livedesk-api.engagelab.com.");
  }
  const url = new URL(baseUrl);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new LiveDeskArgumentError("baseUrl", `expected an http(s) URL, got the scheme ${url.protocol}`);
  }
  if (url.protocol === "http:" && !allowInsecureHttp && !isLoopback(url.hostname)) {
    throw new LiveDeskArgumentError(
      "baseUrl",
      `plain http:// would send the API key and secret unencrypted to ${url.hostname}. Use https://, or pass allowInsecureHttp: true if you really mean it.`,
    );
  }
  if (url.username || url.password) {
    throw new LiveDeskArgumentError(
      "baseUrl",
      "must not contain a user name or password; pass apiKey and apiSecret instead.",
    );
  }
  if (url.search || url.hash) {
    throw new LiveDeskArgumentError("baseUrl", "must not contain a query string or fragment.");
  }
  return url.href.replace(/\/+$/, "");
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
