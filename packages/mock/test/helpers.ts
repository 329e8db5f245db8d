import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { createLiveDeskClient, type LiveDeskClientOptions } from "@livedesk/client";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import { DEFAULT_CREDENTIALS, defaultSpecPath, type Simulator } from "../src/index.js";

export const CONTACTS = "/api/v2/accounts/contacts";
export const AUTH = {
  authorization: `Basic ${btoa(`${DEFAULT_CREDENTIALS.apiKey}:${DEFAULT_CREDENTIALS.apiSecret}`)}`,
};

/** The client as users build it, answering through `fetch` (the simulator's, or the global one for a server). */
export function clientFor(fetch: Simulator["fetch"] | undefined, options: Partial<LiveDeskClientOptions> = {}) {
  return createLiveDeskClient({ ...DEFAULT_CREDENTIALS, ...(fetch && { fetch }), ...options });
}

// biome-ignore lint/suspicious/noExplicitAny: answers of every shape, read field by field by the tests.
export type Json = Record<string, any>;

/** One raw request, as JSON in and out, to look at the wire without the client in between. */
export async function call(
  fetch: Simulator["fetch"],
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = AUTH,
): Promise<{ status: number; body: Json; headers: Headers }> {
  const response = await fetch(`https://livedesk-api.engagelab.com${path}`, {
    method,
    headers: { ...headers, ...(body !== undefined && { "content-type": "application/json" }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text), headers: response.headers };
}

/** A webhook receiver on loopback: each delivery resolves `next()`. */
export async function startWebhookReceiver(): Promise<{
  url: string;
  next(): Promise<{ headers: IncomingMessage["headers"]; body: unknown }>;
  close(): void;
}> {
  const received: { headers: IncomingMessage["headers"]; body: unknown }[] = [];
  const waiting: ((delivery: (typeof received)[number]) => void)[] = [];
  const server = createServer(async (request, response) => {
    let text = "";
    for await (const chunk of request) {
      text += chunk;
    }
    const delivery = { headers: request.headers, body: JSON.parse(text) };
    response.end();
    const waiter = waiting.shift();
    waiter ? waiter(delivery) : received.push(delivery);
  }).listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/livedesk/webhook`,
    next: () => {
      const delivery = received.shift();
      return delivery ? Promise.resolve(delivery) : new Promise((resolve) => waiting.push(resolve));
    },
    close: () => server.close(),
  };
}

const spec = JSON.parse(readFileSync(defaultSpecPath, "utf8")) as Json;

/** The spec's operation for a method and a path (`/api/v2/accounts/contacts/42`, or its template), with its pointer. */
function operation(method: string, path: string): { pointer: string; operation: Json } {
  for (const [template, item] of Object.entries(spec.paths as Json)) {
    const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, "[^/]+")}$`);
    if (pattern.test(path) && item[method.toLowerCase()]) {
      const pointer = `/paths/${template.replaceAll("~", "~0").replaceAll("/", "~1")}/${method.toLowerCase()}`;
      return { pointer, operation: item[method.toLowerCase()] };
    }
  }
  throw new Error(`No operation of the spec is ${method} ${path}`);
}

/** A node of the spec, following a local `$ref`. */
function dereference(node: Json): Json {
  return node.$ref
    ? dereference(
        node.$ref
          .slice(2)
          .split("/")
          .reduce((parent: Json, key: string) => parent[key.replaceAll("~1", "/")], spec),
      )
    : node;
}

/**
 * Checks requests and responses against the bundled spec, independently of the simulator's own checks: finds the
 * operation of a method and path, then validates the JSON body of the request and of the response with ajv.
 */
export function specChecker() {
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true, strict: false });
  ajvFormats.default(ajv);
  ajv.addSchema(spec, "spec");
  const compiled = new Map<string, ValidateFunction>();
  const validator = (pointer: string) => {
    const validate = compiled.get(pointer) ?? ajv.compile({ $ref: `spec#${pointer}` });
    compiled.set(pointer, validate);
    return validate;
  };
  const problems = (validate: ValidateFunction, value: unknown) =>
    validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);

  return {
    /** Problems of a request body; [] when it keeps to the spec. */
    request(method: string, path: string, body: unknown): string[] {
      const { pointer, operation: found } = operation(method, path);
      return found.requestBody
        ? problems(validator(`${pointer}/requestBody/content/application~1json/schema`), body)
        : [];
    },
    /** Problems of a response: an undeclared status, or a body that breaks its schema. */
    response(method: string, path: string, status: number, body: unknown): string[] {
      const { pointer, operation: found } = operation(method, path);
      const declared = found.responses[String(status)];
      if (!declared) {
        return [`status ${status} is not declared (${Object.keys(found.responses).join(", ")})`];
      }
      const at = declared.$ref ? `${declared.$ref.slice(1)}` : `${pointer}/responses/${status}`;
      return problems(validator(`${at}/content/application~1json/schema`), body);
    },
    /** Problems of a webhook payload. */
    webhook(name: string, payload: unknown): string[] {
      return problems(validator(`/webhooks/${name}/post/requestBody/content/application~1json/schema`), payload);
    },
  };
}

/**
 * The body of the spec's example for an error status of the operation at `method` and `path` (e.g. 404 of
 * `GET /api/v2/accounts/tickets/tk_1`): what the simulator must answer, read from the spec, not copied.
 */
export function documentedErrorBody(method: string, path: string, status: number): Json {
  const response = dereference(operation(method, path).operation.responses[String(status)]);
  const [example] = Object.values(response.content["application/json"].examples) as Json[];
  return dereference(example as Json).value;
}

/** The spec's named example of an operation's request body. */
export function specExample(name: string): Json {
  return spec.components.examples[name].value;
}
