// Shared plumbing for the three checkers: a problem list and the CLI exit protocol
// (exit 0 and one summary line, or exit 1 and one line per problem; exit 2 on usage).

export class Problems {
  constructor() { this.lines = []; }

  // A reporter bound to one file: report(where, message).
  forFile(file) {
    return (where, message) => this.lines.push(`${file}: ${where ? `${where}: ` : ''}${message}`);
  }

  get count() { return this.lines.length; }
}

export function usage(text) {
  process.stderr.write(`usage: ${text}\n`);
  process.exit(2);
}

export function finish(problems, summary) {
  if (problems.count > 0) {
    for (const line of problems.lines) process.stdout.write(`${line}\n`);
    process.stdout.write(`${problems.count} problem(s); ${summary}\n`);
    process.exit(1);
  }
  process.stdout.write(`${summary}\n`);
  process.exit(0);
}

export function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function jsType(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

// Length in UTF-8 bytes (AWS measures policy size in bytes, aws-facts §2.1).
export function utf8Length(s) {
  return Buffer.byteLength(s, 'utf8');
}
