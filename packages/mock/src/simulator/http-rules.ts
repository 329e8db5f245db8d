import { describeErrors, type OperationRules, type ParameterRule, parameterValue } from "./spec.js";

/** An answer: status, JSON body, extra headers. */
export type Answer = [status: number, body: unknown, headers?: Record<string, string>];

/** A refusal thrown from inside a handler and answered as it is. */
export class Refusal {
  constructor(readonly answer: Answer) {}
}

/** Refuses with this status and body; without a body, with the spec's example body for the status (see `respond`). */
export function refuse(status: number, body?: unknown): never {
  throw new Refusal([status, body]);
}

export function json([status, body, headers]: Answer): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** Whether an `Authorization` header is HTTP Basic with exactly these credentials (`key:secret`). */
export function authenticated(header: string | null, credentials: string): boolean {
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  return match?.[1] !== undefined && Buffer.from(match[1], "base64").toString("utf8") === credentials;
}

/** Refuses (422, upstream's record-invalid body) path and query parameters the spec does not allow. */
export function checkParameters(rule: OperationRules, read: (parameter: ParameterRule) => string | undefined): void {
  const problems: string[] = [];
  const attributes: string[] = [];
  for (const parameter of rule.parameters) {
    const raw = read(parameter);
    const where = `${parameter.in} parameter ${parameter.name}`;
    if (raw === undefined) {
      if (parameter.required) {
        problems.push(`${where} is required`);
        attributes.push(parameter.name);
      }
    } else if (!parameter.validate(parameterValue(parameter, raw))) {
      problems.push(...describeErrors(where, parameter.validate.errors));
      attributes.push(parameter.name);
    }
  }
  if (problems.length > 0) {
    refuse(422, { message: problems.join(", "), attributes });
  }
}

/** The JSON body, or a refusal when it is missing, not JSON, or sent as another content type. */
export async function readBody(request: Request, rule: OperationRules): Promise<unknown> {
  const text = await request.text();
  if (text === "") {
    return rule.body?.required ? refuse(422, { error: "The request body is missing: send JSON." }) : undefined;
  }
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    refuse(415, { error: `Send the body as JSON with Content-Type: application/json, not "${type}".` });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    return refuse(422, { error: `The request body is not valid JSON: ${(error as Error).message}` });
  }
}

/** Refuses (422, upstream's record-invalid body) a body the spec does not allow. */
export function checkBody(rule: OperationRules, body: unknown): void {
  const validate = rule.body?.validate;
  if (validate && !validate(body)) {
    const errors = validate.errors ?? [];
    refuse(422, {
      message: describeErrors("body", errors).join(", "),
      attributes: [...new Set(errors.map(attributeOf).filter(Boolean))],
    });
  }
}

function attributeOf(error: { instancePath: string; params: Record<string, unknown> }): string {
  const [first] = error.instancePath.split("/").filter(Boolean);
  return first ?? String(error.params.missingProperty ?? error.params.additionalProperty ?? "");
}

/** What undici's `fetch` throws when the server resets the connection. */
export function connectionReset(): TypeError {
  const cause = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET", syscall: "read" });
  return new TypeError("fetch failed", { cause });
}

/** Waits `ms` (for ever with `Infinity`), or rejects with the signal's reason when it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer =
      ms === Infinity
        ? undefined
        : setTimeout(() => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
