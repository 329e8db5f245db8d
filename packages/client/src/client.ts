import type { paths } from "@livedesk/openapi";
import type { Client } from "openapi-fetch";
import * as openapiFetch from "openapi-fetch";
import { basicAuthorization } from "./auth.js";
import { type ContactsResource, createContactsResource } from "./contacts.js";
import { type ConversationsResource, createConversationsResource } from "./conversations.js";
import { LiveDeskArgumentError } from "./errors.js";
import { createMessagesResource, type MessagesResource } from "./messages.js";
import { serializeQuery } from "./query.js";
import { CALL_POLICY, type FetchLike, type RetryEvent, type RetryPolicy, withReliability } from "./reliability.js";
import { createTicketsResource, type TicketsResource } from "./tickets.js";

// tsdown's CJS output wraps openapi-fetch's exports with Node-mode interop, which nests the default export one level
// deeper (https://github.com/rolldown/tsdown/issues/1054). Unwrap it so both builds get the function.
const createClient: typeof openapiFetch.default =
  typeof openapiFetch.default === "function"
    ? openapiFetch.default
    : (openapiFetch.default as unknown as { default: typeof openapiFetch.default }).default;

/** The only documented data centre (Singapore). */
export const DEFAULT_BASE_URL = "https://livedesk-api.engagelab.com";

export interface LiveDeskClientOptions {
  /** API key (the Basic-auth user name). Console: Project Settings → API Management. */
  apiKey: string;
  /** API secret (the Basic-auth password). */
  apiSecret: string;
  /** Defaults to `https://livedesk-api.engagelab.com`. Point it at a mock server in tests. */
  baseUrl?: string;
  /** Allow a plain `http://` base URL on a host other than loopback. Credentials then travel unencrypted. */
  allowInsecureHttp?: boolean;
  /**
   * A `fetch` implementation, e.g. to add a proxy agent or to stub requests in tests. It is called like the global
   * `fetch`: as `fetch(url, init)`, or as `fetch(request, init)` once middleware is in use. It should honour
   * `init.signal`, as `fetch` does, so that timeouts abort it.
   */
  fetch?: FetchLike;
  /** Extra headers sent on every request. `Authorization` is not allowed: it is built from the key and secret. */
  headers?: HeadersInit;
  /** Retries after a 429, 502, 503, 504 or a connection failure, for GET, HEAD, PUT and DELETE. Default 2; 0 disables. */
  maxRetries?: number;
  /** Time allowed for each attempt, up to the last byte of the body. Default 30 000 ms; 0 disables. */
  timeoutMs?: number;
  /** The longest single wait between attempts, also when `Retry-After` asks for more. Default 30 000 ms. */
  maxRetryDelayMs?: number;
  /** Called before each retry, e.g. to log it. */
  onRetry?: (event: RetryEvent) => void;
}

/** Per-call options of the resource helpers. */
export interface RequestOptions {
  /** Aborts the request (and, for `listAll`, the iteration). */
  signal?: AbortSignal | undefined;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number | undefined;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number | undefined;
}

/** Per-call options of helpers that create or change data. */
export interface WriteRequestOptions extends RequestOptions {
  /** Retry this POST or PATCH like a GET: you vouch that sending it twice does no harm. */
  idempotent?: boolean | undefined;
}

/** What the resource helpers need from the client. */
export interface ClientContext {
  client: Client<paths, "application/json">;
  /** openapi-fetch request options for one call: its signal and any policy it overrides. */
  requestInit(options: WriteRequestOptions): { signal?: AbortSignal };
}

/** The openapi-fetch client for the LiveDesk API (`client.GET(path, …)`), plus resource helpers that throw. */
export type LiveDeskClient = Client<paths, "application/json"> & {
  contacts: ContactsResource;
  conversations: ConversationsResource;
  messages: MessagesResource;
  tickets: TicketsResource;
};

const DEFAULT_POLICY: RetryPolicy = { maxRetries: 2, timeoutMs: 30_000, maxRetryDelayMs: 30_000, idempotent: false };

export function createLiveDeskClient(options: LiveDeskClientOptions): LiveDeskClient {
  if (typeof options !== "object" || options === null) {
    throw new LiveDeskArgumentError("options", "expected { apiKey, apiSecret }.");
  }
  const authorization = basicAuthorization(options.apiKey, options.apiSecret);
  const headers = new Headers(options.headers);
  if (headers.has("authorization")) {
    throw new LiveDeskArgumentError("headers", "do not set Authorization; pass apiKey and apiSecret instead.");
  }
  headers.set("Authorization", authorization);
  headers.set("Accept", headers.get("Accept") ?? "application/json");
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new LiveDeskArgumentError("fetch", `expected a function, got ${typeof options.fetch}.`);
  }
  if (options.onRetry !== undefined && typeof options.onRetry !== "function") {
    throw new LiveDeskArgumentError("onRetry", `expected a function, got ${typeof options.onRetry}.`);
  }
  const policy = withOverrides(DEFAULT_POLICY, options);
  const secrets = [options.apiKey, options.apiSecret, authorization.slice("Basic ".length)];
  const client = withReliability(
    createClient<paths>({
      baseUrl: checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL, options.allowInsecureHttp === true),
      headers,
      querySerializer: serializeQuery,
    }),
    {
      policy,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      onRetry: options.onRetry,
      redact: (text) => secrets.reduce((redacted, secret) => redacted.replaceAll(secret, "[redacted]"), text),
    },
  );
  const context: ClientContext = {
    client,
    requestInit(callOptions) {
      const { signal, timeoutMs, maxRetries, idempotent } = callOptions;
      const overrides = timeoutMs !== undefined || maxRetries !== undefined || idempotent === true;
      // The symbol-keyed policy travels through openapi-fetch's options to withReliability, which removes it.
      return {
        ...(signal ? { signal } : {}),
        ...(overrides ? { [CALL_POLICY]: withOverrides(policy, callOptions) } : {}),
      };
    },
  };
  return Object.assign(client, {
    contacts: createContactsResource(context),
    conversations: createConversationsResource(context),
    messages: createMessagesResource(context),
    tickets: createTicketsResource(context),
  });
}

function withOverrides(base: RetryPolicy, overrides: Partial<Record<keyof RetryPolicy, unknown>>): RetryPolicy {
  const policy = { ...base };
  for (const name of ["maxRetries", "timeoutMs", "maxRetryDelayMs"] as const) {
    const value = overrides[name];
    if (value !== undefined) {
      if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
        throw new LiveDeskArgumentError(name, `expected a whole number of 0 or more, got ${String(value)}.`);
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
