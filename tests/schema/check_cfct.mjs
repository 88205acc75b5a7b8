#!/usr/bin/env node
// Checks Customizations for AWS Control Tower (CfCT) manifests, format v2, and the
// policy files they name. Rules from /work/shared/reference/aws-facts.md §9.1 (CfCT
// source/src/cfct/validation/manifest-v2.schema.yaml and manifest_parser), written
// by hand: no npm package ships that schema.
//
//   node check_cfct.mjs manifest.yaml...
//
// YAML is parsed by the `yaml` package as YAML 1.1, the dialect of PyYAML that
// CfCT itself uses (so `yes`/`no`/`on`/`off` are booleans and dates are dates, and
// an unquoted OU named `No` is caught as a non-string). Duplicate keys are errors.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Problems, finish, usage, isPlainObject, jsType } from './lib/problems.mjs';
import { checkPolicyText } from './lib/policy-doc.mjs';

const require = createRequire(import.meta.url);
const YAML = require('yaml');

const VERSION = '2021-03-15'; // §9.1: v2 manifests; v1 used 2020-01-01
const ROOT_KEYS = { region: true, version: true, resources: true, enable_stack_set_deletion: false };
const RESOURCE_KEYS = { name: true, resource_file: true, deploy_method: true, deployment_targets: true,
  description: false, parameter_file: false, parameters: false, regions: false, export_outputs: false };
const STACK_SET_ONLY = ['parameter_file', 'parameters', 'regions', 'export_outputs'];
const DEPLOY_METHODS = ['scp', 'rcp', 'stack_set'];
const POLICY_TYPE = { scp: 'SERVICE_CONTROL_POLICY', rcp: 'RESOURCE_CONTROL_POLICY' };
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/;
const REMOTE_FILE = /^(s3|https):\/\//;

function parseYaml(text, report) {
  const doc = YAML.parseDocument(text, { version: '1.1', uniqueKeys: true, prettyErrors: false });
  for (const e of doc.errors) report('', `YAML error: ${e.message.split('\n')[0]}`);
  return doc.errors.length ? null : doc.toJS();
}

function checkKeys(report, obj, spec, where) {
  for (const k of Object.keys(obj)) if (!(k in spec)) report(where, `unknown key "${k}" (allowed: ${Object.keys(spec).join(', ')})`);
  for (const [k, required] of Object.entries(spec)) if (required && !(k in obj)) report(where, `missing required key "${k}"`);
}

function checkVersion(report, v) {
  const text = v instanceof Date ? v.toISOString().slice(0, 10) : v;
  if (text !== VERSION) report('version', `must be ${VERSION} (manifest v2), got ${JSON.stringify(text)}`);
}

function checkRoot(report, m) {
  if (!isPlainObject(m)) { report('', 'the manifest must be a YAML mapping'); return false; }
  checkKeys(report, m, ROOT_KEYS, '');
  if ('region' in m && (typeof m.region !== 'string' || !REGION.test(m.region))) report('region', `must be a region name such as us-east-1, got ${JSON.stringify(m.region)}`);
  if ('version' in m) checkVersion(report, m.version);
  if ('enable_stack_set_deletion' in m && typeof m.enable_stack_set_deletion !== 'boolean') report('enable_stack_set_deletion', 'must be a boolean');
  if ('resources' in m && !Array.isArray(m.resources)) { report('resources', `must be a list, got ${jsType(m.resources)}`); return false; }
  return true;
}

function checkStringList(report, v, where, itemCheck) {
  if (!Array.isArray(v) || v.length === 0) { report(where, `must be a non-empty list, got ${jsType(v)}`); return; }
  v.forEach((item, i) => {
    if (typeof item !== 'string') report(`${where}[${i}]`, `must be a string, got ${jsType(item)} ${JSON.stringify(item)} (quote it in YAML)`);
    else if (itemCheck) itemCheck(item, `${where}[${i}]`);
  });
}

// OU paths: names separated by ':' (nested OUs); "Root" is the organization root.
function checkOuPath(report) {
  return (ou, where) => {
    if (ou.split(':').some((part) => part.trim() === '' || part !== part.trim())) report(where, `"${ou}" is not an OU path (names separated by ':')`);
  };
}

function checkTargets(report, r, where) {
  const t = r.deployment_targets;
  if (!isPlainObject(t)) { report(where, `must be a mapping, got ${jsType(t)}`); return; }
  checkKeys(report, t, { organizational_units: false, accounts: false }, where);
  const isPolicy = r.deploy_method in POLICY_TYPE;
  if (isPolicy && 'accounts' in t) report(`${where}.accounts`, `accounts are not supported for deploy_method ${r.deploy_method} (aws-facts §9.1); target OUs`);
  if ('organizational_units' in t) checkStringList(report, t.organizational_units, `${where}.organizational_units`, checkOuPath(report));
  else if (isPolicy) report(where, `deploy_method ${r.deploy_method} needs organizational_units`);
  if ('accounts' in t && !isPolicy) checkAccounts(report, t.accounts, `${where}.accounts`);
  if (!isPolicy && !('organizational_units' in t) && !('accounts' in t)) report(where, 'needs organizational_units or accounts');
}

// Stack set targets: account names or numbers (aws-facts §9.1).
function checkAccounts(report, v, where) {
  if (!Array.isArray(v) || v.length === 0) { report(where, `must be a non-empty list, got ${jsType(v)}`); return; }
  v.forEach((a, i) => {
    if (typeof a !== 'string' && !Number.isInteger(a)) report(`${where}[${i}]`, `must be an account name or number, got ${jsType(a)}`);
  });
}

function checkResourceFile(report, r, where, manifestDir) {
  const file = r.resource_file;
  if (typeof file !== 'string' || file === '') { report(where, 'must be a non-empty string'); return; }
  if (REMOTE_FILE.test(file)) return; // s3:// or https:// (bucket in the home region): not checked locally
  const full = path.resolve(manifestDir, file);
  if (!fs.existsSync(full) || !fs.statSync(full).isFile()) { report(where, `file "${file}" does not exist (relative to the manifest's directory)`); return; }
  const policyType = POLICY_TYPE[r.deploy_method];
  if (policyType) for (const m of checkPolicyText(fs.readFileSync(full, 'utf8'), policyType)) report(where, `${file}: ${m}`);
}

function checkStackSetFields(report, r, where) {
  if (r.deploy_method === 'stack_set') {
    if ('regions' in r) checkStringList(report, r.regions, `${where}.regions`, (reg, w) => { if (!REGION.test(reg)) report(w, `"${reg}" is not a region name`); });
    return;
  }
  for (const k of STACK_SET_ONLY) if (k in r) report(`${where}.${k}`, `only stack_set resources take ${k}`);
}

function checkResource(report, r, i, manifestDir, names) {
  const where = `resources[${i}]`;
  if (!isPlainObject(r)) { report(where, 'must be a mapping'); return; }
  checkKeys(report, r, RESOURCE_KEYS, where);
  if ('name' in r) {
    if (typeof r.name !== 'string' || r.name === '') report(`${where}.name`, 'must be a non-empty string');
    else if (names.has(r.name)) report(`${where}.name`, `duplicate resource name "${r.name}"`);
    else names.add(r.name);
    if (r.deploy_method in POLICY_TYPE && typeof r.name === 'string' && r.name.length > 128) report(`${where}.name`, 'policy names are at most 128 characters (aws-facts §2.1)');
  }
  if ('description' in r && typeof r.description !== 'string') report(`${where}.description`, 'must be a string');
  if ('deploy_method' in r && !DEPLOY_METHODS.includes(r.deploy_method)) report(`${where}.deploy_method`, `must be one of ${DEPLOY_METHODS.join(', ')}, got ${JSON.stringify(r.deploy_method)}`);
  if ('deployment_targets' in r) checkTargets(report, r, `${where}.deployment_targets`);
  if ('resource_file' in r) checkResourceFile(report, r, `${where}.resource_file`, manifestDir);
  checkStackSetFields(report, r, where);
}

function checkFile(problems, file) {
  const report = problems.forFile(file);
  let text;
  try { text = fs.readFileSync(file, 'utf8'); } catch (e) { report('', `cannot read: ${e.message}`); return 0; }
  const manifest = parseYaml(text, report);
  if (manifest === null || !checkRoot(report, manifest) || !Array.isArray(manifest.resources)) return 0;
  const names = new Set();
  manifest.resources.forEach((r, i) => checkResource(report, r, i, path.dirname(file), names));
  return manifest.resources.length;
}

function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) usage('check_cfct.mjs manifest.yaml...');
  const problems = new Problems();
  let resources = 0;
  for (const f of files) resources += checkFile(problems, f);
  const yamlVersion = require('yaml/package.json').version;
  finish(problems, `cfct: ${resources} resources in ${files.length} manifest(s) checked against the CfCT manifest v2 rules (aws-facts §9.1; yaml ${yamlVersion}, YAML 1.1)`);
}

main();
