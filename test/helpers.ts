import { readFileSync } from "node:fs";
import { type Contact, createLiveDeskClient, type LiveDeskClientOptions } from "@livedesk/client";
import { connectSimulator, DEFAULT_CREDENTIALS, type SimulatedContact } from "@livedesk/mock";
import type {} from "@livedesk/mock/vitest"; // types inject("livedeskMockUrl") and inject("livedeskMockControlUrl")
import { openapiJsonPath } from "@livedesk/openapi";
import { inject } from "vitest";

export const CONTACTS = "/api/v2/accounts/contacts";

/** The stateful mock of the run (see vitest.config.ts), and its controls: state, reset, faults. */
export const mockUrl = inject("livedeskMockUrl");
export const mock = connectSimulator(inject("livedeskMockControlUrl"));

/** The built client, pointed at the mock with the credentials the simulator accepts. */
export function client(options: Partial<LiveDeskClientOptions> = {}) {
  return createLiveDeskClient({ ...DEFAULT_CREDENTIALS, baseUrl: mockUrl, ...options });
}

// biome-ignore lint/suspicious/noExplicitAny: the spec as parsed JSON, read along known paths.
type Json = Record<string, any>;
const spec = JSON.parse(readFileSync(openapiJsonPath, "utf8")) as Json;
const dereference = (node: Json): Json =>
  node.$ref
    ? dereference(
        node.$ref
          .slice(2)
          .split("/")
          .reduce((parent: Json, key: string) => parent[key], spec),
      )
    : node;

/**
 * The body of the spec's example for an error status of an operation, by its path template (e.g. 404 of
 * `GET /api/v2/accounts/tickets/{ticket_id}`): LiveDesk documents no error body, so the mock answers with this one.
 */
export function documentedErrorBody(method: string, template: string, status: number): unknown {
  const response = dereference(spec.paths[template][method.toLowerCase()].responses[String(status)]);
  const [example] = Object.values(response.content["application/json"].examples) as Json[];
  return example && dereference(example).value;
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const item of items) {
    collected.push(item);
  }
  return collected;
}

export const ids = (contacts: readonly (Contact | SimulatedContact)[]) => contacts.map((contact) => contact.id);

/** The query string of the last request the mock saw, as it arrived on the wire. */
export async function lastQuery(): Promise<string | undefined> {
  return (await mock.state()).requests.at(-1)?.query;
}

/**
 * A ```ts example of a README, found by the `<!-- example: name -->` comment before it, as JavaScript: the tests run
 * the README's own examples, so the two cannot drift apart.
 */
export async function readmeExample(readme: URL, name: string): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  const text = await readFile(readme, "utf8");
  const match = new RegExp(`<!-- example: ${name} -->\\s*\`\`\`ts\\n([^]*?)\\n\`\`\``).exec(text);
  if (!match?.[1]) {
    throw new Error(`${readme.pathname} has no example named ${name}`);
  }
  // esbuild strips the types in milliseconds; loading the TypeScript compiler took seconds of a test's time.
  const { transform } = await import("esbuild");
  return (await transform(match[1], { loader: "ts", target: "es2022" })).code;
}

/** Runs example code with the given names in scope; resolves to the values of `names` it declared. */
export async function runExample(
  code: string,
  scope: Record<string, unknown>,
  names: string[],
): Promise<Record<string, unknown>> {
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<Record<string, unknown>>;
  const run = new AsyncFunction(...Object.keys(scope), `${code}\nreturn { ${names.join(", ")} };`);
  return run(...Object.values(scope));
}
