import { defaultBodySerializer } from "openapi-fetch";
import { LiveDeskArgumentError } from "./errors.js";

/**
 * openapi-fetch's `bodySerializer`: its default, except that a body JSON cannot hold (a cycle, a BigInt) is an
 * argument error before anything is sent, not a failure to reach LiveDesk.
 */
export function serializeBody(body: unknown, headers?: unknown): string {
  try {
    // openapi-fetch passes the headers too, so that its default can honour a form-encoded Content-Type.
    return (defaultBodySerializer as (body: unknown, headers?: unknown) => string)(body, headers);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/\s+/g, " ") : String(error);
    throw new LiveDeskArgumentError("body", `it cannot be sent as JSON (${reason}).`);
  }
}
