// The code of the docs, found where it lives: the code samples beside the spec (openapi/code-samples/<operationId>/)
// and the fenced blocks of the guides. Helpers to type-check it, to run it, and to make the ids it names exist.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createLiveDeskClient } from "@livedesk/client";
import { Marked, type Tokens } from "marked";
import ts from "typescript";

const require = createRequire(import.meta.url);
const APP = fileURLToPath(new URL("..", import.meta.url));
export const SAMPLES = join(APP, "..", "..", "openapi", "code-samples");
/** Where the tests write what they run; gitignored, outside the build's dist/. */
export const OUTPUT = join(APP, "test-output");
/** The base URL every sample uses, replaced by the mock's in the tests. */
export const DEFAULT_BASE_URL = "https://livedesk-api.engagelab.com";

export interface CodeUnit {
  /** e.g. `listContacts/curl.sh` or `guides/export-contacts.md, block 2`. */
  name: string;
  language: "ts" | "sh";
  source: string;
  /** The file that holds the code: the sample itself, or the guide block written out to test-output/. */
  file: string;
  /** The operation a sample belongs to. */
  operationId?: string;
}

export function samples(): CodeUnit[] {
  return readdirSync(SAMPLES).flatMap((operationId) =>
    readdirSync(join(SAMPLES, operationId)).map((name) => {
      const file = join(SAMPLES, operationId, name);
      const language = name.endsWith(".ts") ? "ts" : "sh";
      return { name: `${operationId}/${name}`, language, source: readFileSync(file, "utf8"), file, operationId };
    }),
  );
}

/** The `ts` and `sh` blocks of every guide; the TypeScript ones are written out so that they can be compiled. */
export function guideBlocks(): CodeUnit[] {
  const guides = join(APP, "guides");
  return readdirSync(guides).flatMap((guide) => {
    const blocks = new Marked()
      .lexer(readFileSync(join(guides, guide), "utf8"))
      .filter((token): token is Tokens.Code => token.type === "code");
    return blocks.map(({ lang, text }, index) => {
      if (lang !== "ts" && lang !== "sh") {
        throw new Error(`guides/${guide}: a code block in "${lang}"; only ts and sh blocks are tested.`);
      }
      const file = join(OUTPUT, "guides", `${guide.replace(/\.md$/, "")}-${index + 1}.${lang}`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      return { name: `guides/${guide}, block ${index + 1}`, language: lang, source: text, file };
    });
  });
}

/**
 * Type-checks files with the repository's strict compiler options against the built `@livedesk/client`, and returns
 * the diagnostics of each file; a diagnostic of no single file (a missing type package) counts for every file.
 */
export function typeCheck(files: string[]): Map<string, string[]> {
  const configFile = join(APP, "..", "..", "tsconfig.base.json");
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, APP);
  const program = ts.createProgram(files, { ...options, noEmit: true });
  const diagnostics = new Map<string, string[]>(files.map((file) => [file, []]));
  const everywhere: string[] = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file?.fileName ?? "";
    const { line = 0 } = diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0) ?? {};
    const text = `${file}:${line + 1}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
    (diagnostics.get(file) ?? everywhere).push(text);
  }
  return new Map([...diagnostics].map(([file, list]) => [file, [...everywhere, ...list]]));
}

/** Fails loudly if a unit uses a client API the built client does not have yet. */
export function requireClientApi(unit: CodeUnit): void {
  const types = readFileSync(require.resolve("@livedesk/client").replace(/\.mjs$/, ".d.mts"), "utf8");
  if (/\bstartPage\b/.test(unit.source) && !/\bstartPage\b/.test(types)) {
    throw new Error(
      `client missing: ${unit.name} resumes an export with listAll(query, { startPage }), which the built @livedesk/client does not offer yet.`,
    );
  }
}

/** The method and path template of every operation of the spec, by operationId. */
export function operationsOfSpec(): Map<string, { method: string; path: string; webhook: boolean }> {
  const spec = JSON.parse(readFileSync(require.resolve("@livedesk/openapi/openapi.json"), "utf8")) as {
    paths: Record<string, Record<string, { operationId?: string }>>;
    webhooks: Record<string, Record<string, { operationId?: string }>>;
  };
  const operations = new Map<string, { method: string; path: string; webhook: boolean }>();
  for (const [kind, items] of [
    ["paths", spec.paths],
    ["webhooks", spec.webhooks],
  ] as const) {
    for (const [path, item] of Object.entries(items)) {
      for (const [method, operation] of Object.entries(item)) {
        if (operation.operationId) {
          operations.set(operation.operationId, { method: method.toUpperCase(), path, webhook: kind === "webhooks" });
        }
      }
    }
  }
  return operations;
}

type Target =
  | { fetch: (input: Request | string | URL, init?: RequestInit) => Promise<Response> }
  | { baseUrl: string; allowInsecureHttp?: boolean };

/**
 * The ids a sample names (the spec's example ids) mapped to records that exist on a stateful target, created through
 * the API itself.
 */
export async function exampleIds(
  operationId: string,
  credentials: { apiKey: string; apiSecret: string },
  target: Target,
): Promise<Record<string, string>> {
  const livedesk = createLiveDeskClient({ ...credentials, ...target });
  const contact = async () =>
    (await livedesk.contacts.create({ inbox_id: 407, name: "Docs sample contact" })).payload.contact.id;
  const conversation = async () => {
    const created: Record<string, unknown> = await livedesk.conversations.create({
      inbox_id: 407,
      contact_id: await contact(),
    });
    if (typeof created.id !== "number") {
      throw new Error(`Create Conversation answered without an id: ${JSON.stringify(created)}`);
    }
    return created.id;
  };
  const ticket = async () => {
    const created = await livedesk.tickets.create({ title: "Docs sample ticket" });
    const data = created?.data as Record<string, unknown> | undefined;
    const id = data?.ticket_id ?? data?.id;
    if (typeof id !== "string") {
      throw new Error(`Create Ticket answered without a ticket id: ${JSON.stringify(created)}`);
    }
    return id;
  };
  switch (operationId) {
    case "updateContact":
      return { "318763": String(await contact()) };
    case "createConversation":
      return { "2219259": String(await contact()) };
    case "updateConversationStatus":
    case "sendMessage":
      return { "141": String(await conversation()) };
    case "getTicket":
    case "updateTicket":
      return { tk_20251104_789abc: await ticket() };
    default:
      return {};
  }
}

/** The source with each example id replaced; an id that does not occur is an error, not a silent no-op. */
export function withIds(unit: CodeUnit, ids: Record<string, string>): string {
  let source = unit.source;
  for (const [example, real] of Object.entries(ids)) {
    const pattern = new RegExp(`\\b${example}\\b`, "g");
    if (!pattern.test(source)) {
      throw new Error(`${unit.name} no longer names ${example}; update exampleIds() in test/code.ts.`);
    }
    source = source.replace(pattern, real);
  }
  return source;
}
