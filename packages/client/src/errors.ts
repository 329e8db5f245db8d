/** What went wrong, for callers that branch on errors: `if (error.code === "unauthorized")`. */
export type LiveDeskErrorCode =
  /** An argument was rejected before any request was sent. */
  | "invalid_argument"
  /** HTTP 401: the API key or secret is missing or wrong. */
  | "unauthorized"
  /** HTTP 403: the key may not do this. */
  | "forbidden"
  /** Any other non-2xx status. */
  | "http_error"
  /** A 2xx response whose body is not the JSON the API description promises. */
  | "invalid_response"
  /** Auto-pagination stopped because the server does not seem to honour `page`. */
  | "pagination_stalled";

export interface LiveDeskErrorDetails {
  code: LiveDeskErrorCode;
  /** HTTP status, when a response was received. */
  status?: number | undefined;
  /** The parsed response body (JSON, else text), when a response was received. */
  body?: unknown;
  /** HTTP method of the failed request. */
  method?: string | undefined;
  /** URL of the failed request (never carries credentials: the base URL may not contain any). */
  url?: string | undefined;
  cause?: unknown;
}

/**
 * Every error this client throws. It never carries the API key or secret: not in its message, its fields or its
 * `cause`, so it is safe to log.
 */
export class LiveDeskError extends Error {
  override name = "LiveDeskError";
  readonly code: LiveDeskErrorCode;
  readonly status: number | undefined;
  readonly body: unknown;
  readonly method: string | undefined;
  readonly url: string | undefined;

  constructor(message: string, details: LiveDeskErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = details.code;
    this.status = details.status;
    this.body = details.body;
    this.method = details.method;
    this.url = details.url;
  }
}

/** An argument that cannot be sent as given. Thrown before any request is made. */
export class LiveDeskArgumentError extends LiveDeskError {
  override name = "LiveDeskArgumentError";
  /** The option or query parameter that was rejected, e.g. `"labels"`. */
  readonly argument: string;

  constructor(argument: string, message: string) {
    super(`Invalid ${argument}: ${message}`, { code: "invalid_argument" });
    this.argument = argument;
  }
}

const SERVER_MESSAGE_LIMIT = 300;

/** Builds the error for a non-2xx response, with advice for the statuses LiveDesk documents. */
export function errorFromResponse(response: Response, method: string, path: string, body: unknown): LiveDeskError {
  const { status } = response;
  const where = `${method} ${path}`;
  const serverSays = serverMessage(body);
  const suffix = serverSays ? ` Server said: ${serverSays}` : "";
  const details = { status, body, method, url: response.url || undefined };
  if (status === 401) {
    return new LiveDeskError(
      `LiveDesk rejected the credentials (HTTP 401 on ${where}). Check the API key and secret (console: Project Settings → API Management).${suffix}`,
      { ...details, code: "unauthorized" },
    );
  }
  if (status === 403) {
    return new LiveDeskError(`The API key lacks permission for this request (HTTP 403 on ${where}).${suffix}`, {
      ...details,
      code: "forbidden",
    });
  }
  return new LiveDeskError(`LiveDesk answered HTTP ${status} on ${where}.${suffix}`, {
    ...details,
    code: "http_error",
  });
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
  if (!text) {
    return undefined;
  }
  return text.length > SERVER_MESSAGE_LIMIT ? `${text.slice(0, SERVER_MESSAGE_LIMIT)}…` : text;
}
