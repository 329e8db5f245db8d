import { LiveDeskArgumentError } from "./errors.js";

/** `Authorization` value for HTTP Basic (RFC 7617): key and secret joined by a colon, UTF-8, base64. */
export function basicAuthorization(apiKey: unknown, apiSecret: unknown): string {
  assertCredential("apiKey", apiKey);
  assertCredential("apiSecret", apiSecret);
  // RFC 7617: the user-id cannot contain a colon, the password can.
  if (apiKey.includes(":")) {
    throw new LiveDeskArgumentError("apiKey", "an API key cannot contain ':'. Did you pass 'key:secret' as the key?");
  }
  const bytes = new TextEncoder().encode(`${apiKey}:${apiSecret}`);
  let binary = "";
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return `Basic ${btoa(binary)}`;
}

// Messages name the option but never echo its value: it is a credential.
function assertCredential(name: "apiKey" | "apiSecret", value: unknown): asserts value is string {
  if (typeof value !== "string") {
    throw new LiveDeskArgumentError(name, `expected a string, got ${value === null ? "null" : typeof value}.`);
  }
  if (value.trim() === "") {
    throw new LiveDeskArgumentError(
      name,
      "it is empty. Create an API key and secret in the LiveDesk console (Project Settings → API Management).",
    );
  }
}
