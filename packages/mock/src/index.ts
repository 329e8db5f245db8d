import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

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
}

export interface MockServer {
  /** Base URL of the running mock, e.g. `http://127.0.0.1:41234`. Pass it as the client's `baseUrl`. */
  readonly url: string;
  /** Stops Prism and waits for its process to exit. Safe to call more than once. */
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
const LISTENING = /Prism is listening on (http:\/\/\S+)/;
const OUTPUT_KEPT = 8_000;

/** The bundled LiveDesk OpenAPI document this package mocks by default. */
export const defaultSpecPath: string = require.resolve("@livedesk/openapi/openapi.json");

/** Starts a Prism mock of the LiveDesk API and resolves once it is listening. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const {
    port = 0,
    host = "127.0.0.1",
    dynamic = false,
    errors = true,
    spec = defaultSpecPath,
    startTimeoutMs = 30_000,
  } = options;
  const prism = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist", "index.js");
  const args = [prism, "mock", "--host", host, "--port", String(port), `--errors=${errors}`, `--dynamic=${dynamic}`];
  const child = spawn(process.execPath, [...args, spec], { stdio: ["ignore", "pipe", "pipe"] });
  const stopOnExit = () => child.kill("SIGKILL");
  process.once("exit", stopOnExit);

  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`Prism did not start: ${reason}\n--- Prism output ---\n${output.trim()}`));
    };
    const timer = setTimeout(() => fail(`no answer within ${startTimeoutMs} ms.`), startTimeoutMs);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-OUTPUT_KEPT);
      const match = LISTENING.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        child.off("exit", onExit);
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
    close: async () => {
      process.off("exit", stopOnExit);
      await stop(child);
    },
  };
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
