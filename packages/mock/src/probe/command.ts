import { parseArgs } from "node:util";
import { bundledSpec, DEFAULT_QUERY, ProbeOptionError, type ProbeOptions, runProbe } from "./index.js";
import { credentialRedactor } from "./redact.js";
import { formatReport } from "./report.js";
import { readSpecFacts } from "./spec-facts.js";

/** The help text; the default base URL is the bundled spec's server. */
export const probeUsage = () => `Usage: livedesk-mock probe [options]

Asks your LiveDesk account the questions the spec's discrepancy ledger leaves open, with read-only GET requests
(about 20, one at a time), and prints one row per ledger id: confirmed, contradicted, undocumented (the API sends
something the spec does not describe) or could not tell, with the evidence.

Credentials come from LIVEDESK_API_KEY and LIVEDESK_API_SECRET; they are never printed.

Options:
  --base-url <url>  the API to probe (default ${readSpecFacts(bundledSpec()).serverUrl})
  --label <name>    a label on some of your contacts; give two (--label vip --label premium) to learn how
                    several labels combine
  --query <text>    search text for the q questions (default "${DEFAULT_QUERY}")
  --json            print the report as JSON
  --help            show this text

Exit status: 0 nothing contradicts the spec, 1 the API contradicts the spec, 2 wrong usage,
3 the probe could not run (LiveDesk unreachable or the credentials refused).
`;

export interface CommandIo {
  env: Record<string, string | undefined>;
  write(text: string): Promise<void>;
  writeError(text: string): Promise<void>;
  /** For tests: the network and the waits after a 429. */
  fetch?: ProbeOptions["fetch"];
  sleep?: ProbeOptions["sleep"];
}

/** `livedesk-mock probe`: runs the probe and resolves with the exit status. */
export async function probeCommand(args: string[], io: CommandIo): Promise<number> {
  let values: { "base-url"?: string; label?: string[]; query?: string; json?: boolean; help?: boolean };
  try {
    values = parseArgs({
      args,
      options: {
        "base-url": { type: "string" },
        label: { type: "string", multiple: true },
        query: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }).values;
  } catch (error) {
    await io.writeError(`livedesk-mock probe: ${(error as Error).message}\n\n${probeUsage()}`);
    return 2;
  }
  if (values.help) {
    await io.write(probeUsage());
    return 0;
  }
  const apiKey = io.env.LIVEDESK_API_KEY ?? "";
  const apiSecret = io.env.LIVEDESK_API_SECRET ?? "";
  if (apiKey === "" || apiSecret === "") {
    await io.writeError(
      `livedesk-mock probe: set LIVEDESK_API_KEY and LIVEDESK_API_SECRET to the key and secret of a LiveDesk API data source (Project Settings → API Management).\n`,
    );
    return 2;
  }
  const redact = credentialRedactor({ apiKey, apiSecret });
  try {
    const report = await runProbe({
      apiKey,
      apiSecret,
      ...(values["base-url"] === undefined ? {} : { baseUrl: values["base-url"] }),
      ...(values.label === undefined ? {} : { labels: values.label }),
      ...(values.query === undefined ? {} : { query: values.query }),
      ...(io.fetch ? { fetch: io.fetch } : {}),
      ...(io.sleep ? { sleep: io.sleep } : {}),
    });
    // The report is redacted already; this pass also covers what JSON escaping could have hidden from it.
    await io.write(redact(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report)));
    return report.contradicted ? 1 : 0;
  } catch (error) {
    const usage = error instanceof ProbeOptionError;
    await io.writeError(redact(`livedesk-mock probe: ${(error as Error).message}\n`));
    return usage ? 2 : 3;
  }
}

/** Runs the command on this process's arguments and streams, then exits with its status. */
export async function runProbeCommand(args: string[]): Promise<never> {
  const writeTo = (stream: NodeJS.WriteStream) => (text: string) =>
    new Promise<void>((done) => stream.write(text, () => done()));
  const status = await probeCommand(args, {
    env: process.env,
    write: writeTo(process.stdout),
    writeError: writeTo(process.stderr),
  });
  process.exit(status);
}
