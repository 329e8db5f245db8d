// The one import of the types generated from the spec, published by @livedesk/openapi.
import type { components, operations, paths, webhooks } from "@livedesk/openapi";
import type { Client } from "openapi-fetch";

export type { components, operations, paths, webhooks };

/** Per-call options of the resource helpers, their last argument. Each is optional. */
export interface RequestOptions {
  /**
   * Aborts the request, the wait before a retry and, for `listAll`, the iteration; the call then rejects with the
   * signal's `reason` (an `AbortError` unless you gave another), not a `LiveDeskError`.
   */
  signal?: AbortSignal | undefined;
  /** Overrides the client's `timeoutMs` for this call: milliseconds per attempt; 0 disables the timeout. */
  timeoutMs?: number | undefined;
  /** Overrides the client's `maxRetries` for this call; 0 disables retrying. */
  maxRetries?: number | undefined;
  /** Extra headers for this call, over the client's (a header of the same name replaces it). No `Authorization`. */
  headers?: HeadersInit | undefined;
  /**
   * Called with the HTTP response of each request the call makes (each page, for `listAll`), after any retries and
   * before its body is checked, e.g. to read its status and headers. The body has already been read.
   */
  onResponse?: ((response: Response) => void) | undefined;
}

/** Per-call options of helpers that create or change data. */
export interface WriteRequestOptions extends RequestOptions {
  /** Retry this POST or PATCH like a GET: you vouch that sending it twice does no harm. Default `false`. */
  idempotent?: boolean | undefined;
}

/** What the resource helpers need from the client. */
export interface ClientContext {
  /** The typed openapi-fetch client bound to one call's options: its policy, signal and headers. */
  client(options: WriteRequestOptions): Client<paths, "application/json">;
}
