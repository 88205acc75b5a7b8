#!/usr/bin/env node
// Checks Terraform JSON configuration files (main.tf.json) without a Terraform
// binary, against the hashicorp/aws provider schema extracted into
// terraform-aws-schema.json (see tools/extract-terraform-schema.mjs).
//
//   node check_terraform.mjs FILE.tf.json...
//
// Checked: root block types; variables (type expression, default against it);
// outputs (value); locals; resources and data sources of the types in the schema
// (known arguments, required arguments, read-only attributes, value types, nested
// blocks such as `parameters`, meta-arguments); every string in an expression
// position is scanned as a template (lib/tf-template.mjs): invalid "${" (an
// unescaped IAM policy variable) is an error, and each reference (var.X, local.X,
// TYPE.NAME.ATTR, data.TYPE.NAME.ATTR) must resolve to a declaration and, for
// schema types, to an existing attribute; functions must be Terraform built-ins.
// Policy content given as a literal is checked as a policy document.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Problems, finish, usage, isPlainObject, jsType } from './lib/problems.mjs';
import { checkPolicyText } from './lib/policy-doc.mjs';
import { scanTemplate, scanExpression } from './lib/tf-template.mjs';
import { parseTypeExpression, valueMatchesType } from './lib/tf-types.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCHEMA_FILE = path.join(HERE, 'terraform-aws-schema.json');

const ROOT_KEYS = new Set(['resource', 'data', 'variable', 'output', 'locals', 'provider', 'terraform', '//']);
const RESOURCE_META = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection', '//']);
const DATA_META = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle', '//']);
const VARIABLE_KEYS = new Set(['type', 'default', 'description', 'validation', 'sensitive', 'nullable', 'ephemeral', '//']);
const OUTPUT_KEYS = new Set(['value', 'description', 'sensitive', 'depends_on', 'precondition', 'ephemeral', '//']);
const LIFECYCLE_KEYS = new Set(['create_before_destroy', 'prevent_destroy', 'ignore_changes', 'replace_triggered_by', 'precondition', 'postcondition']);
const RESERVED_VARIABLE_NAMES = new Set(['source', 'version', 'providers', 'count', 'for_each', 'lifecycle', 'depends_on', 'locals']);
const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;
// Roots that need no declaration, with the attributes they offer.
const BUILTIN_ROOTS = { count: ['index'], each: ['key', 'value'], path: ['module', 'root', 'cwd'], terraform: ['workspace'], self: null };

// Terraform 1.x built-in functions (developer.hashicorp.com/terraform/language/functions).
const FUNCTIONS = new Set(`abs abspath alltrue anytrue base64decode base64encode base64gzip base64sha256
  base64sha512 basename bcrypt can ceil chomp chunklist cidrhost cidrnetmask cidrsubnet cidrsubnets coalesce
  coalescelist compact concat contains csvdecode dirname distinct element endswith ephemeralasnull file
  filebase64 filebase64sha256 filebase64sha512 fileexists filemd5 fileset filesha1 filesha256 filesha512
  flatten floor format formatdate formatlist indent index issensitive join jsondecode jsonencode keys length
  log lookup lower matchkeys max md5 merge min nonsensitive one parseint pathexpand plantimestamp pow range
  regex regexall replace reverse rsadecrypt sensitive setintersection setproduct setsubtract setunion sha1
  sha256 sha512 signum slice sort split startswith strcontains strrev substr sum templatefile templatestring
  textdecodebase64 textencodebase64 timeadd timecmp timestamp title tobool tolist tomap tonumber toset
  tostring transpose trim trimprefix trimspace trimsuffix try upper urlencode uuid uuidv5 values yamldecode
  yamlencode zipmap`.split(/\s+/));

// ---------------------------------------------------------------------------
// Constraints the provider schema does not carry, hard-coded from
// /work/shared/reference/aws-facts.md; checked on literal values only (and on
// templates with each interpolation replaced by a placeholder, for patterns).
const CONTROLTOWER_ARN = { pattern: /^arn:aws[0-9a-zA-Z_\-:/]+$/, name: '^arn:aws[0-9a-zA-Z_\\-:\\/]+$ (aws-facts §6.5, §8.2)', minLength: 20, maxLength: 2048 };
const CONSTRAINTS = {
  aws_organizations_policy: {
    name: { minLength: 1, maxLength: 128 }, // §2.1
    description: { maxLength: 512 }, // §2.1
    // §7.1: the provider's documented `type` values.
    type: { oneOf: ['AISERVICES_OPT_OUT_POLICY', 'BACKUP_POLICY', 'BEDROCK_POLICY', 'CHATBOT_POLICY', 'DECLARATIVE_POLICY_EC2',
      'INSPECTOR_POLICY', 'RESOURCE_CONTROL_POLICY', 'S3_POLICY', 'SECURITYHUB_POLICY', 'SERVICE_CONTROL_POLICY', 'TAG_POLICY',
      'UPGRADE_ROLLOUT_POLICY'] },
  },
  aws_organizations_policy_attachment: {
    // §2.1 "Target IDs" and "Policy ID"; §7.2.
    target_id: { pattern: /^(r-[0-9a-z]{4,32}|\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/, name: 'root/OU/account id (aws-facts §2.1)' },
    policy_id: { pattern: /^p-[0-9a-zA-Z_]{8,128}$/, name: 'policy id ^p-[0-9a-zA-Z_]{8,128}$ (aws-facts §2.1)' },
  },
  aws_controltower_control: { control_identifier: CONTROLTOWER_ARN, target_identifier: CONTROLTOWER_ARN },
};

// ---------------------------------------------------------------------------
// Declarations

function eachLabelled(ctx, section, where, fn) {
  if (section === undefined) return;
  if (!isPlainObject(section)) { ctx.report(where, `expected an object of ${where} blocks, got ${jsType(section)}`); return; }
  for (const [name, body] of Object.entries(section)) {
    if (name !== '//') fn(name, body, `${where}.${name}`);
  }
}

function collectDeclarations(ctx, doc) {
  eachLabelled(ctx, doc.variable, 'variable', (name, body) => ctx.variables.set(name, body));
  for (const block of Array.isArray(doc.locals) ? doc.locals : [doc.locals]) {
    eachLabelled(ctx, block, 'locals', (name, value) => ctx.locals.set(name, value));
  }
  for (const kind of ['resource', 'data']) {
    eachLabelled(ctx, doc[kind], kind, (type, byName, where) => {
      eachLabelled(ctx, byName, where, (name, body) => ctx[kind].set(`${type}.${name}`, { type, name, body }));
    });
  }
  eachLabelled(ctx, doc.provider, 'provider', (name, bodies) => {
    ctx.providers.add(name);
    for (const b of Array.isArray(bodies) ? bodies : [bodies]) if (typeof b?.alias === 'string') ctx.providers.add(`${name}.${b.alias}`);
  });
}

// ---------------------------------------------------------------------------
// Expressions: templates, references, functions

// Checks one string in an expression position; returns its scan.
function checkTemplateString(ctx, s, where) {
  const scan = scanTemplate(s);
  if (scan.error) { ctx.report(where, scan.error); return scan; }
  for (const fn of scan.functions) {
    if (!FUNCTIONS.has(fn) && !fn.startsWith('provider::')) ctx.report(where, `unknown function ${fn}()`);
  }
  for (const ref of scan.refs) resolveReference(ctx, ref, where);
  return scan;
}

// Walks any expression value; returns 'unknown' for a pure interpolation, else the JSON kind.
function checkExpression(ctx, v, where) {
  if (typeof v === 'string') return checkTemplateString(ctx, v, where).pure ? 'unknown' : 'string';
  if (Array.isArray(v)) v.forEach((el, i) => checkExpression(ctx, el, `${where}[${i}]`));
  else if (isPlainObject(v)) for (const [k, el] of Object.entries(v)) checkExpression(ctx, el, `${where}.${k}`);
  return jsType(v);
}

function resolveReference(ctx, ref, where) {
  const [first, second] = ref.steps;
  const say = (msg) => ctx.report(where, `\${${ref.text}}: ${msg}`);
  if (ref.root === 'var') {
    if (!first?.attr || !ctx.variables.has(first.attr)) say(`no variable "${first?.attr}" is declared`);
  } else if (ref.root === 'local') {
    if (!first?.attr || !ctx.locals.has(first.attr)) say(`no local value "${first?.attr}" is declared`);
  } else if (ref.root in BUILTIN_ROOTS) {
    const allowed = BUILTIN_ROOTS[ref.root];
    if (allowed && !allowed.includes(first?.attr)) say(`unknown attribute of ${ref.root}`);
  } else if (ref.root === 'data') {
    resolveObjectRef(ctx, 'data', first?.attr, second?.attr, ref.steps.slice(2), say);
  } else if (ref.root === 'module') {
    say('modules are not expected in rootpol output');
  } else {
    resolveObjectRef(ctx, 'resource', ref.root, first?.attr, ref.steps.slice(1), say);
  }
}

function resolveObjectRef(ctx, kind, type, name, rest, say) {
  const prefix = kind === 'data' ? 'data ' : '';
  if (!type || !name) { say(`incomplete reference to a ${kind}`); return; }
  if (!ctx[kind].has(`${type}.${name}`)) { say(`no ${prefix}"${type}" "${name}" is declared`); return; }
  const schema = ctx.schema[kind][type];
  if (schema) checkAttributePath(schema, rest, say, `${prefix}${type}`);
}

// Follows TYPE.NAME[.attr[...]] through the schema, as far as the schema knows.
function checkAttributePath(schemaObj, steps, say, label) {
  let obj = schemaObj;
  for (const step of steps) {
    if (step.index || step.splat) continue;
    if (!obj) return;
    const attr = obj.attributes?.[step.attr];
    const block = obj.blocks?.[step.attr];
    if (!attr && !block) {
      const known = [...Object.keys(obj.attributes ?? {}), ...Object.keys(obj.blocks ?? {})];
      say(`${label} has no attribute "${step.attr}" (has: ${known.join(', ')})`);
      return;
    }
    obj = block ?? attr.nested ?? null;
    label = `${label}.${step.attr}`;
  }
}

// ---------------------------------------------------------------------------
// Arguments against the provider schema

function checkArgument(ctx, v, type, where) {
  if (typeof v === 'string') {
    const scan = checkTemplateString(ctx, v, where);
    if (scan.pure || scan.error || type === 'any' || type === 'string') return;
    if (type === 'bool' && /^(true|false)$/.test(scan.literal ?? '')) return;
    if (type === 'number' && scan.literal !== null && scan.literal.trim() !== '' && !Number.isNaN(Number(scan.literal))) return;
    ctx.report(where, `expected ${type}, got a string`);
    return;
  }
  const collection = /^(list|set|map)\((.+)\)$/.exec(type);
  if (collection && collection[1] === 'map' && isPlainObject(v)) {
    for (const [k, el] of Object.entries(v)) checkArgument(ctx, el, collection[2], `${where}.${k}`);
  } else if (collection && collection[1] !== 'map' && Array.isArray(v)) {
    v.forEach((el, i) => checkArgument(ctx, el, collection[2], `${where}[${i}]`));
  } else if (type === 'any') {
    checkExpression(ctx, v, where);
  } else if (!((type === 'bool' && typeof v === 'boolean') || (type === 'number' && typeof v === 'number'))) {
    ctx.report(where, `expected ${type}, got ${jsType(v)} ${JSON.stringify(v).slice(0, 60)}`);
  }
}

function checkBlock(ctx, v, blockSchema, where) {
  const bodies = Array.isArray(v) ? v : [v];
  if (blockSchema.nesting === 'single' && bodies.length > 1) ctx.report(where, 'this block may appear only once');
  bodies.forEach((b, i) => checkBody(ctx, b, blockSchema, Array.isArray(v) ? `${where}[${i}]` : where, new Set(['//'])));
}

// A resource/data/block body: arguments, nested blocks, meta-arguments.
function checkBody(ctx, body, schemaObj, where, metaKeys) {
  if (!isPlainObject(body)) { ctx.report(where, `expected an object, got ${jsType(body)}`); return; }
  for (const [key, v] of Object.entries(body)) {
    const attr = schemaObj.attributes[key];
    const block = schemaObj.blocks[key];
    if (metaKeys.has(key)) checkMetaArgument(ctx, key, v, `${where}.${key}`);
    else if (attr && attr.computed && !attr.optional && !attr.required) ctx.report(`${where}.${key}`, 'is a read-only (computed) attribute, not an argument');
    else if (attr) checkArgument(ctx, v, attr.type, `${where}.${key}`);
    else if (block) checkBlock(ctx, v, block, `${where}.${key}`);
    else ctx.report(where, `unknown argument "${key}" (known: ${settableNames(schemaObj).join(', ')})`);
  }
  for (const [name, s] of [...Object.entries(schemaObj.attributes), ...Object.entries(schemaObj.blocks)]) {
    if (s.required && !(name in body)) ctx.report(where, `missing required argument "${name}"`);
  }
}

function settableNames(schemaObj) {
  const attrs = Object.entries(schemaObj.attributes).filter(([, a]) => a.required || a.optional).map(([n]) => n);
  return [...attrs, ...Object.keys(schemaObj.blocks)];
}

function checkMetaArgument(ctx, key, v, where) {
  if (key === '//') return;
  if (key === 'depends_on') checkDependsOn(ctx, v, where);
  else if (key === 'provider') {
    if (typeof v !== 'string' || !(ctx.providers.has(v) || /^[a-z0-9_-]+$/.test(v))) ctx.report(where, `provider must name a declared provider configuration, got ${JSON.stringify(v)}`);
  } else if (key === 'lifecycle') {
    if (!isPlainObject(v)) ctx.report(where, 'must be an object');
    else for (const k of Object.keys(v)) if (!LIFECYCLE_KEYS.has(k)) ctx.report(where, `unknown lifecycle argument "${k}"`);
  } else {
    checkExpression(ctx, v, where);
  }
}

// depends_on: bare references (no "${}") to resources or data sources.
function checkDependsOn(ctx, v, where) {
  if (!Array.isArray(v)) { ctx.report(where, 'must be an array of references'); return; }
  v.forEach((s, i) => {
    const scan = typeof s === 'string' ? scanExpression(s) : { error: 'not a string' };
    if (scan.error || scan.refs.length !== 1) { ctx.report(`${where}[${i}]`, `invalid reference ${JSON.stringify(s)}`); return; }
    resolveReference(ctx, scan.refs[0], `${where}[${i}]`);
  });
}

// ---------------------------------------------------------------------------
// Hand-written constraints

function literalOrSkeleton(v) {
  if (typeof v !== 'string') return null;
  const scan = scanTemplate(v);
  if (scan.error || scan.pure) return null;
  if (scan.literal !== null) return { text: scan.literal, literal: true };
  const skeleton = v.replace(/\$\{[^{}]*\}/g, 'x0');
  return skeleton.includes('${') ? null : { text: skeleton, literal: false };
}

function checkConstraints(ctx, type, body, where) {
  for (const [arg, c] of Object.entries(CONSTRAINTS[type] ?? {})) {
    const val = literalOrSkeleton(body[arg]);
    if (!val) continue;
    const at = `${where}.${arg}`;
    if (val.literal && c.minLength !== undefined && val.text.length < c.minLength) ctx.report(at, `length ${val.text.length} is below the minimum ${c.minLength}`);
    if (val.literal && c.maxLength !== undefined && val.text.length > c.maxLength) ctx.report(at, `length ${val.text.length} is over the maximum ${c.maxLength}`);
    if (val.literal && c.oneOf && !c.oneOf.includes(val.text)) ctx.report(at, `"${val.text}" is not one of ${c.oneOf.join(', ')} (aws-facts §7.1)`);
    if (c.pattern && !c.pattern.test(val.text)) {
      ctx.report(at, `"${val.text}"${val.literal ? '' : ' (interpolations replaced by x0)'} is not a ${c.name}`);
    }
  }
  if (type === 'aws_organizations_policy') {
    const content = literalOrSkeleton(body.content);
    const policyType = literalOrSkeleton(body.type)?.text ?? 'SERVICE_CONTROL_POLICY';
    if (content?.literal) for (const m of checkPolicyText(content.text, policyType)) ctx.report(`${where}.content`, m);
  }
}

// ---------------------------------------------------------------------------
// Sections

function checkResources(ctx, kind) {
  for (const { type, name, body } of ctx[kind].values()) {
    const where = `${kind}.${type}.${name}`;
    if (!IDENT.test(name)) ctx.report(where, 'invalid name (letters, digits, _ and -; not starting with a digit)');
    const schema = ctx.schema[kind][type];
    if (!schema) {
      ctx.report(where, `${kind} type "${type}" is not in terraform-aws-schema.json (covers: ${Object.keys(ctx.schema[kind]).join(', ')}); extend tools/extract-terraform-schema.mjs`);
      continue;
    }
    checkBody(ctx, body, schema, where, kind === 'data' ? DATA_META : RESOURCE_META);
    if (isPlainObject(body)) checkConstraints(ctx, type, body, where);
  }
}

function checkVariables(ctx) {
  for (const [name, body] of ctx.variables) {
    const where = `variable.${name}`;
    if (!IDENT.test(name) || RESERVED_VARIABLE_NAMES.has(name)) ctx.report(where, 'invalid or reserved variable name');
    if (!isPlainObject(body)) { ctx.report(where, 'must be an object'); continue; }
    for (const k of Object.keys(body)) if (!VARIABLE_KEYS.has(k)) ctx.report(where, `unknown variable argument "${k}"`);
    if (body.description !== undefined && typeof body.description !== 'string') ctx.report(`${where}.description`, 'must be a string');
    if (typeof body.type !== 'string') { ctx.report(where, 'missing "type" (a type expression such as "string")'); continue; }
    let type;
    try { type = parseTypeExpression(body.type); } catch (e) { ctx.report(`${where}.type`, `invalid type expression "${body.type}": ${e.message}`); continue; }
    if ('default' in body && body.default !== null && !valueMatchesType(body.default, type)) {
      ctx.report(`${where}.default`, `default ${JSON.stringify(body.default).slice(0, 60)} does not match type ${body.type}`);
    }
    for (const v of Array.isArray(body.validation) ? body.validation : body.validation ? [body.validation] : []) {
      checkExpression(ctx, v?.condition, `${where}.validation.condition`);
    }
  }
}

function checkOutputs(ctx, outputs) {
  eachLabelled(ctx, outputs, 'output', (name, body, where) => {
    if (!IDENT.test(name)) ctx.report(where, 'invalid output name');
    if (!isPlainObject(body)) { ctx.report(where, 'must be an object'); return; }
    for (const k of Object.keys(body)) if (!OUTPUT_KEYS.has(k)) ctx.report(where, `unknown output argument "${k}"`);
    if (!('value' in body)) ctx.report(where, 'missing "value"');
    else checkExpression(ctx, body.value, `${where}.value`);
    if (body.depends_on !== undefined) checkDependsOn(ctx, body.depends_on, `${where}.depends_on`);
  });
}

function checkTerraformBlock(ctx, tf) {
  if (tf === undefined) return;
  if (!isPlainObject(tf)) { ctx.report('terraform', 'must be an object'); return; }
  const aws = tf.required_providers?.aws;
  if (aws !== undefined && !(isPlainObject(aws) && aws.source === 'hashicorp/aws')) {
    ctx.report('terraform.required_providers.aws', 'must be an object with "source": "hashicorp/aws"');
  }
}

function checkDocument(ctx, doc) {
  if (!isPlainObject(doc)) { ctx.report('', 'a .tf.json file must hold a JSON object'); return; }
  for (const k of Object.keys(doc)) {
    if (!ROOT_KEYS.has(k)) ctx.report('', `root key "${k}" is not allowed (allowed: ${[...ROOT_KEYS].join(', ')})`);
  }
  collectDeclarations(ctx, doc);
  checkVariables(ctx);
  for (const [name, value] of ctx.locals) checkExpression(ctx, value, `locals.${name}`);
  checkResources(ctx, 'resource');
  checkResources(ctx, 'data');
  checkOutputs(ctx, doc.output);
  eachLabelled(ctx, doc.provider, 'provider', (name, body, where) => checkExpression(ctx, body, where));
  checkTerraformBlock(ctx, doc.terraform);
}

function checkFile(schema, problems, file, counts) {
  const report = problems.forFile(file);
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    report('', `cannot read as JSON: ${e.message}`);
    return;
  }
  const ctx = { schema, report, variables: new Map(), locals: new Map(), resource: new Map(), data: new Map(), providers: new Set(['aws']) };
  checkDocument(ctx, doc);
  counts.resource += ctx.resource.size;
  counts.data += ctx.data.size;
}

function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) usage('check_terraform.mjs FILE.tf.json...');
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
  const problems = new Problems();
  const counts = { resource: 0, data: 0 };
  for (const f of files) checkFile(schema, problems, f, counts);
  const source = `terraform-aws-schema.json (${schema.source.package}, ${schema.source.terraform_provider})`;
  finish(problems, `terraform: ${counts.resource} resources and ${counts.data} data sources in ${files.length} file(s) checked against ${source}`);
}

main();
