// Reads the SARIF log that `sarif-multitool validate` wrote and reports its findings.
//
//   node summarize.mjs VALIDATION.sarif SCANNED EXPECTED MAP.json
//
// SCANNED is the count from the tool's "Done. N files scanned." line and EXPECTED the number
// of files given to it: the tool silently skips some files (empty ones, for instance), so a
// mismatch is a failure. MAP.json (from merge.mjs) turns a finding in run k of the merged log
// back into the file it came from. Prints one line per error ("FILE:LINE: RULE message" for a
// file validated on its own, "FILE: RULE runs[i]... message" for a merged one) and a count of
// each level; exits 1 when there is any error, any error notification, or the run failed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [logPath, scanned, expected, mapPath] = process.argv.slice(2);
const map = JSON.parse(readFileSync(mapPath, 'utf8'));
const run = JSON.parse(readFileSync(logPath, 'utf8')).runs[0];
const rules = run.tool.driver.rules ?? [];

// The tool's results carry a message id and arguments: format them with the rule's strings.
function text(result) {
  const rule = rules[result.ruleIndex] ?? rules.find((r) => r.id === result.ruleId) ?? {};
  const template = result.message.text ?? rule.messageStrings?.[result.message.id]?.text ?? '';
  return template.replace(/\{(\d+)\}/g, (_, i) => result.message.arguments?.[Number(i)] ?? '');
}

// "FILE:LINE: RULE message"; a finding in run k of the merged log ("runs[k]...") names the
// file that run came from and its index there.
function describe(result) {
  const loc = result.locations?.[0]?.physicalLocation;
  let uri = loc?.artifactLocation?.uri ?? '?';
  if (uri.startsWith('file:')) uri = fileURLToPath(uri);
  let message = text(result);
  const k = /^runs\[(\d+)\]/.exec(message);
  const origin = uri === map.merged && k ? map.runs[Number(k[1])] : undefined;
  if (!origin) return `${uri}:${loc?.region?.startLine ?? 0}: ${result.ruleId} ${message}`;
  message = message.replace(/^runs\[\d+\]/, `runs[${origin.run}]`);
  return `${origin.file}: ${result.ruleId} ${message}`;
}

const counts = { error: 0, warning: 0, note: 0 };
let failed = false;
for (const result of run.results ?? []) {
  const level = result.level ?? 'warning';
  counts[level] = (counts[level] ?? 0) + 1;
  if (level === 'error') {
    failed = true;
    console.log(describe(result));
  }
}
for (const invocation of run.invocations ?? []) {
  const notes = [...(invocation.toolExecutionNotifications ?? []),
                 ...(invocation.toolConfigurationNotifications ?? [])];
  for (const n of notes.filter((n) => n.level === 'error')) {
    failed = true;
    console.log(`validator: ${n.descriptor?.id ?? ''} ${n.message?.text ?? ''}`);
  }
  if (invocation.executionSuccessful === false) failed = true;
}
if (scanned !== expected) {
  failed = true;
  console.log(`validator: scanned ${scanned} of ${expected} files`);
}
console.log(`multitool: ${map.runs.length} run(s) merged, ${map.separate.length} file(s) alone: ` +
            `${counts.error} error(s), ${counts.warning} warning(s), ${counts.note} note(s)`);
process.exit(failed ? 1 : 0);
