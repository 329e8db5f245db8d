import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { findOperation, responseSchema, type SpecNode, undocumentedFields } from "./spec-fields.js";

/** A field in an upstream response that the spec does not declare: drift to know about, not a violation. */
export interface UndocumentedField {
  /** The operation it was seen in, as method and path template, e.g. `GET /api/v2/accounts/tickets/{ticket_id}`. */
  operation: string;
  /** The response status. */
  status: number;
  /** Where in the response, e.g. `response.body.payload[].surprise` (`[]`: in any item of the array). */
  location: string;
}

export interface ResponseTap {
  readonly url: string;
  close(): Promise<void>;
}

// Hop-by-hop headers, and those that no longer fit once fetch has decoded the body.
const NOT_FORWARDED = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
  "host",
  "content-length",
  "content-encoding",
  "proxy-authorization",
  "proxy-connection",
]);

/**
 * A loopback forwarder between Prism's validation proxy and the real upstream. Prism reports what breaks the spec;
 * the tap reads each JSON answer and reports fields the spec's schemas do not declare, once per operation, status
 * and location.
 */
export async function startResponseTap(options: {
  upstream: string;
  spec: SpecNode;
  onUndocumentedField: (field: UndocumentedField) => void;
}): Promise<ResponseTap> {
  const { upstream, spec, onUndocumentedField } = options;
  const base = upstream.replace(/\/+$/, "");
  const reported = new Set<string>();
  const server = createServer(async (request, response) => {
    try {
      const method = request.method ?? "GET";
      const answer = await fetch(`${base}${request.url ?? "/"}`, {
        method,
        headers: forwardedHeaders(request),
        redirect: "manual",
        ...(method === "GET" || method === "HEAD" ? {} : { body: new Uint8Array(await readBody(request)) }),
      });
      const body = Buffer.from(await answer.arrayBuffer());
      const path = new URL(request.url ?? "/", "http://tap").pathname;
      for (const field of fieldsNotInSpec(spec, method, path, answer, body)) {
        const key = `${field.operation} ${field.status} ${field.location}`;
        if (!reported.has(key)) {
          reported.add(key);
          onUndocumentedField(field);
        }
      }
      const headers: [string, string][] = [];
      answer.headers.forEach((value, name) => {
        if (!NOT_FORWARDED.has(name) && name !== "set-cookie") {
          headers.push([name, value]);
        }
      });
      for (const cookie of answer.headers.getSetCookie()) {
        headers.push(["set-cookie", cookie]);
      }
      response.writeHead(answer.status, headers.flat()).end(body);
    } catch (error) {
      response
        .writeHead(502, { "content-type": "application/json" })
        .end(JSON.stringify({ error: `The validation proxy could not reach ${base}: ${(error as Error).message}` }));
    }
  }).listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function fieldsNotInSpec(
  spec: SpecNode,
  method: string,
  path: string,
  answer: Response,
  body: Buffer,
): UndocumentedField[] {
  const found = findOperation(spec, method, path);
  if (!found || !/\bjson\b/i.test(answer.headers.get("content-type") ?? "")) {
    return [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    return [];
  }
  const schema = responseSchema(spec, found.operation, answer.status);
  return undocumentedFields(spec, schema, parsed).map((location) => ({
    operation: `${method} ${found.template}`,
    status: answer.status,
    location: `response.body.${location}`,
  }));
}

function forwardedHeaders(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && !NOT_FORWARDED.has(name)) {
      for (const each of Array.isArray(value) ? value : [value]) {
        headers.append(name, each);
      }
    }
  }
  return headers;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
