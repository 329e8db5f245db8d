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
  /** No complete response within `timeoutMs`. The request was aborted. */
  | "timeout"
  /** The connection failed (refused, reset, DNS), after the retries the policy allowed. */
  | "connection"
  /** A 2xx response whose body is not the JSON the API description promises. */
  | "invalid_response"
  /** Auto-pagination stopped because the server does not seem to honour `page`. */
  | "pagination_stalled"
  /** The ticket API answered with a non-zero `code` in its `{code, message, data}` envelope, even with HTTP 200. */
  | "result"
  /** A webhook delivery that is not what LiveDesk documents. */
  | "invalid_webhook";

export interface LiveDeskErrorDetails {
  code: LiveDeskErrorCode;
  /** HTTP method of the failed request. */
  method?: string | undefined;
  /** URL of the failed request (never carries credentials: the base URL may not contain any). */
  url?: string | undefined;
  cause?: unknown;
}

export interface LiveDeskResponseDetails extends LiveDeskErrorDetails {
  status: number;
  /** The parsed JSON body, else the body text (at most 2,000 characters). */
  body: unknown;
  contentType: string | undefined;
}

// Brands instead of prototype identity, so `instanceof` holds even when an application loads both the ESM and the
// CJS build of this package (two copies of every class).
const BRANDS = Symbol.for("@livedesk/client/error-brands");

/**
 * Base class of every error this client throws. No error ever carries the API key or secret: not in its message,
 * fields, stack or `cause`, so all of them are safe to log.
 */
export class LiveDeskError extends Error {
  static readonly brand: string = "LiveDeskError";
  readonly code: LiveDeskErrorCode;
  readonly method: string | undefined;
  readonly url: string | undefined;

  static override [Symbol.hasInstance](value: unknown): boolean {
    const brands = typeof value === "object" && value !== null ? (value as { [BRANDS]?: unknown })[BRANDS] : undefined;
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass on the right of instanceof.
    return Array.isArray(brands) && brands.includes(this.brand);
  }

  constructor(message: string, details: LiveDeskErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    const brands: string[] = [];
    for (let type: typeof LiveDeskError = new.target; type !== (Error as unknown); type = Object.getPrototypeOf(type)) {
      brands.push(type.brand);
    }
    Object.defineProperty(this, BRANDS, { value: brands });
    this.name = new.target.brand;
    this.code = details.code;
    this.method = details.method;
    this.url = details.url;
  }
}

/** An argument that cannot be sent as given. Thrown before any request is made. */
export class LiveDeskArgumentError extends LiveDeskError {
  static override readonly brand: string = "LiveDeskArgumentError";
  /** The option or query parameter that was rejected, e.g. `"labels"`. */
  readonly argument: string;

  constructor(argument: string, message: string) {
    super(`Invalid ${argument}: ${message}`, { code: "invalid_argument" });
    this.argument = argument;
  }
}

/** The server answered, but not with success. Subclasses narrow down the status. */
export class LiveDeskHttpError extends LiveDeskError {
  static override readonly brand: string = "LiveDeskHttpError";
  readonly status: number;
  readonly body: unknown;
  readonly contentType: string | undefined;

  constructor(message: string, details: LiveDeskResponseDetails) {
    super(message, details);
    this.status = details.status;
    this.body = details.body;
    this.contentType = details.contentType;
  }
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
  readonly serverMessage: string | undefined;

  constructor(message: string, details: LiveDeskResponseDetails) {
    super(message, details);
    this.serverMessage = serverMessage(details.body);
  }
}

export class LiveDeskRateLimitError extends LiveDeskHttpError {
  static override readonly brand: string = "LiveDeskRateLimitError";
  /** How long the server asked to wait (`Retry-After`), in milliseconds, when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: LiveDeskResponseDetails & { retryAfterMs: number | undefined }) {
    super(message, details);
    this.retryAfterMs = details.retryAfterMs;
  }
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
  readonly timeoutMs: number;

  constructor(message: string, details: LiveDeskErrorDetails & { timeoutMs: number }) {
    super(message, details);
    this.timeoutMs = details.timeoutMs;
  }
}

export class LiveDeskConnectionError extends LiveDeskError {
  static override readonly brand: string = "LiveDeskConnectionError";
}

export class LiveDeskPaginationError extends LiveDeskError {
  static override readonly brand: string = "LiveDeskPaginationError";
}

/** The ticket API's envelope said no: `{code: non-zero, message}`, whatever the HTTP status. */
export class LiveDeskResultError extends LiveDeskHttpError {
  static override readonly brand: string = "LiveDeskResultError";
  /** The envelope's `code`. */
  readonly resultCode: number;
  /** The envelope's `message`, when it sent one. */
  readonly resultMessage: string | undefined;

  constructor(
    message: string,
    details: LiveDeskResponseDetails & { resultCode: number; resultMessage: string | undefined },
  ) {
    super(message, details);
    this.resultCode = details.resultCode;
    this.resultMessage = details.resultMessage;
  }
}

/** A webhook body that cannot be a LiveDesk delivery. */
export class LiveDeskWebhookError extends LiveDeskError {
  static override readonly brand: string = "LiveDeskWebhookError";
}

const SERVER_MESSAGE_LIMIT = 300;
const BODY_TEXT_LIMIT = 2_000;

/** Builds the error for a non-2xx response, with advice for the statuses LiveDesk documents. */
export function errorFromResponse(response: Response, method: string, path: string, body: unknown): LiveDeskHttpError {
  const { status } = response;
  const where = `HTTP ${status} on ${method} ${path}`;
  const said = serverMessage(body);
  const suffix = said ? ` Server said: ${said}` : "";
  const details = responseDetails(
    response,
    method,
    "http",
    typeof body === "string" ? truncate(body, BODY_TEXT_LIMIT) : body,
  );
  if (status === 401) {
    return new LiveDeskAuthenticationError(
      `LiveDesk rejected the credentials (${where}). Check the API key and secret (console: Project Settings → API Management).${suffix}`,
      { ...details, code: "authentication" },
    );
  }
  if (status === 403) {
    return new LiveDeskPermissionError(`The API key lacks permission for this request (${where}).${suffix}`, {
      ...details,
      code: "permission",
    });
  }
  if (status === 404) {
    return new LiveDeskNotFoundError(`Not found (${where}). Check the id in the path.${suffix}`, {
      ...details,
      code: "not_found",
    });
  }
  if (status === 422) {
    return new LiveDeskValidationError(`LiveDesk rejected the request's content (${where}).${suffix}`, {
      ...details,
      code: "validation",
    });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), Date.now());
    const wait = retryAfterMs === undefined ? "" : ` The server asked to wait ${Math.ceil(retryAfterMs / 1000)} s.`;
    return new LiveDeskRateLimitError(`Rate limited by LiveDesk (${where}).${wait}${suffix}`, {
      ...details,
      code: "rate_limit",
      retryAfterMs,
    });
  }
  if (status >= 500) {
    return new LiveDeskServerError(`LiveDesk failed to answer (${where}).${suffix}`, { ...details, code: "server" });
  }
  return new LiveDeskHttpError(`LiveDesk answered ${where}.${suffix}`, details);
}

/** What every error about an answer carries, read from the response. */
export function responseDetails(
  response: Response,
  method: string,
  code: LiveDeskErrorCode,
  body: unknown,
): LiveDeskResponseDetails {
  return {
    code,
    status: response.status,
    body,
    contentType: response.headers.get("content-type") ?? undefined,
    method,
    url: response.url || undefined,
  };
}

/** `Retry-After` in milliseconds from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === "") {
    return undefined;
  }
  if (/^\s*\d+\s*$/.test(value)) {
    return Number(value) * 1000;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
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

export function truncate(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}
