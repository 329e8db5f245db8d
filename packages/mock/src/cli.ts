#!/usr/bin/env node
import { parseArgs } from "node:util";
import { startMockServer } from "./index.js";
import { runProbeCommand } from "./probe/command.js";
import { formatProxySummary } from "./proxy-summary.js";

const USAGE = `Usage: livedesk-mock [options]
       livedesk-mock probe [options]   ask your account what the docs leave open (see livedesk-mock probe --help)

Serves a Prism mock of the EngageLab LiveDesk REST API; with --stateful a simulator that keeps what you create,
behind Prism's validation proxy; with --proxy a validation proxy in front of the real API.

Options:
  --port <n>          port to listen on (default 4010; 0 picks a free one)
  --host <host>       interface to listen on (default 127.0.0.1)
  --stateful          serve the stateful simulator (credentials test-api-key / test-api-secret)
  --seed <n>          with --stateful: seed of the generated data (default 1)
  --contacts <n>      with --stateful: how many contacts to generate (default 25)
  --webhook-url <url> with --stateful: where to POST conversation_created
  --dynamic           generate responses from the schemas instead of the documented examples
  --no-errors         serve spec violations instead of answering them with errors
  --proxy <url>       forward to this LiveDesk base URL and report what breaks the spec
  --spec <file>       serve another OpenAPI document than the bundled LiveDesk one
  --help              show this text
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
        stateful: { type: "boolean", default: false },
        seed: { type: "string" },
        contacts: { type: "string" },
        "webhook-url": { type: "string" },
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
/** A whole number from `min` to `max`, given as digits (so that "" or " " is not read as 0). */
function wholeNumber(name: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^-?\d+$/.test(value) || number < min || number > max) {
    fail(`--${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return number;
}

const port = wholeNumber("port", values.port, 0, 65_535);
const statefulOnly = (["seed", "contacts", "webhook-url"] as const).filter((name) => values[name] !== undefined);
if (!values.stateful && statefulOnly.length > 0) {
  fail(`--${statefulOnly[0]} needs --stateful`);
}

const server = await startMockServer({
  port,
  host: values.host,
  dynamic: values.dynamic,
  errors: !values["no-errors"],
  ...(values.stateful && {
    stateful: true,
    ...(values.seed !== undefined && { seed: wholeNumber("seed", values.seed, -(2 ** 31), 2 ** 31 - 1) }),
    ...(values.contacts !== undefined && { contacts: wholeNumber("contacts", values.contacts, 0, 100_000) }),
    ...(values["webhook-url"] !== undefined && { webhookUrl: values["webhook-url"] }),
  }),
  ...(values.proxy === undefined ? {} : { proxy: values.proxy }),
  ...(values.spec === undefined ? {} : { spec: values.spec }),
  onViolation: ({ request, location, message }) =>
    process.stderr.write(`violation  ${request}  ${location}: ${message}\n`),
  onUndocumentedField: ({ operation, status, location }) =>
    process.stderr.write(`undocumented  ${operation}  ${status}  ${location}\n`),
}).catch((error: unknown) => fail((error as Error).message));

const what = values.stateful
  ? "LiveDesk simulator"
  : values.proxy === undefined
    ? "LiveDesk mock"
    : `LiveDesk validation proxy to ${values.proxy}`;
process.stdout.write(`${what} listening on ${server.url}\n`);
if (server.controlUrl !== undefined) {
  process.stdout.write(`State, reset and faults: ${server.controlUrl}/state (GET), /reset (POST), /faults (POST)\n`);
}

const stop = async () => {
  await server.close();
  if (values.proxy !== undefined) {
    process.stderr.write(formatProxySummary(server));
  }
  process.exit(0);
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, stop);
}
