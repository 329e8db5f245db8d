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

export interface LiveDeskErrorDetails {
  code: LiveDeskErrorCode;
  /** HTTP method of the failed request. */
  method?: string | undefined;
  /** URL of the failed request. */
  url?: string | undefined;
  cause?: unknown;
  /** Fields of the subclass, e.g. `status` of a `LiveDeskHttpError`. */
  [field: string]: unknown;
}

export interface LiveDeskResponseDetails extends LiveDeskErrorDetails {
  status: number;
  /** The parsed JSON body, else the body text (at most 2,000 characters). */
  body: unknown;
  contentType: string | undefined;
  /** The server's `X-Request-Id`, when it sent one. */
  requestId?: string | undefined;
}

// Brands instead of prototype identity, so `instanceof` holds even when an application loads both the ESM and the
// CJS build of this package (two copies of every class).
const BRANDS = Symbol.for("@livedesk/client/error-brands");

/**
 * Base class of every error this client throws. No error ever carries the API key or secret: not in its message,
 * fields, stack or `cause`, so all of them are safe to log. Each subclass's fields come from `details`.
 */
export class LiveDeskError extends Error {
  static readonly brand: string = "LiveDeskError";
  declare readonly code: LiveDeskErrorCode;
  declare readonly method: string | undefined;
  declare readonly url: string | undefined;
  /** Set by `listAll`: the page it was reading; `listAll(query, { startPage: page })` resumes there. */
  declare page?: number;
  /** Set by `listAll`: how many contacts it had delivered before the failure. */
  declare delivered?: number;

  static override [Symbol.hasInstance](value: unknown): boolean {
    const brands = typeof value === "object" && value !== null ? (value as { [BRANDS]?: unknown })[BRANDS] : undefined;
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass on the right of instanceof.
    return Array.isArray(brands) && brands.includes(this.brand);
  }

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
  static override readonly brand: string = "LiveDeskArgumentError";
  /** The option or query parameter that was rejected, e.g. `"labels"`. */
  declare readonly argument: string;

  constructor(argument: string, message: string) {
    super(`Invalid ${argument}: ${message}`, { code: "invalid_argument", argument });
  }
}

/** The server answered, but not with success. Subclasses narrow down the status. */
export class LiveDeskHttpError extends LiveDeskError {
  static override readonly brand: string = "LiveDeskHttpError";
  declare readonly status: number;
  declare readonly body: unknown;
  declare readonly contentType: string | undefined;
  /** The server's `X-Request-Id`, when it sent one; the message shows it too. */
  declare readonly requestId: string | undefined;
}

export class LiveDeskAuthenticationError extends LiveDeskHttpError {
  static override readonly brand: string = "LiveDeskAuthenticationError";
}

export class LiveDeskPermissionError extends LiveDeskHttpError {
  static override readonly brand: string = "LiveDeskPermissionError";
}

export class LiveDeskNotFoundError extends LiveDeskHttpError {
  static override readonly brand: string = "LiveDeskNotFoundError";
}

export class LiveDeskValidationError extends LiveDeskHttpError {
  static override readonly brand: string = "LiveDeskValidationError";
  /** The server's own explanation (`message` or `error` in the body), when it gave one. */
  declare readonly serverMessage: string | undefined;
}

export class LiveDeskRateLimitError extends LiveDeskHttpError {
  static override readonly brand: string = "LiveDeskRateLimitError";
  /** How long the server asked to wait (`Retry-After`), in milliseconds, when it said. */
  declare readonly retryAfterMs: number | undefined;
}

export class LiveDeskServerError extends LiveDeskHttpError {
  static override readonly brand: string = "LiveDeskServerError";
}

/** A 2xx response whose body is not what the API description promises. `body` holds its first bytes. */
export class LiveDeskInvalidResponseError extends LiveDeskHttpError {
  static override readonly brand: string = "LiveDeskInvalidResponseError";
}

export class LiveDeskTimeoutError extends LiveDeskError {
  static override readonly brand: string = "LiveDeskTimeoutError";
  declare readonly timeoutMs: number;
}

export class LiveDeskConnectionError extends LiveDeskError {
  static override readonly brand: string = "LiveDeskConnectionError";
}

export class LiveDeskPaginationError extends LiveDeskError {
  static override readonly brand: string = "LiveDeskPaginationError";
}

/** `listAll` would have ended short: the server's numbers say contacts are missing, or a page held a non-contact. */
export class LiveDeskIncompleteExportError extends LiveDeskError {
  static override readonly brand: string = "LiveDeskIncompleteExportError";
  /** The total the server claimed (`meta.count`), when it sent one. */
  declare readonly claimed: number | undefined;
}

/** The ticket API's envelope said no: `{code: non-zero, message}`, whatever the HTTP status. */
export class LiveDeskResultError extends LiveDeskHttpError {
  static override readonly brand: string = "LiveDeskResultError";
  /** The envelope's `code`. */
  declare readonly resultCode: number;
  /** The envelope's `message`, when it sent one. */
  declare readonly resultMessage: string | undefined;
}

/** A webhook body that cannot be a LiveDesk delivery. */
export class LiveDeskWebhookError extends LiveDeskError {
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
export function rewriteMessage(error: Error, message: string): void {
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
