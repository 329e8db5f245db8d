import { basicAuthorization } from "./http.js";

/**
 * Replaces every form in which the key or the secret could show up in text: as given, joined as `key:secret`, base64
 * (the Basic credential), percent-encoded and JSON-escaped. A server may echo any of them in a body or a header.
 */
export function credentialRedactor(credentials: { apiKey: string; apiSecret: string }): (text: string) => string {
  const { apiKey, apiSecret } = credentials;
  const plain = [apiKey, apiSecret, `${apiKey}:${apiSecret}`, basicAuthorization(credentials).slice("Basic ".length)];
  const forms = [
    ...new Set(plain.flatMap((form) => [form, encodeURIComponent(form), JSON.stringify(form).slice(1, -1)])),
  ]
    .filter((form) => form !== "")
    .sort((a, b) => b.length - a.length);
  return (text) => forms.reduce((redacted, form) => redacted.replaceAll(form, "[redacted]"), text);
}
