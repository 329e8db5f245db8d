import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type CodeUnit,
  DEFAULT_BASE_URL,
  exampleIds,
  guideBlocks,
  OUTPUT,
  operationsOfSpec,
  requireClientApi,
  SAMPLES,
  samples,
  typeCheck,
  withIds,
} from "./code.js";
import { createDocsSimulator, type HttpMock, requireSimulator, startHttpMock } from "./simulator.js";

const require = createRequire(import.meta.url);
const run = promisify(execFile);
const SAMPLES_OF_SPEC = samples();
const GUIDE_BLOCKS = guideBlocks();
const TYPESCRIPT = [...SAMPLES_OF_SPEC, ...GUIDE_BLOCKS].filter((unit) => unit.language === "ts");
const OPERATIONS = operationsOfSpec();
const spec = JSON.parse(readFileSync(require.resolve("@livedesk/openapi/openapi.json"), "utf8"));
const webhookExample = spec.components.examples.ConversationCreatedEventExample.value as unknown;

/** Code that imports the simulator's API cannot even compile before the simulator exists. */
const usesSimulatorApi = (unit: CodeUnit) => /from "@livedesk\/mock(\/msw)?"/.test(unit.source);
/** Code that talks to the API (rather than receiving webhooks) runs against the simulator. */
const callsTheApi = (unit: CodeUnit) => unit.source.includes("createLiveDeskClient");

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
    if (usesSimulatorApi(unit)) {
      requireSimulator();
    }
    requireClientApi(unit);
    expect(diagnostics.get(unit.file)).toEqual([]);
  });
});

describe("TypeScript samples and guides run against the stateful simulator", () => {
  const runnable = TYPESCRIPT.filter(callsTheApi);

  it.each(runnable.map((unit) => [unit.name, unit] as const))("%s", async (_, unit) => {
    const { simulator, credentials } = createDocsSimulator();
    requireClientApi(unit);
    const ids = unit.operationId ? await exampleIds(unit.operationId, credentials, { fetch: simulator.fetch }) : {};
    const exchanges: { method: string; url: string; status: number }[] = [];
    // The sample keeps the default base URL, as a reader would copy it: its requests go to the simulator.
    vi.stubGlobal("fetch", async (input: Request | string | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const response = await simulator.fetch(request);
      exchanges.push({ method: request.method, url: request.url, status: response.status });
      return response;
    });
    vi.stubEnv("LIVEDESK_API_KEY", credentials.apiKey);
    vi.stubEnv("LIVEDESK_API_SECRET", credentials.apiSecret);
    const printed = captureConsole();
    await import(pathToFileURL(writeRunnable(unit, withIds(unit, ids))).href);
    expect(exchanges.length, printed()).toBeGreaterThan(0);
    expect(exchanges.every(({ url }) => url.startsWith(DEFAULT_BASE_URL))).toBe(true);
    if (unit.operationId) {
      // A sample calls its own operation, and LiveDesk (the simulator) accepts every request it sends.
      const { method, path } = OPERATIONS.get(unit.operationId) ?? { method: "", path: "" };
      const own = new RegExp(`^${DEFAULT_BASE_URL}${path.replace(/\{[^}]+\}/g, "[^/?]+")}(\\?|$)`);
      expect(exchanges.some((exchange) => exchange.method === method && own.test(exchange.url))).toBe(true);
      expect(exchanges.filter(({ status }) => status >= 400)).toEqual([]);
    }
  });

  it("the webhook handler answers the documented delivery with 204 and a broken body with 400", async () => {
    const { handleLiveDeskWebhook } = await import(join(SAMPLES, "conversationCreated", "handler.ts"));
    captureConsole();
    const post = (body: string) => handleLiveDeskWebhook(new Request("http://localhost/", { method: "POST", body }));
    expect((await post(JSON.stringify(webhookExample))).status).toBe(204);
    expect((await post("{not json")).status).toBe(400);
  });

  it.each(GUIDE_BLOCKS.filter((unit) => unit.language === "ts" && !callsTheApi(unit)).map((unit) => [unit.name, unit]))(
    "%s runs without the API",
    async (_, unit) => {
      const printed = captureConsole();
      await import(pathToFileURL(unit.file).href);
      expect(printed()).not.toBe("");
    },
  );
});

describe("curl samples run with the real curl against the mock", () => {
  let mock: HttpMock;
  let curlHome: string;
  beforeAll(async () => {
    mock = await startHttpMock();
    // --fail-with-body makes curl exit non-zero on an HTTP error, without adding it to every sample.
    curlHome = mkdtempSync(join(OUTPUT, "curl-"));
    writeFileSync(join(curlHome, ".curlrc"), "fail-with-body\nsilent\nshow-error\n");
  });
  afterAll(async () => {
    await mock?.close();
    rmSync(curlHome, { recursive: true, force: true });
  });

  const curl = async (unit: CodeUnit, source: string) => {
    expect(source.match(/^curl /gm)?.length, `${unit.name} runs curl`).toBeGreaterThan(0);
    return run("bash", ["-e", "-c", source], {
      cwd: curlHome,
      env: {
        PATH: process.env.PATH,
        CURL_HOME: curlHome,
        LIVEDESK_API_KEY: mock.credentials.apiKey,
        LIVEDESK_API_SECRET: mock.credentials.apiSecret,
      },
    });
  };

  it.each(
    SAMPLES_OF_SPEC.filter((unit) => unit.language === "sh" && unit.operationId !== "conversationCreated").map(
      (unit) => [unit.name, unit],
    ),
  )("%s", async (_, unit) => {
    expect(unit.source).toContain(DEFAULT_BASE_URL);
    const baseUrl = mock.url;
    const ids = mock.stateful
      ? await exampleIds(unit.operationId ?? "", mock.credentials, { baseUrl, allowInsecureHttp: true })
      : {};
    const { stdout } = await curl(unit, withIds(unit, ids).replaceAll(DEFAULT_BASE_URL, baseUrl));
    expect(stdout).toMatch(/^\{/);
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
      writeFileSync(join(curlHome, "conversation_created.json"), JSON.stringify(webhookExample));
      const { port } = server.address() as AddressInfo;
      await curl(unit, unit.source.replaceAll("http://localhost:3000", `http://127.0.0.1:${port}`));
      expect(received).toEqual([webhookExample]);
    } finally {
      server.close();
    }
  });
});

describe("shell commands of the guides", () => {
  const commands = GUIDE_BLOCKS.filter((unit) => unit.language === "sh").flatMap((unit) =>
    unit.source
      .split("\n")
      .filter((line) => line.startsWith("npx livedesk-mock"))
      .map((line) => [`${unit.name}: ${line}`, line] as const),
  );

  it.each(commands)("%s: every option is one the CLI knows", async (_, line) => {
    const words = line.replace(/[>|].*$/, "").split(/\s+/);
    const subcommand = words[2]?.startsWith("-") ? [] : words.slice(2, 3);
    const cli = join(require.resolve("@livedesk/mock").replace(/index\.mjs$/, ""), "cli.mjs");
    // The CLI's probe and --stateful come with the probe and the simulator.
    const missing = `${subcommand[0] === "probe" ? "probe" : "simulator"} missing`;
    const help = await run(process.execPath, [cli, ...subcommand, "--help"]).catch((error: Error) => {
      throw new Error(`${missing}: livedesk-mock ${[...subcommand, "--help"].join(" ")} failed: ${error.message}`);
    });
    const unknown = words.filter((word) => word.startsWith("--") && !help.stdout.includes(word));
    if (unknown.length > 0) {
      throw new Error(`${missing}: livedesk-mock ${subcommand.join(" ")} --help lists no ${unknown.join(", ")}`);
    }
  });
});

/** Collects what the code prints instead of filling the test output; returns a reader for failure messages. */
function captureConsole(): () => string {
  const lines: string[] = [];
  for (const level of ["log", "warn", "error"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(" "));
    });
  }
  return () => lines.join("\n");
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
