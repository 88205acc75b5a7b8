#!/usr/bin/env node
// Extracts the hashicorp/aws provider's argument/attribute schema for the few
// Terraform resource and data source types rootpol emits, from the prebuilt CDK
// Terrain bindings `@cdktn/provider-aws` (generated from `terraform providers
// schema -json`), into tests/schema/terraform-aws-schema.json.
//
// Why a one-off extraction: the package is ~480 MB unpacked (46 MB tarball), far
// too big for the test suite's `npm ci`, and no Terraform binary can be installed
// here. Its generated JavaScript carries, for every argument and attribute, the
// provider schema flags as a comment:
//     // content - computed: false, optional: false, required: true
// followed by a getter that reveals the value type (getStringAttribute, ...,
// `new XList(this, "parameters", wrapsSet)` for nested objects), and the
// synthesizeHclAttributes() table says which nested objects are blocks.
// The generated code is mechanical, so a small line-oriented reader suffices; any
// shape it does not recognise aborts the extraction rather than guessing.
//
// Usage (run once, commit the output; needs the npm registry):
//   node tests/schema/tools/extract-terraform-schema.mjs                 # npm pack + extract
//   node tests/schema/tools/extract-terraform-schema.mjs --package-dir DIR/package
//   options: --out FILE (default: tests/schema/terraform-aws-schema.json)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@cdktn/provider-aws';
const VERSION = '25.7.0';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_OUT = path.join(HERE, '..', 'terraform-aws-schema.json');

// Terraform type name -> kind. Resources live in lib/<name minus aws_, dashed>,
// data sources in lib/data-aws-<...>.
const TYPES = {
  resource: [
    'aws_organizations_policy', 'aws_organizations_policy_attachment', 'aws_controltower_control',
    'aws_iam_organizations_features',
    // alerts (docs/alerts.md)
    'aws_cloudwatch_event_bus', 'aws_cloudwatch_event_bus_policy', 'aws_cloudwatch_event_rule',
    'aws_cloudwatch_event_target', 'aws_sns_topic', 'aws_sns_topic_policy', 'aws_sns_topic_subscription',
    'aws_iam_role', 'aws_iam_role_policy', 'aws_cloudformation_stack_set', 'aws_cloudformation_stack_set_instance',
  ],
  data: [
    'aws_organizations_organization',
    'aws_organizations_organizational_unit',
    'aws_organizations_organizational_units',
    'aws_organizations_organizational_unit_descendant_organizational_units',
    'aws_caller_identity',
    'aws_partition',
  ],
};

function libDir(kind, tfType) {
  const dashed = tfType.replace(/^aws_/, '').replace(/_/g, '-');
  return kind === 'data' ? `data-aws-${dashed}` : dashed;
}

function parseArgs(argv) {
  const opts = { packageDir: null, out: DEFAULT_OUT };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--package-dir') opts.packageDir = argv[++i];
    else if (argv[i] === '--out') opts.out = argv[++i];
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return opts;
}

// npm pack the tarball into a temp dir and unpack only the files we read.
function fetchPackage() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rootpol-tfschema-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', `${PACKAGE}@${VERSION}`, '--json', '--pack-destination', tmp],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }))[0];
  const members = ['package/package.json'];
  for (const [kind, list] of Object.entries(TYPES)) {
    for (const t of list) members.push(`package/lib/${libDir(kind, t)}/index.js`);
  }
  execFileSync('tar', ['-xzf', path.join(tmp, packed.filename), '-C', tmp, ...members]);
  return { dir: path.join(tmp, 'package'), integrity: packed.integrity, tmp };
}

// Splits generated JS into top-level class bodies: name -> {base, text}.
function splitClasses(js) {
  const classes = new Map();
  const re = /^class (\w+) extends cdktn\.(\w+) \{$/gm;
  const starts = [...js.matchAll(re)];
  for (const m of starts) {
    const rest = js.slice(m.index + m[0].length);
    const end = rest.search(/^(class |function |exports\.)/m);
    classes.set(m[1], { base: m[2], text: end < 0 ? rest : rest.slice(0, end) });
  }
  return classes;
}

const FLAG_RE = /^\s*\/\/ (\w+) - computed: (true|false), optional: (true|false), required: (true|false)$/gm;

// Each "// name - computed..." comment up to the next one (or the SYNTHESIS banner).
function fieldSections(classText) {
  const marks = [...classText.matchAll(FLAG_RE)];
  return marks.map((m, i) => {
    const from = m.index + m[0].length;
    let to = i + 1 < marks.length ? marks[i + 1].index : classText.length;
    const banner = classText.indexOf('// SYNTHESIS', from);
    if (banner >= 0 && banner < to) to = banner;
    return {
      name: m[1],
      computed: m[2] === 'true', optional: m[3] === 'true', required: m[4] === 'true',
      body: classText.slice(from, to),
    };
  });
}

const GETTER_TYPES = [
  [/return cdktn\.Fn\.tolist\(this\.getListAttribute\(/, 'set(string)'],
  [/return cdktn\.Fn\.tolist\(this\.getNumberListAttribute\(/, 'set(number)'],
  [/return this\.getListAttribute\(/, 'list(string)'],
  [/return this\.getNumberListAttribute\(/, 'list(number)'],
  [/return this\.getStringAttribute\(/, 'string'],
  [/return this\.getBooleanAttribute\(/, 'bool'],
  [/return this\.getNumberAttribute\(/, 'number'],
  [/return this\.getStringMapAttribute\(/, 'map(string)'],
  [/return this\.getNumberMapAttribute\(/, 'map(number)'],
  [/return this\.getBooleanMapAttribute\(/, 'map(bool)'],
  [/return this\.getAnyMapAttribute\(/, 'map(any)'],
  [/return this\.interpolationForAttribute\(/, 'any'],
];
const CDKTN_MAPS = { StringMap: 'map(string)', NumberMap: 'map(number)', BooleanMap: 'map(bool)', AnyMap: 'map(any)' };

// Reads the synthesizeHclAttributes / *ToHclTerraform table: name -> {isBlock, type}.
function hclTable(text) {
  const table = new Map();
  const re = /(\w+): \{\s*value: [^\n]*\n\s*isBlock: (true|false),\s*type: "(\w+)",/g;
  for (const m of text.matchAll(re)) table.set(m[1], { isBlock: m[2] === 'true', type: m[3] });
  return table;
}

// The HCL table of a nested object: its generated <camelName>ToHclTerraform function.
function nestedHclTable(js, elemClass) {
  const fnName = elemClass.replace(/OutputReference$/, 'ToHclTerraform');
  const at = js.indexOf(`function ${fnName[0].toLowerCase()}${fnName.slice(1)}(`);
  if (at < 0) return new Map(); // computed-only nested objects have none
  const end = js.indexOf('\nclass ', at);
  return hclTable(js.slice(at, end < 0 ? js.length : end));
}

function describeNested(ctx, f, flags, nested, hcl, where) {
  const single = nested[1].endsWith('OutputReference');
  const elem = single ? nested[1] : nested[1].replace(/List$/, 'OutputReference');
  const nesting = single ? 'single' : (nested[3] === 'true' ? 'set' : 'list');
  const inner = describeObject(ctx, elem, nestedHclTable(ctx.js, elem), `${where}.${f.name}`);
  const entry = hcl.get(f.name);
  if (entry && entry.isBlock) return ['blocks', { nesting, ...flags, ...inner }];
  return ['attributes', { type: `${nesting === 'single' ? 'object' : nesting}(object)`, ...flags, nested: inner }];
}

function describeField(ctx, f, hcl, where) {
  const flags = { required: f.required, optional: f.optional, computed: f.computed };
  const map = f.body.match(/_\w+ = new cdktn\.(\w+)\(this, "(\w+)"\)/);
  if (map) {
    if (!CDKTN_MAPS[map[1]]) throw new Error(`${where}.${f.name}: unknown cdktn.${map[1]}`);
    return ['attributes', { type: CDKTN_MAPS[map[1]], ...flags }];
  }
  const nested = f.body.match(/_\w+ = new (\w+)\(this, "(\w+)"(?:, (true|false))?\);/);
  if (nested) return describeNested(ctx, f, flags, nested, hcl, where);
  const hit = GETTER_TYPES.find(([re]) => re.test(f.body));
  if (!hit) throw new Error(`${where}.${f.name}: unrecognised getter:\n${f.body}`);
  return ['attributes', { type: hit[1], ...flags }];
}

// ctx = {js, classes}; hcl = the HCL table of this object (block flags).
function describeObject(ctx, className, hcl, where) {
  const cls = ctx.classes.get(className);
  if (!cls) throw new Error(`${where}: class ${className} not found`);
  const out = { attributes: {}, blocks: {} };
  for (const f of fieldSections(cls.text)) {
    const [section, entry] = describeField(ctx, f, hcl, where);
    out[section][f.name] = entry;
  }
  return out;
}

function extractType(pkgDir, kind, tfType) {
  const file = path.join(pkgDir, 'lib', libDir(kind, tfType), 'index.js');
  const js = fs.readFileSync(file, 'utf8');
  const classes = splitClasses(js);
  const base = kind === 'data' ? 'TerraformDataSource' : 'TerraformResource';
  const top = [...classes].find(([, c]) => c.base === base && c.text.includes(`"${tfType}"`));
  if (!top) throw new Error(`${file}: no ${base} class for ${tfType}`);
  const [className, cls] = top;
  const hcl = hclTable(cls.text.slice(cls.text.indexOf('synthesizeHclAttributes')));
  const schema = describeObject({ js, classes }, className, hcl, tfType);
  return { cdktn_class: className, ...schema };
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  let fetched = null;
  let pkgDir = opts.packageDir;
  if (!pkgDir) { fetched = fetchPackage(); pkgDir = fetched.dir; }
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  if (pkg.name !== PACKAGE) throw new Error(`${pkgDir}: expected ${PACKAGE}, found ${pkg.name}`);
  const out = {
    source: {
      package: `${pkg.name}@${pkg.version}`,
      ...(fetched ? { integrity: fetched.integrity } : {}),
      terraform_provider: `${pkg.cdktf.provider.name} ${pkg.cdktf.provider.version}`,
      read_from: 'lib/<type>/index.js: "// name - computed/optional/required" comments, getters, synthesizeHclAttributes()',
      extracted_by: 'tests/schema/tools/extract-terraform-schema.mjs',
    },
    resource: {},
    data: {},
  };
  for (const [kind, list] of Object.entries(TYPES)) {
    for (const t of list) out[kind][t] = extractType(pkgDir, kind, t);
  }
  fs.writeFileSync(opts.out, JSON.stringify(out, null, 2) + '\n');
  if (fetched) fs.rmSync(fetched.tmp, { recursive: true, force: true });
  console.log(`wrote ${opts.out} from ${out.source.package} (${out.source.terraform_provider})`);
}

main();
