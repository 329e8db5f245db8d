// The code of the docs, found where it lives: the code samples beside the spec (openapi/code-samples/<operationId>/)
// and the fenced blocks of the guides, and helpers to type-check it and to put real ids into it.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Marked, type Tokens } from "marked";
import ts from "typescript";

const require = createRequire(import.meta.url);
const APP = fileURLToPath(new URL("..", import.meta.url));
export const SAMPLES = join(APP, "..", "..", "openapi", "code-samples");
/** Where the tests write what they run; gitignored, outside the build's dist/. */
export const OUTPUT = join(APP, "test-output");
/** The base URL every sample uses, as a reader copies it. */
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

/** The source with each example id replaced; an id that does not occur is an error, not a silent no-op. */
export function withIds(unit: CodeUnit, ids: Record<string, string>): string {
  let source = unit.source;
  for (const [example, real] of Object.entries(ids)) {
    const pattern = new RegExp(`\\b${example}\\b`, "g");
    if (!pattern.test(source)) {
      throw new Error(`${unit.name} no longer names ${example}; update exampleIds() in test/simulator.ts.`);
    }
    source = source.replace(pattern, real);
  }
  return source;
}
