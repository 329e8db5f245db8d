import type { ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { openapiJsonPath } from "@livedesk/openapi";
import { spawnUntilReady, stopProcess } from "./process.js";
import { type ResponseTap, startResponseTap, type UndocumentedField } from "./response-tap.js";
import { CONTROL_PATH, type Listening, serveFront, serveSimulator } from "./simulator/http.js";
import type { SimulatorOptions } from "./simulator/options.js";
import { createSimulator, type Simulator } from "./simulator/simulator.js";
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

export type { FaultEffect, FaultMatch, FaultRule, SimulatorFaults } from "./simulator/faults.js";
export { CONTROL_PATH, connectSimulator, type RemoteSimulator, type SimulatorState } from "./simulator/http.js";
export { DEFAULT_CREDENTIALS, type SimulatedInbox, type SimulatorOptions } from "./simulator/options.js";
export type { ContactFixture } from "./simulator/seed.js";
export {
  createSimulator,
  type LoggedRequest,
  type SimulatedContact,
  type SimulatedContactInbox,
  type SimulatedConversation,
  type Simulator,
  type WebhookDelivery,
} from "./simulator/simulator.js";
export type { OperationId } from "./simulator/spec.js";

export interface MockServerOptions extends SimulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; loopback by default. */
  host?: string;
  /**
   * Generate responses from the schemas instead of serving the documented examples: random values, with only the
   * properties the schemas declare.
   */
  dynamic?: boolean;
  /** Turn request and response violations of the spec into error responses (default true). */
  errors?: boolean;
  /** The OpenAPI document to serve; defaults to the bundled LiveDesk description from `@livedesk/openapi`. */
  spec?: string;
  /**
   * A hang guard for Prism's start, in milliseconds (default 180 000, 3 minutes). The wait itself is for Prism's
   * "listening" line, and fails at once if Prism exits first; this limit only ends a start that neither finishes nor
   * fails, so it must stay well above how long a start can take on a slow, loaded machine.
   */
  startTimeoutMs?: number;
  /**
   * Validation proxy instead of a mock: forward every request to this base URL (e.g. the real
   * `https://livedesk-api.engagelab.com`) and report requests and responses that break the spec.
   */
  proxy?: string;
  /**
   * Serve a stateful simulator of LiveDesk (see `createSimulator`, whose options apply) behind Prism's validation
   * proxy, instead of Prism's examples: what is created can be read back, lists filter, sort and page.
   */
  stateful?: boolean;
  /** The simulator to serve; implies `stateful`. By default one is made from the simulator options. */
  simulator?: Simulator;
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
  /** Process id of Prism. */
  readonly pid: number;
  /** Stateful mode: the simulator behind Prism, to inspect and steer from this process. */
  readonly simulator?: Simulator;
  /**
   * Stateful mode: base URL of the simulator's control endpoints, to inspect and steer it from another process with
   * `connectSimulator(controlUrl)`.
   */
  readonly controlUrl?: string;
  /** Stops Prism (and the simulator's server) and waits for them to end. Safe to call more than once. */
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
const LISTENING = /Prism is listening on (http:\/\/\S+)/;
const REQUEST_LINE = /\[HTTP SERVER\] (\w+) (\S+) .*Request received/;
const VIOLATION_LINE = /Violation: (\S+) (.*)$/;
// Runs Prism inside a process that ends when its stdin closes. Its parent holds the other end of that pipe, and the
// pipe closes when the parent ends, however it ends (even SIGKILL), so Prism never outlives the process that started it.
const PRISM_RUNNER = `
process.stdin.on("end", () => process.exit(0)).on("error", () => process.exit(0)).resume();
const [prism, ...args] = process.argv.slice(1);
process.argv = [process.argv[0], prism, ...args];
require(prism);
`;

/** The bundled LiveDesk OpenAPI document this package mocks by default. */
export const defaultSpecPath: string = openapiJsonPath;

/**
 * Starts a Prism mock of the LiveDesk API (or, with `stateful`, a simulator behind Prism's validation proxy) and
 * resolves once it is listening.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const {
    port = 0,
    host = "127.0.0.1",
    dynamic = false,
    errors = true,
    spec = defaultSpecPath,
    startTimeoutMs,
    proxy,
    onViolation,
    onUndocumentedField,
  } = options;
  if (proxy !== undefined && !URL.canParse(proxy)) {
    throw new TypeError(`proxy must be an absolute URL such as https://livedesk-api.engagelab.com, got ${proxy}`);
  }
  const stateful = options.stateful === true || options.simulator !== undefined;
  if (stateful && (proxy !== undefined || dynamic)) {
    throw new TypeError("stateful cannot be combined with proxy or dynamic: the simulator answers every request.");
  }
  const simulator = stateful ? (options.simulator ?? createSimulator(options)) : undefined;
  const undocumentedFields: UndocumentedField[] = [];
  // Stateful: the front (faults, control endpoints) → Prism's validation proxy → the simulator.
  // Proxy: Prism validates; the tap behind it reads each answer for fields the spec does not declare.
  const backend: Listening | ResponseTap | undefined = simulator
    ? await serveSimulator(simulator)
    : proxy === undefined
      ? undefined
      : await startResponseTap({
          upstream: proxy,
          spec: loadSpec(spec),
          onUndocumentedField: (field) => {
            undocumentedFields.push(field);
            onUndocumentedField?.(field);
          },
        });
  const upstream = backend?.url;
  const prism = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist", "index.js");
  // Dynamic answers: json-schema-faker would add random properties to every object an open schema does not close
  // (the spec forbids no undocumented field), so it generates only the properties the schemas declare.
  const generated = dynamic ? ["--dynamic", "--json-schema-faker-fillProperties=false"] : ["--dynamic=false"];
  const mode = upstream === undefined ? ["mock", spec, ...generated] : ["proxy", spec, upstream];
  const [prismHost, prismPort] = simulator ? ["127.0.0.1", 0] : [host, port];
  const args = [
    ...mode,
    "--host",
    prismHost,
    "--port",
    String(prismPort),
    `--errors=${errors}`,
    "--multiprocess=false",
  ];
  let child: ChildProcess | undefined;
  let front: Listening | undefined;
  let url: string;
  try {
    ({ child, ready: url } = await spawnUntilReady(process.execPath, ["-e", PRISM_RUNNER, prism, ...args], {
      name: "Prism",
      ready: LISTENING,
      ...(startTimeoutMs !== undefined && { timeoutMs: startTimeoutMs }),
      stdin: "pipe",
      explain: (output) => (/EADDRINUSE/.test(output) ? ` Port ${port} is in use.` : ""),
    }));
    if (simulator) {
      front = await serveFront(simulator, url, port, host);
      url = front.url;
    }
  } catch (error) {
    await Promise.all([child && stopProcess(child), backend?.close()]);
    throw error;
  }
  const prismProcess = child;
  const violations: Violation[] = [];
  let currentRequest = "";
  readLines(prismProcess, (line) => {
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
  return {
    url,
    violations,
    undocumentedFields,
    pid: prismProcess.pid ?? 0,
    ...(simulator && { simulator, controlUrl: `${url}${CONTROL_PATH}` }),
    close: async () => {
      await front?.close();
      await stopProcess(prismProcess);
      await backend?.close();
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
