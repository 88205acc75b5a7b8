// Writes broken copies of good.sarif into DIR, one per line of cases.txt's first column, for
// selftest.sh. Each breaks one rule that rootpol's SARIF output must keep.
//
//   node variants.mjs GOOD.sarif DIR
import { readFileSync, writeFileSync } from 'node:fs';

const [goodPath, dir] = process.argv.slice(2);
const good = JSON.parse(readFileSync(goodPath, 'utf8'));
const region = (log) => log.runs[0].results[0].locations[0].physicalLocation.region;
const artifact = (log) => log.runs[0].results[0].locations[0].physicalLocation.artifactLocation;

const variants = {
  no_version: (log) => { delete log.version; },
  no_runs: (log) => { delete log.runs; },
  level_not_in_enum: (log) => { log.runs[0].results[0].level = 'fatal'; },
  column_kind_not_in_enum: (log) => { log.runs[0].columnKind = 'bytes'; },
  start_line_zero: (log) => { region(log).startLine = 0; },
  start_column_string: (log) => { region(log).startColumn = '5'; },
  end_before_start: (log) => { region(log).endLine = region(log).startLine - 1; },
  artifact_index_out_of_range: (log) => { artifact(log).index = 99; },
  base_uri_without_slash: (log) => {
    log.runs[0].originalUriBaseIds.SRCROOT.uri = log.runs[0].originalUriBaseIds.SRCROOT.uri.replace(/\/$/, '');
  },
  results_not_an_array: (log) => { log.runs[0].results = {}; },
  message_missing: (log) => { delete log.runs[0].results[0].message; },
  // Not merged with the others (another $schema): checks the file-by-file path of validate.sh.
  draft_schema: (log) => {
    log.$schema = 'https://schemastore.azurewebsites.net/schemas/json/sarif-2.1.0-rtm.4.json';
  },
};

for (const [name, breakIt] of Object.entries(variants)) {
  const log = structuredClone(good);
  breakIt(log);
  writeFileSync(`${dir}/${name}.sarif`, JSON.stringify(log, null, 2) + '\n');
}
