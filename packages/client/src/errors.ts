import { parseRetryAfter } from "./retry-policy.js";
import { truncate } from "./values.js";

/** What went wrong, for callers that branch on errors: `if (error.code === "rate_limit")`. */
export type LiveDeskErrorCode =
  /** An argument was rejected before any request was sent. */
  | "invalid_argument"
  /** HTTP 401: the API key or secret is missing or wrong. */
  | "authentication"
  /** HTTP 403: the key may not do this. */
  | "permission"
  /** HTTP 404: no such resource. */
  | "not_found"
  /** HTTP 422: the server rejected the request's content. */
  | "validation"
  /** HTTP 429: too many requests, even after the retries the policy allowed. */
  | "rate_limit"
  /** HTTP 5xx, after the retries the policy allowed. */
  | "server"
  /** Any other non-2xx status. */
  | "http"
  /** No complete response within `timeoutMs`, after the retries the policy allowed. The request was aborted. */
  | "timeout"
  /** The connection failed (refused, reset, DNS), after the retries the policy allowed. */
  | "connection"
  /** A 2xx response whose body is not the JSON the API description promises. */
  | "invalid_response"
  /** Auto-pagination stopped because the server does not seem to honour `page`. */
  | "pagination_stalled"
  /** Auto-pagination stopped because the server's own numbers say contacts are missing, or a page held a non-contact. */
  | "incomplete_export"
  /** The ticket API answered with a non-zero `code` in its `{code, message, data}` envelope, even with HTTP 200. */
  | "result"
  /** A webhook delivery that is not what LiveDesk documents. */
  | "invalid_webhook";

/**
 * The second argument of every error constructor: each field but `cause` becomes a field of the error, e.g.
 * `new LiveDeskNotFoundError("…", { code: "not_found", status: 404, body, contentType, method, url })`. The client
 * builds these itself; the type is exported for code that constructs its own errors, such as test doubles.
 */
export interface LiveDeskErrorDetails {
  /** Becomes the error's {@link LiveDeskError.code}. */
  code: LiveDeskErrorCode;
  /** HTTP method of the failed request, e.g. `"GET"`. */
  method?: string | undefined;
  /** Full URL of the failed request, query string included. */
  url?: string | undefined;
  /** The underlying failure; becomes the standard `Error.cause`. */
  cause?: unknown;
  /** Fields of the subclass, e.g. `status` of a `LiveDeskHttpError`. */
  [field: string]: unknown;
}

/** The details of an error about a response: those of {@link LiveDeskHttpError} and its subclasses. */
export interface LiveDeskResponseDetails extends LiveDeskErrorDetails {
  /** The HTTP status code. */
  status: number;
  /** The parsed JSON body, else the body text (at most 2,000 characters). */
  body: unknown;
  /** The response's `Content-Type` header, `undefined` when it sent none. */
  contentType: string | undefined;
  /** The server's `X-Request-Id`, when it sent one. */
  requestId?: string | undefined;
}

// Brands instead of prototype identity, so `instanceof` holds even when an application loads both the ESM and the
// CJS build of this package (two copies of every class).
const BRANDS = Symbol.for("@livedesk/client/error-brands");

/**
 * Base class of every error this client throws; branch on the subclass or on {@link LiveDeskError.code}. No error
 * ever carries the API key or secret: not in its message, fields, stack or `cause`, so all of them are safe to log.
 * `instanceof` holds even when an application loads both the ESM and the CJS build of this package. `name` is the
 * class's name, e.g. `"LiveDeskNotFoundError"`.
 */
export class LiveDeskError extends Error {
  /**
   * The class's name, which its instances record for `instanceof` and take as `name`. Every subclass declares its own.
   * @internal An implementation detail of `instanceof`, hidden from the reference (as in every subclass).
   */
  static readonly brand: string = "LiveDeskError";
  /** What went wrong, one {@link LiveDeskErrorCode} per class, for branching: `if (error.code === "rate_limit")`. */
  declare readonly code: LiveDeskErrorCode;
  /**
   * HTTP method of the request that failed, e.g. `"GET"`; `undefined` when no request was involved (a bad argument,
   * a webhook body, a stalled or incomplete export).
   */
  declare readonly method: string | undefined;
  /** Full URL of the request that failed, query string included; `undefined` when no request was involved. */
  declare readonly url: string | undefined;
  /** Set by `listAll`: the page it was reading; `listAll(query, { startPage: page })` resumes there. */
  declare page?: number;
  /** Set by `listAll`: how many contacts it had delivered before the failure. */
  declare delivered?: number;

  /**
   * `instanceof` by the brands an instance records rather than by prototype, so that it holds across two copies of
   * a class (the ESM and the CJS build).
   * @internal An implementation detail of `instanceof`, hidden from the reference.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    const brands = typeof value === "object" && value !== null ? (value as { [BRANDS]?: unknown })[BRANDS] : undefined;
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass on the right of instanceof.
    return Array.isArray(brands) && brands.includes(this.brand);
  }

  /**
   * @param message - The error's message.
   * @param details - Its `code` and fields; `cause` becomes the standard `Error.cause`.
   */
  constructor(message: string, details: LiveDeskErrorDetails) {
    const { cause, ...fields } = details;
    super(message, cause === undefined ? undefined : { cause });
    const brands: string[] = [];
    for (let type: typeof LiveDeskError = new.target; type !== (Error as unknown); type = Object.getPrototypeOf(type)) {
      brands.push(type.brand);
    }
    Object.defineProperty(this, BRANDS, { value: brands });
    this.name = new.target.brand;
    Object.assign(this, { method: undefined, url: undefined }, fields);
  }
}

/** An argument that cannot be sent as given. Thrown before any request is made. */
export class LiveDeskArgumentError extends LiveDeskError {
  /** @internal */
  static override readonly brand: string = "LiveDeskArgumentError";
  /** The option or query parameter that was rejected, e.g. `"labels"`. */
  declare readonly argument: string;

  /**
   * @param argument - The option or query parameter that was rejected, e.g. `"labels"`.
   * @param message - What was wrong with it and how to fix it; the error's message is `Invalid <argument>: <message>`.
   */
  constructor(argument: string, message: string) {
    super(`Invalid ${argument}: ${message}`, { code: "invalid_argument", argument });
  }
}

/**
 * The server answered, but not with success (code `http`): any non-2xx status without a subclass of its own, e.g.
 * 400, or 408 and 409 after the retries. Base class of the errors about a response, which narrow down the status.
 * Its message says where the answer came from: `HTTP 404 on GET /api/v2/accounts/contacts/{id}, request id …`.
 */
export class LiveDeskHttpError extends LiveDeskError {
  /** @internal */
  static override readonly brand: string = "LiveDeskHttpError";
  /** The HTTP status code, e.g. `404`; 2xx for `LiveDeskResultError`, and mostly for `LiveDeskInvalidResponseError`. */
  declare readonly status: number;
  /**
   * The response body: its parsed JSON, or its text (at most 2,000 characters) when it is not JSON. For
   * `LiveDeskInvalidResponseError`, the first 500 characters of the text, or `undefined` if it could not be read.
   */
  declare readonly body: unknown;
  /** The response's `Content-Type` header, `undefined` when it sent none. */
  declare readonly contentType: string | undefined;
  /** The server's `X-Request-Id`, when it sent one; the message shows it too. */
  declare readonly requestId: string | undefined;
}

/** HTTP 401 (code `authentication`): the API key or secret is missing or wrong. Never retried. */
export class LiveDeskAuthenticationError extends LiveDeskHttpError {
  /** @internal */
  static override readonly brand: string = "LiveDeskAuthenticationError";
}

/** HTTP 403 (code `permission`): the API key may not do this. Never retried. */
export class LiveDeskPermissionError extends LiveDeskHttpError {
  /** @internal */
  static override readonly brand: string = "LiveDeskPermissionError";
}

/** HTTP 404 (code `not_found`): no such resource; check the id in the path. Never retried. */
export class LiveDeskNotFoundError extends LiveDeskHttpError {
  /** @internal */
  static override readonly brand: string = "LiveDeskNotFoundError";
}

/** HTTP 422 (code `validation`): the server rejected the request's content. Never retried. */
export class LiveDeskValidationError extends LiveDeskHttpError {
  /** @internal */
  static override readonly brand: string = "LiveDeskValidationError";
  /** The server's own explanation (`message` or `error` in the body), when it gave one. */
  declare readonly serverMessage: string | undefined;
}

/** HTTP 429 (code `rate_limit`): too many requests, still after the retries the policy allowed. */
export class LiveDeskRateLimitError extends LiveDeskHttpError {
  /** @internal */
  static override readonly brand: string = "LiveDeskRateLimitError";
  /** How long the server asked to wait (`Retry-After`), in milliseconds, when it said. */
  declare readonly retryAfterMs: number | undefined;
}

/**
 * HTTP 5xx (code `server`): the server failed, still after the retries the policy allowed (500, 502, 503 and 504 are
 * retried when the request may be repeated).
 */
export class LiveDeskServerError extends LiveDeskHttpError {
  /** @internal */
  static override readonly brand: string = "LiveDeskServerError";
}

/**
 * A 2xx response whose body is not what the API description promises (code `invalid_response`): not JSON (an HTML
 * page, truncated JSON) or not the expected shape. `body` holds its first 500 characters. Also thrown, with any status
 * and `body` `undefined`, when reading a body fails other than by a broken connection. Never retried.
 */
export class LiveDeskInvalidResponseError extends LiveDeskHttpError {
  /** @internal */
  static override readonly brand: string = "LiveDeskInvalidResponseError";
}

/**
 * No complete answer, up to the last byte of the body, within `timeoutMs` (code `timeout`), still after the retries the
 * policy allowed. The request was aborted.
 */
export class LiveDeskTimeoutError extends LiveDeskError {
  /** @internal */
  static override readonly brand: string = "LiveDeskTimeoutError";
  /** The time each attempt was allowed, in milliseconds: the client's or the call's `timeoutMs`. */
  declare readonly timeoutMs: number;
}

/**
 * The connection failed (code `connection`): refused, reset, DNS, a body cut off, or whatever a custom `fetch` threw,
 * still after the retries the policy allowed. `cause` keeps the failure's text and its system error code as
 * `cause.code`, e.g. `ECONNREFUSED`; never the object that was thrown.
 */
export class LiveDeskConnectionError extends LiveDeskError {
  /** @internal */
  static override readonly brand: string = "LiveDeskConnectionError";
}

/**
 * `listAll` or `searchAll` stopped because the server does not seem to honour `page` (code `pagination_stalled`): it
 * answered with another page number, or with the same contacts as the page before. Continuing could repeat contacts
 * forever. Carries `page` and `delivered`.
 */
export class LiveDeskPaginationError extends LiveDeskError {
  /** @internal */
  static override readonly brand: string = "LiveDeskPaginationError";
}

/**
 * `listAll` or `searchAll` would have ended short (code `incomplete_export`): the server's own numbers say contacts
 * are missing (a short or empty page while `meta.count` says more follow, a total that falls mid-way, `has_more: true`
 * on an empty page), or a page held an item that is not a contact. Carries `page`, `delivered` and `claimed`.
 */
export class LiveDeskIncompleteExportError extends LiveDeskError {
  /** @internal */
  static override readonly brand: string = "LiveDeskIncompleteExportError";
  /**
   * The total the server claimed (`meta.count`), when it sent one; `undefined` for searches, where `meta.count` counts
   * one page only.
   */
  declare readonly claimed: number | undefined;
}

/**
 * The ticket API said no inside a 2xx answer (code `result`): its `{code, message, data}` envelope has a non-zero
 * `code`. `body` is the whole envelope.
 */
export class LiveDeskResultError extends LiveDeskHttpError {
  /** @internal */
  static override readonly brand: string = "LiveDeskResultError";
  /** The envelope's `code`. */
  declare readonly resultCode: number;
  /** The envelope's `message`, when it sent one. */
  declare readonly resultMessage: string | undefined;
}

/**
 * Thrown by {@link parseWebhookEvent} for a body that cannot be a LiveDesk delivery (code `invalid_webhook`). Its
 * message says what is wrong and quotes at most the first 60 characters of any value.
 */
export class LiveDeskWebhookError extends LiveDeskError {
  /** @internal */
  static override readonly brand: string = "LiveDeskWebhookError";
}

const SERVER_MESSAGE_LIMIT = 300;
const BODY_TEXT_LIMIT = 2_000;

/** Where an answer came from, for messages: `HTTP 404 on GET /path, request id abc`. */
export function answerPlace(details: LiveDeskResponseDetails, path: string): string {
  return `HTTP ${details.status} on ${details.method} ${path}${details.requestId ? `, request id ${details.requestId}` : ""}`;
}

/** The error class, code and advice for the statuses LiveDesk documents; `%` stands for where the answer came from. */
const STATUS_ERRORS: Record<number, [typeof LiveDeskHttpError, LiveDeskErrorCode, string]> = {
  401: [
    LiveDeskAuthenticationError,
    "authentication",
    "LiveDesk rejected the credentials (%). Check the API key and secret (console: Project Settings → API Management).",
  ],
  403: [LiveDeskPermissionError, "permission", "The API key lacks permission for this request (%)."],
  404: [LiveDeskNotFoundError, "not_found", "Not found (%). Check the id in the path."],
  422: [LiveDeskValidationError, "validation", "LiveDesk rejected the request's content (%)."],
  429: [LiveDeskRateLimitError, "rate_limit", "Rate limited by LiveDesk (%)."],
};

/** Builds the error for a non-2xx response, with advice for the statuses LiveDesk documents. */
export function errorFromResponse(response: Response, method: string, path: string, body: unknown): LiveDeskHttpError {
  const { status } = response;
  const details = responseDetails(
    response,
    method,
    "http",
    typeof body === "string" ? truncate(body, BODY_TEXT_LIMIT) : body,
  );
  const [type, code, advice] =
    STATUS_ERRORS[status] ??
    (status >= 500
      ? [LiveDeskServerError, "server", "LiveDesk failed to answer (%)."]
      : [LiveDeskHttpError, "http", "LiveDesk answered %."]);
  const said = serverMessage(body);
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), Date.now());
  const wait =
    status === 429 && retryAfterMs !== undefined
      ? ` The server asked to wait ${Math.ceil(retryAfterMs / 1000)} s.`
      : "";
  return new type(
    `${advice.replace("%", () => answerPlace(details, path))}${wait}${said ? ` Server said: ${said}` : ""}`,
    {
      ...details,
      code,
      ...(status === 422 ? { serverMessage: said } : status === 429 ? { retryAfterMs } : {}),
    },
  );
}

const REQUEST_ID_LIMIT = 200;
/** What every error about an answer carries, read from the response. */
export function responseDetails(
  response: Response,
  method: string,
  code: LiveDeskErrorCode,
  body: unknown,
): LiveDeskResponseDetails {
  const requestId = response.headers.get("x-request-id");
  return {
    code,
    status: response.status,
    body,
    contentType: response.headers.get("content-type") ?? undefined,
    requestId: requestId ? truncate(requestId, REQUEST_ID_LIMIT) : undefined,
    method,
    url: response.url || undefined,
  };
}

/**
 * Says where in an export `error` happened: the page `listAll` was reading and how many contacts it had delivered.
 * Anything but a LiveDeskError (the caller's own abort reason) is left as it is.
 */
export function atPage(error: unknown, page: number, delivered: number): unknown {
  if (error instanceof LiveDeskError && error.page === undefined) {
    error.page = page;
    error.delivered = delivered;
    rewriteMessage(
      error,
      `${error.message} [listAll: page ${page}, ${delivered} contacts delivered; listAll(query, { startPage: ${page} }) resumes here]`,
    );
  }
  return error;
}

/** Replaces an error's message, and its copy at the top of the stack. */
function rewriteMessage(error: Error, message: string): void {
  const { stack } = error;
  if (typeof stack === "string") {
    const at = stack.indexOf(error.message);
    error.stack = at < 0 ? stack : `${stack.slice(0, at)}${message}${stack.slice(at + error.message.length)}`;
  }
  error.message = message;
}

function serverMessage(body: unknown): string | undefined {
  let text: string | undefined;
  if (typeof body === "string") {
    text = body;
  } else if (body && typeof body === "object") {
    const { message, error } = body as { message?: unknown; error?: unknown };
    text = typeof message === "string" ? message : typeof error === "string" ? error : undefined;
  }
  text = text?.trim();
  return text ? truncate(text, SERVER_MESSAGE_LIMIT) : undefined;
}
