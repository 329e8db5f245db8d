import type { Verdict } from "./checks.js";
import type { ProbeReport } from "./index.js";

const ID_WIDTH = 13;
const VERDICT_WIDTH = 16;
const SPEC_SHOWN = 160;
const VERDICTS: Verdict[] = ["confirmed", "contradicted", "undocumented", "could not tell"];

/** The report as text: one block per ledger id, then a summary line. */
export function formatReport(report: ProbeReport): string {
  const indent = " ".repeat(ID_WIDTH + VERDICT_WIDTH);
  const lines = [
    `LiveDesk conformance probe of ${report.baseUrl}: ${report.requests.length} read-only GET requests.`,
    "",
  ];
  for (const finding of report.findings) {
    lines.push(`${finding.id.padEnd(ID_WIDTH)}${finding.verdict.padEnd(VERDICT_WIDTH)}${finding.question}`);
    if (finding.spec) {
      const decision = finding.spec.decision.replace(/\s+/g, " ");
      lines.push(`${indent}spec: ${decision.length > SPEC_SHOWN ? `${decision.slice(0, SPEC_SHOWN)}…` : decision}`);
    }
    for (const line of finding.evidence) {
      lines.push(`${indent}- ${line}`);
    }
    lines.push("");
  }
  const counts = VERDICTS.map(
    (verdict) => `${report.findings.filter((finding) => finding.verdict === verdict).length} ${verdict}`,
  );
  lines.push(
    `${counts.join(", ")}.${report.contradicted ? " The API contradicts the spec where a row says contradicted." : ""}`,
  );
  return `${lines.join("\n")}\n`;
}
