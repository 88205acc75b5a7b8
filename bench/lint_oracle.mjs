// Times @cloud-copilot/iam-policy's SCP validator on policy files, in-process (reading the file,
// parse + validate; node's start-up excluded), for bench/lint_bench.sh. Each round reads the
// file again, as each round of bench/lint_inprocess.cpp does (rootpol's lint reads its files
// itself). Prints one line per file:
//   <file> <statements> <errors> <best ms of ROUNDS>
// Usage: node bench/lint_oracle.mjs ROUNDS FILE...   (NODE_PATH-free: resolved from tests/oracle)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'tests', 'oracle', 'package.json'));
const { validateServiceControlPolicy } = require('@cloud-copilot/iam-policy');

const [rounds, ...files] = process.argv.slice(2);
for (const file of files) {
  let best = Infinity;
  let errors = 0;
  let statements = 0;
  for (let i = 0; i < Number(rounds); i++) {
    const start = process.hrtime.bigint();
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    errors = validateServiceControlPolicy(doc).length;
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    statements = Array.isArray(doc.Statement) ? doc.Statement.length : 1;
    best = Math.min(best, ms);
  }
  console.log(`${file} ${statements} ${errors} ${best.toFixed(1)}`);
}
