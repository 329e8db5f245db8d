import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { openapiJsonPath } from "@livedesk/openapi";
import { type ResponseTap, startResponseTap, type UndocumentedField } from "./response-tap.js";
import { loadSpec } from "./spec-fields.js";

export {
  type Finding,
  ProbeError,
  ProbeOptionError,
  type ProbeOptions,
  type ProbeReport,
  runProbe,
  type Verdict,
} from "./probe/index.js";
export type { UndocumentedField } from "./response-tap.js";

export interface MockServerOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; loopback by default. */
  host?: string;
  /** Generate responses from the schemas instead of serving the documented examples. */
  dynamic?: boolean;
  /** Turn request and response violations of the spec into error responses (default true). */
  errors?: boolean;
  /** The OpenAPI document to serve; defaults to the bundled LiveDesk description from `@livedesk/openapi`. */
  spec?: string;
  /** How long to wait for Prism to answer, in milliseconds (default 30 000). */
  startTimeoutMs?: number;
  /**
   * Validation proxy instead of a mock: forward every request to this base URL (e.g. the real
   * `https://livedesk-api.engagelab.com`) and report requests and responses that break the spec.
   */
  proxy?: string;
  /** Called for each violation of the spec that Prism reports. */
  onViolation?: (violation: Violation) => void;
  /**
   * Proxy mode: called once per operation, status and location for each response field the spec's schemas do not
   * declare. Drift to know about, not a violation.
   */
  onUndocumentedField?: (field: UndocumentedField) => void;
}

/** A request or response that breaks the spec, as Prism reported it. */
export interface Violation {
  /** The request it belongs to, e.g. `GET /api/v2/accounts/contacts`. */
  request: string;
  /** Where in the request or response, e.g. `response.body.payload.0.id`. */
  location: string;
  message: string;
}

export interface MockServer {
  /** Base URL of the running mock, e.g. `http://127.0.0.1:41234`. Pass it as the client's `baseUrl`. */
  readonly url: string;
  /** Every violation reported so far. In proxy mode, an empty list means the upstream kept to the spec. */
  readonly violations: readonly Violation[];
  /** Proxy mode: response fields the spec does not declare, each once. Not violations: the spec may simply say less. */
  readonly undocumentedFields: readonly UndocumentedField[];
  /** Stops Prism and waits for its process to exit. Safe to call more than once. */
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
const LISTENING = /Prism is listening on (http:\/\/\S+)/;
const REQUEST_LINE = /\[HTTP SERVER\] (\w+) (\S+) .*Request received/;
const VIOLATION_LINE = /Violation: (\S+) (.*)$/;
const OUTPUT_KEPT = 8_000;

/** The bundled LiveDesk OpenAPI document this package mocks by default. */
export const defaultSpecPath: string = openapiJsonPath;

/** Starts a Prism mock of the LiveDesk API and resolves once it is listening. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const {
    port = 0,
    host = "127.0.0.1",
    dynamic = false,
    errors = true,
    spec = defaultSpecPath,
    startTimeoutMs = 30_000,
    proxy,
    onViolation,
    onUndocumentedField,
  } = options;
  if (proxy !== undefined && !URL.canParse(proxy)) {
    throw new TypeError(`proxy must be an absolute URL such as https://livedesk-api.engagelab.com, got ${proxy}`);
  }
  const undocumentedFields: UndocumentedField[] = [];
  // Prism validates; the tap behind it reads each answer for fields the spec does not declare.
  const tap: ResponseTap | undefined =
    proxy === undefined
      ? undefined
      : await startResponseTap({
          upstream: proxy,
          spec: loadSpec(spec),
          onUndocumentedField: (field) => {
            undocumentedFields.push(field);
            onUndocumentedField?.(field);
          },
        });
  const prism = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist", "index.js");
  const mode = tap === undefined ? ["mock", spec, `--dynamic=${dynamic}`] : ["proxy", spec, tap.url];
  const args = [prism, ...mode, "--host", host, "--port", String(port), `--errors=${errors}`];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const violations: Violation[] = [];
  let currentRequest = "";
  readLines(child, (line) => {
    const request = REQUEST_LINE.exec(line);
    if (request) {
      currentRequest = `${request[1]?.toUpperCase()} ${request[2]}`;
      return;
    }
    const violation = VIOLATION_LINE.exec(line);
    if (violation) {
      const reported = { request: currentRequest, location: violation[1] ?? "", message: violation[2] ?? "" };
      violations.push(reported);
      onViolation?.(reported);
    }
  });
  const stopOnExit = () => child.kill("SIGKILL");
  process.once("exit", stopOnExit);

  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      process.off("exit", stopOnExit);
      child.kill("SIGKILL");
      void tap?.close();
      reject(new Error(`Prism did not start: ${reason}\n--- Prism output ---\n${output.trim()}`));
    };
    const timer = setTimeout(() => fail(`no answer within ${startTimeoutMs} ms.`), startTimeoutMs);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-OUTPUT_KEPT);
      const match = LISTENING.exec(output);
      if (match?.[1]) {
        // Started: from here on only readLines listens to Prism's output.
        clearTimeout(timer);
        child.off("exit", onExit);
        child.stdout?.off("data", onData);
        child.stderr?.off("data", onData);
        resolve(match[1]);
      }
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail(
        `the process exited (${signal ?? `code ${code}`}).${/EADDRINUSE/.test(output) ? ` Port ${port} is in use.` : ""}`,
      );
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
  });

  return {
    url,
    violations,
    undocumentedFields,
    close: async () => {
      process.off("exit", stopOnExit);
      await Promise.all([stop(child), tap?.close()]);
    },
  };
}

function readLines(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let pending = "";
    stream?.on("data", (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split("\n");
      pending = lines.pop() ?? "";
      lines.forEach(onLine);
    });
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const forceKill = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(forceKill);
}
