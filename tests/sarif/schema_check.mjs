// Checks files against the SARIF 2.1.0 JSON schema (the copy the multitool ships) with ajv.
// The multitool's own schema pass silently accepts a value outside an enum (a result level of
// "fatal", a columnKind of "bytes") and then loses the results of every other file in the same
// run, so enums and types are checked here first and only the files that pass go on to it.
//
//   node schema_check.mjs PASSED_LIST FILE...
//
// Prints "FILE: schema: PATH MESSAGE" per problem and writes the files without one to
// PASSED_LIST (one a line); exits 1 when any file has a problem.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

const schema = JSON.parse(
    readFileSync(require.resolve('@microsoft/sarif-multitool-linux/sarif-2.1.0.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const [passedList, ...files] = process.argv.slice(2);
const passed = [];
let bad = 0;
for (const file of files) {
  let log;
  try {
    log = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.log(`${file}: schema: not JSON: ${e.message}`);
    bad++;
    continue;
  }
  if (validate(log)) {
    passed.push(file);
    continue;
  }
  bad++;
  for (const e of validate.errors.slice(0, 20)) {
    const extra = e.params?.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : '';
    console.log(`${file}: schema: ${e.instancePath || '/'} ${e.message}${extra}`);
  }
}
writeFileSync(passedList, passed.map((f) => f + '\n').join(''));
process.exit(bad > 0 ? 1 : 0);
