#!/usr/bin/env node
import { parseArgs } from "node:util";
import { startMockServer } from "./index.js";
import { runProbeCommand } from "./probe/command.js";
import { formatProxySummary } from "./proxy-summary.js";

const USAGE = `Usage: livedesk-mock [options]
       livedesk-mock probe [options]   ask your account what the docs leave open (see livedesk-mock probe --help)

Serves a Prism mock of the EngageLab LiveDesk REST API, or with --proxy a validation proxy in front of the real one.

Options:
  --port <n>      port to listen on (default 4010; 0 picks a free one)
  --host <host>   interface to listen on (default 127.0.0.1)
  --dynamic       generate responses from the schemas instead of the documented examples
  --no-errors     serve spec violations instead of answering them with errors
  --proxy <url>   forward to this LiveDesk base URL and report what breaks the spec
  --spec <file>   serve another OpenAPI document than the bundled LiveDesk one
  --help          show this text
`;

function fail(message: string): never {
  process.stderr.write(`livedesk-mock: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        port: { type: "string", default: "4010" },
        host: { type: "string", default: "127.0.0.1" },
        dynamic: { type: "boolean", default: false },
        "no-errors": { type: "boolean", default: false },
        proxy: { type: "string" },
        spec: { type: "string" },
        help: { type: "boolean", default: false },
      },
    }).values;
  } catch (error) {
    return fail((error as Error).message);
  }
}

if (process.argv[2] === "probe") {
  await runProbeCommand(process.argv.slice(3));
}

const values = parseOptions();
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  fail(`--port must be a whole number from 0 to 65535, got ${values.port}`);
}

const server = await startMockServer({
  port,
  host: values.host,
  dynamic: values.dynamic,
  errors: !values["no-errors"],
  ...(values.proxy === undefined ? {} : { proxy: values.proxy }),
  ...(values.spec === undefined ? {} : { spec: values.spec }),
  onViolation: ({ request, location, message }) =>
    process.stderr.write(`violation  ${request}  ${location}: ${message}\n`),
  onUndocumentedField: ({ operation, status, location }) =>
    process.stderr.write(`undocumented  ${operation}  ${status}  ${location}\n`),
}).catch((error: unknown) => fail((error as Error).message));

const what = values.proxy === undefined ? "LiveDesk mock" : `LiveDesk validation proxy to ${values.proxy}`;
process.stdout.write(`${what} listening on ${server.url}\n`);

const stop = async () => {
  await server.close();
  if (values.proxy !== undefined) {
    process.stderr.write(formatProxySummary(server));
  }
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
