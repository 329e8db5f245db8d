import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { format, promisify } from "node:util";
import { createLiveDeskClient } from "@livedesk/client";
import { DEFAULT_CREDENTIALS, type MockServer } from "@livedesk/mock";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type CodeUnit,
  DEFAULT_BASE_URL,
  guideBlocks,
  OUTPUT,
  operationsOfSpec,
  SAMPLES,
  samples,
  typeCheck,
  withIds,
} from "./code.js";
import { createDocsSimulator, exampleIds, startHttpMock } from "./simulator.js";

const require = createRequire(import.meta.url);
const run = promisify(execFile);
const SAMPLES_OF_SPEC = samples();
const GUIDE_BLOCKS = guideBlocks();
const TYPESCRIPT = [...SAMPLES_OF_SPEC, ...GUIDE_BLOCKS].filter((unit) => unit.language === "ts");
const OPERATIONS = operationsOfSpec();
const spec = JSON.parse(readFileSync(require.resolve("@livedesk/openapi/openapi.json"), "utf8"));
const webhookExample = spec.components.examples.ConversationCreatedEventExample.value as unknown;
/** The CLI that `npx livedesk-mock` runs: the package's own bin. */
const mockPackage = require.resolve("@livedesk/mock/package.json");
const CLI = join(dirname(mockPackage), JSON.parse(readFileSync(mockPackage, "utf8")).bin["livedesk-mock"]);

/** Code that sets up its own LiveDesk (the simulator, MSW, the HTTP mock) from @livedesk/mock. */
const bringsItsOwnLiveDesk = (unit: CodeUnit) => /from "@livedesk\/mock(\/msw)?"/.test(unit.source);
/** Code that talks to LiveDesk at the default base URL, as a reader would copy it. */
const callsTheApi = (unit: CodeUnit) => unit.source.includes("createLiveDeskClient") && !bringsItsOwnLiveDesk(unit);

let diagnostics: Map<string, string[]>;
beforeAll(() => {
  diagnostics = typeCheck(TYPESCRIPT.map((unit) => unit.file));
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("code samples in the spec", () => {
  it.each([...OPERATIONS.keys()])("%s has a curl and a TypeScript sample, bundled from their files", (operationId) => {
    const { method, path, webhook } = OPERATIONS.get(operationId) ?? { method: "", path: "", webhook: false };
    const operation = spec[webhook ? "webhooks" : "paths"][path][method.toLowerCase()];
    const bundled = operation["x-codeSamples"] as { lang: string; label: string; source: string }[];
    expect(bundled.map(({ label }) => label)).toEqual(expect.arrayContaining(["curl", "TypeScript"]));
    const files = SAMPLES_OF_SPEC.filter((unit) => unit.operationId === operationId);
    // Every file of the operation is in the bundle, once, with its text unchanged: nothing is written twice.
    expect(bundled.map(({ source }) => source).sort()).toEqual(files.map((unit) => unit.source).sort());
  });

  it("has no sample folder for an operation the spec does not have", () => {
    expect(new Set(SAMPLES_OF_SPEC.map((unit) => unit.operationId))).toEqual(new Set(OPERATIONS.keys()));
  });
});

describe("TypeScript of the samples and guides type-checks in strict mode against the built client", () => {
  it.each(TYPESCRIPT.map((unit) => [unit.name, unit] as const))("%s", (_, unit) => {
    expect(diagnostics.get(unit.file)).toEqual([]);
  });
});

describe("TypeScript samples and guides run against the stateful simulator", () => {
  it.each(TYPESCRIPT.filter(callsTheApi).map((unit) => [unit.name, unit] as const))("%s", async (_, unit) => {
    const simulator = createDocsSimulator();
    const livedesk = createLiveDeskClient({ ...DEFAULT_CREDENTIALS, fetch: simulator.fetch });
    const ids = unit.operationId ? await exampleIds(unit.operationId, livedesk) : {};
    const exchanges: { method: string; url: string; status: number }[] = [];
    // The sample keeps the default base URL, as a reader would copy it: its requests go to the simulator.
    vi.stubGlobal("fetch", async (input: Request | string | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const response = await simulator.fetch(request);
      exchanges.push({ method: request.method, url: request.url, status: response.status });
      return response;
    });
    vi.stubEnv("LIVEDESK_API_KEY", DEFAULT_CREDENTIALS.apiKey);
    vi.stubEnv("LIVEDESK_API_SECRET", DEFAULT_CREDENTIALS.apiSecret);
    const printed = captureConsole();
    await import(pathToFileURL(writeRunnable(unit, withIds(unit, ids))).href);
    expect(exchanges.length, printed()).toBeGreaterThan(0);
    expect(exchanges.every(({ url }) => url.startsWith(DEFAULT_BASE_URL))).toBe(true);
    expectPromisedOutput(unit, printed());
    if (unit.operationId) {
      // A sample calls its own operation, and LiveDesk (the simulator) accepts every request it sends.
      const { method, path } = OPERATIONS.get(unit.operationId) ?? { method: "", path: "" };
      const own = new RegExp(`^${DEFAULT_BASE_URL}${path.replace(/\{[^}]+\}/g, "[^/?]+")}(\\?|$)`);
      expect(exchanges.some((exchange) => exchange.method === method && own.test(exchange.url))).toBe(true);
      expect(exchanges.filter(({ status }) => status >= 400)).toEqual([]);
    }
  });

  it.each(GUIDE_BLOCKS.filter((unit) => unit.language === "ts" && !callsTheApi(unit)).map((unit) => [unit.name, unit]))(
    "%s runs on its own, on this machine",
    async (_, unit) => {
      // Such code starts its own LiveDesk or none (a webhook receiver): anything beyond loopback is refused.
      const realFetch = globalThis.fetch;
      const offMachine: string[] = [];
      vi.stubGlobal("fetch", async (input: Request | string | URL, init?: RequestInit) => {
        const request = new Request(input, init);
        if (!["127.0.0.1", "localhost", "[::1]"].includes(new URL(request.url).hostname)) {
          offMachine.push(request.url);
          throw new TypeError(`fetch failed: ${request.url} is off this machine`);
        }
        return realFetch(request);
      });
      const printed = captureConsole();
      await import(pathToFileURL(unit.file).href);
      expect(offMachine).toEqual([]);
      expect(printed()).not.toBe("");
      expectPromisedOutput(unit, printed());
    },
  );

  it("guides/export-contacts.md: the resume block finishes an export that fails half-way, from where it stopped", async () => {
    const unit = GUIDE_BLOCKS.find(
      (block) => block.name.startsWith("guides/export-contacts.md") && /startPage/.test(block.source),
    );
    if (!unit) {
      throw new Error("guides/export-contacts.md has no block that resumes with startPage.");
    }
    const simulator = createDocsSimulator();
    let failed = false;
    vi.stubGlobal("fetch", async (input: Request | string | URL, init?: RequestInit) => {
      const response = await simulator.fetch(input, init);
      if (!failed && new URL(new Request(input, init).url).searchParams.get("page") === "5") {
        failed = true;
        // Every attempt at the next page fails (the client tries 3 times), so listAll throws after 5 pages.
        simulator.faults.add({ type: "status", status: 503, retryAfter: 0, operation: "listContacts", times: 3 });
      }
      return response;
    });
    vi.stubEnv("LIVEDESK_API_KEY", DEFAULT_CREDENTIALS.apiKey);
    vi.stubEnv("LIVEDESK_API_SECRET", DEFAULT_CREDENTIALS.apiSecret);
    const printed = captureConsole();
    await import(pathToFileURL(writeRunnable(unit, unit.source)).href);
    const pages = simulator.requests.map((request) => new URLSearchParams(request.query).get("page") ?? "1");
    expect(simulator.requests.filter(({ status }) => status === 503)).toHaveLength(3);
    // Page 1 once: the export went on from page 6 instead of starting again.
    expect(pages.filter((page) => page === "1")).toHaveLength(1);
    expect(pages.filter((page) => page === "6")).toHaveLength(4);
    expect(printed()).toContain(`${simulator.contacts.length} contacts exported`);
  });

  it("the webhook handler answers the documented delivery with 204 and a broken body with 400", async () => {
    const { handleLiveDeskWebhook } = await import(join(SAMPLES, "conversationCreated", "handler.ts"));
    captureConsole();
    const post = (body: string) => handleLiveDeskWebhook(new Request("http://localhost/", { method: "POST", body }));
    expect((await post(JSON.stringify(webhookExample))).status).toBe(204);
    expect((await post("{not json")).status).toBe(400);
  });
});

describe("curl samples and the guides' commands run against the simulator over HTTP, behind Prism", () => {
  let mock: MockServer;
  let home: string;
  beforeAll(async () => {
    mock = await startHttpMock();
    // --fail-with-body makes curl exit non-zero on an HTTP error, without adding it to every sample.
    mkdirSync(OUTPUT, { recursive: true });
    home = mkdtempSync(join(OUTPUT, "shell-"));
    writeFileSync(join(home, ".curlrc"), "fail-with-body\nsilent\nshow-error\n");
  });
  afterAll(async () => {
    await mock?.close();
    rmSync(home, { recursive: true, force: true });
  });

  const bash = (source: string) =>
    run("bash", ["-e", "-c", source], {
      cwd: home,
      env: {
        PATH: process.env.PATH,
        HOME: home,
        LIVEDESK_API_KEY: DEFAULT_CREDENTIALS.apiKey,
        LIVEDESK_API_SECRET: DEFAULT_CREDENTIALS.apiSecret,
      },
    });

  it.each(
    SAMPLES_OF_SPEC.filter((unit) => unit.language === "sh" && unit.operationId !== "conversationCreated").map(
      (unit) => [unit.name, unit],
    ),
  )("%s", async (_, unit) => {
    expect(unit.source).toContain(DEFAULT_BASE_URL);
    expect(unit.source.match(/^curl /gm)?.length, `${unit.name} runs curl`).toBeGreaterThan(0);
    const livedesk = createLiveDeskClient({ ...DEFAULT_CREDENTIALS, baseUrl: mock.url });
    const ids = await exampleIds(unit.operationId ?? "", livedesk);
    const before = mock.violations.length;
    const { stdout } = await bash(withIds(unit, ids).replaceAll(DEFAULT_BASE_URL, mock.url));
    expect(stdout).toMatch(/^\{/);
    // Prism checked every request and answer against the spec: a sample that breaks it fails here too.
    expect(mock.violations.slice(before)).toEqual([]);
  });

  it("conversationCreated/curl.sh replays the documented delivery to the sample handler", async () => {
    const unit = SAMPLES_OF_SPEC.find((sample) => sample.name === "conversationCreated/curl.sh") as CodeUnit;
    const { handleLiveDeskWebhook } = await import(join(SAMPLES, "conversationCreated", "handler.ts"));
    const received: unknown[] = [];
    const server = await serve(async (request) => {
      received.push(await request.clone().json());
      return handleLiveDeskWebhook(request);
    });
    captureConsole();
    try {
      writeFileSync(join(home, "conversation_created.json"), JSON.stringify(webhookExample));
      const { port } = server.address() as AddressInfo;
      await bash(unit.source.replaceAll("http://localhost:3000", `http://127.0.0.1:${port}`));
      expect(received).toEqual([webhookExample]);
    } finally {
      server.close();
    }
  });

  const guideCommands = GUIDE_BLOCKS.filter((unit) => unit.language === "sh");
  // `npx livedesk-mock` runs the package's bin; the probe asks the simulator instead of LiveDesk.
  const npx = (source: string) =>
    source
      .replaceAll("npx livedesk-mock probe", `npx livedesk-mock probe --base-url ${mock.url}`)
      .replaceAll("npx livedesk-mock", `"${process.execPath}" "${CLI}"`);

  it.each(guideCommands.filter(({ source }) => /livedesk-mock probe/.test(source)).map((unit) => [unit.name, unit]))(
    "%s asks the simulator and finds nothing that contradicts the spec",
    async (_, unit) => {
      // The probe exits non-zero when the API contradicts the spec; bash -e passes that on.
      const { stdout } = await bash(npx(unit.source));
      const saved = /> (\S+)$/m.exec(unit.source)?.[1];
      const report = saved ? readFileSync(join(home, saved), "utf8") : stdout;
      expect(report).toContain("contacts-7");
      if (unit.source.includes("--json")) {
        expect(JSON.parse(report)).toMatchObject({ contradicted: false, findings: expect.any(Array) });
      }
    },
  );

  it.each(guideCommands.filter(({ source }) => !/livedesk-mock probe/.test(source)).map((unit) => [unit.name, unit]))(
    "%s serves the simulator, which answers the default credentials",
    async (_, unit) => {
      const [line = "", ...more] = unit.source.trim().split("\n");
      expect(more, "one command a block").toEqual([]);
      // On a free port: the default 4010 may be taken on a shared machine.
      const server = spawn("bash", ["-c", `exec ${npx(line)} --port 0`], { cwd: home });
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let output = "";
          server.stdout.on("data", (chunk: Buffer) => {
            output += chunk.toString();
            const listening = /listening on (http:\/\/\S+)/.exec(output);
            if (listening?.[1]) {
              resolve(listening[1]);
            }
          });
          server.once("exit", (code) => reject(new Error(`${line} exited with ${code}: ${output}`)));
        });
        const livedesk = createLiveDeskClient({ ...DEFAULT_CREDENTIALS, baseUrl: url });
        await expect(livedesk.contacts.list({})).resolves.toMatchObject({ meta: { current_page: 1 } });
      } finally {
        if (server.exitCode === null) {
          server.kill("SIGTERM");
          await once(server, "exit");
        }
      }
    },
  );
});

/** Collects what the code prints instead of filling the test output; returns a reader for failure messages. */
function captureConsole(): () => string {
  const lines: string[] = [];
  for (const level of ["log", "warn", "error"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(format(...args));
    });
  }
  return () => lines.join("\n");
}

/** What a block says it prints, as `console.log(answer.status); // → 204`, is among what it printed. */
function expectPromisedOutput(unit: CodeUnit, printed: string): void {
  for (const [, promised = ""] of unit.source.matchAll(/console\.log\(.*\);[ \t]*\/\/ → (.+)$/gm)) {
    expect(printed.split("\n"), `${unit.name} promises to print ${promised}`).toContain(promised.trim());
  }
}

/** Each run gets its own module, so that a sample with substituted ids is never a cached earlier import. */
let runs = 0;
function writeRunnable(unit: CodeUnit, source: string): string {
  runs += 1;
  const file = join(OUTPUT, "runs", `${runs}-${unit.name.replace(/[^\w.-]+/g, "_")}.ts`);
  mkdirSync(join(OUTPUT, "runs"), { recursive: true });
  writeFileSync(file, source);
  return file;
}

/** A loopback HTTP server around a web-standard handler. */
async function serve(handler: (request: Request) => Promise<Response>): Promise<Server> {
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) {
      chunks.push(chunk as Buffer);
    }
    const headers = new Headers(incoming.headers as Record<string, string>);
    const response = await handler(
      new Request(`http://127.0.0.1${incoming.url}`, {
        method: incoming.method ?? "GET",
        headers,
        body: Buffer.concat(chunks),
      }),
    );
    outgoing.writeHead(response.status, Object.fromEntries(response.headers)).end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}
