import { answerPlace, errorFromResponse, LiveDeskInvalidResponseError, responseDetails } from "./errors.js";
import type { RequestOptions } from "./types.js";
import { truncate } from "./values.js";

/** What an openapi-fetch call resolves to when asked for `parseAs: "text"`. */
interface TextResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

const BODY_EXCERPT_LIMIT = 500;

export interface JsonAnswer {
  /** The parsed body; `undefined` for an empty body when `allowEmpty`. */
  body: unknown;
  response: Response;
  text: string;
}

/**
 * The parsed JSON body of a 2xx answer. A non-2xx answer throws its typed error; a 2xx body that is not JSON throws
 * `LiveDeskInvalidResponseError` with the start of the body. An empty body is `undefined` when `allowEmpty`.
 * The caller's `onResponse` sees the response first, whatever its status.
 */
export async function jsonBody(
  call: Promise<TextResult>,
  method: string,
  path: string,
  { onResponse }: RequestOptions,
  allowEmpty = false,
): Promise<JsonAnswer> {
  const { data, error, response } = await call;
  onResponse?.(response);
  if (!response.ok) {
    throw errorFromResponse(response, method, path, error);
  }
  const text = typeof data === "string" ? data : "";
  if (text === "" && allowEmpty) {
    return { body: undefined, response, text };
  }
  try {
    return { body: JSON.parse(text), response, text };
  } catch {
    throw invalidResponse(response, text, method, path, "is not JSON");
  }
}

export function invalidResponse(
  response: Response,
  text: string,
  method: string,
  path: string,
  problem: string,
): LiveDeskInvalidResponseError {
  const details = responseDetails(response, method, "invalid_response", truncate(text, BODY_EXCERPT_LIMIT));
  return new LiveDeskInvalidResponseError(
    `LiveDesk answered ${answerPlace(details, path)} (${details.contentType ?? "no content type"}), but the body ${problem}. It begins: ${JSON.stringify(text.slice(0, 120))}`,
    details,
  );
}
