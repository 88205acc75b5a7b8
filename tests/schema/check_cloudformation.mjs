#!/usr/bin/env node
// Checks CloudFormation templates (JSON) against the resource schemas shipped in
// the npm package @aws-cdk/aws-service-spec (its db.json.gz, read through the
// package's own loadAwsServiceSpecSync()).
//
//   node check_cloudformation.mjs TEMPLATE.json...
//
// Checked: template sections; AWSTemplateFormatVersion; Parameters (Type, keys,
// Default against AllowedPattern/AllowedValues); Resources (logical ids, Type known
// to the spec, property names, required properties, value types recursively through
// the spec's type definitions and unions); intrinsic functions (Ref / Fn::Sub /
// Fn::GetAtt / Fn::Join ... must name parameters, resources or pseudo parameters;
// GetAtt attributes must exist); Outputs; and the patterns/lengths the spec db does
// not carry, hard-coded below from aws-facts.md.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Problems, finish, usage, isPlainObject, jsType, utf8Length } from './lib/problems.mjs';
import { checkPolicyText, checkPolicyDocument, POLICY_SIZE_LIMIT } from './lib/policy-doc.mjs';

const require = createRequire(import.meta.url);
const SPEC_PACKAGE = '@aws-cdk/aws-service-spec';

// ---------------------------------------------------------------------------
// Template-level vocabulary (CloudFormation user guide, template anatomy; aws-facts §8.3)

const TOP_KEYS = new Set(['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules',
  'Mappings', 'Conditions', 'Transform', 'Outputs', 'Resources']);
const PARAMETER_KEYS = new Set(['Type', 'Default', 'Description', 'AllowedPattern', 'AllowedValues',
  'ConstraintDescription', 'MaxLength', 'MinLength', 'MaxValue', 'MinValue', 'NoEcho']);
const RESOURCE_KEYS = new Set(['Type', 'Properties', 'DependsOn', 'Condition', 'DeletionPolicy',
  'UpdateReplacePolicy', 'Metadata', 'CreationPolicy', 'UpdatePolicy']);
const OUTPUT_KEYS = new Set(['Description', 'Value', 'Export', 'Condition']);
const DELETION_POLICIES = new Set(['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot']);
const PSEUDO_PARAMETERS = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition',
  'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);
const LOGICAL_ID = /^[A-Za-z0-9]{1,255}$/;
const PARAMETER_TYPE = new RegExp('^(String|Number|List<Number>|CommaDelimitedList'
  + '|AWS::SSM::Parameter::Name|AWS::SSM::Parameter::Value<.+>'
  + '|(List<)?AWS::EC2::[A-Za-z]+::[A-Za-z]+(::[A-Za-z]+)?>?|(List<)?AWS::Route53::HostedZone::Id>?)$');
const LIST_PARAMETER_TYPE = /^(List<.*>|CommaDelimitedList|AWS::SSM::Parameter::Value<(List<.*>|CommaDelimitedList)>)$/;

// ---------------------------------------------------------------------------
// Constraints the spec db does not carry (it keeps names, types and required flags,
// not patterns or lengths). Hard-coded from /work/shared/reference/aws-facts.md.

// aws-facts §2.1 "Target IDs" (from the AWS::Organizations::Policy schema [CFNORG]).
const TARGET_ID = /^(r-[0-9a-z]{4,32}|\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
// aws-facts §8.2 (AWS::ControlTower::EnabledControl schema [CFNCT]).
const CONTROLTOWER_ARN = /^arn:aws[0-9a-zA-Z_\-:/]+$/;

const CONSTRAINTS = {
  'AWS::Organizations::Policy': {
    Name: { minLength: 1, maxLength: 128 }, // §2.1 / §8.1
    Description: { maxLength: 512 }, // §2.1 / §8.1
    Content: { minLength: 1, maxLength: 1000000 }, // §8.1
    TargetIds: { maxItems: 100, itemPattern: TARGET_ID, patternName: 'root/OU/account id (aws-facts §2.1)' }, // §8.1
  },
  'AWS::ControlTower::EnabledControl': {
    ControlIdentifier: { minLength: 20, maxLength: 2048, pattern: CONTROLTOWER_ARN, patternName: '^arn:aws[0-9a-zA-Z_\\-:\\/]+$ (aws-facts §8.2)' },
    TargetIdentifier: { minLength: 20, maxLength: 2048, pattern: CONTROLTOWER_ARN, patternName: '^arn:aws[0-9a-zA-Z_\\-:\\/]+$ (aws-facts §8.2)' },
  },
};

// ---------------------------------------------------------------------------
// Spec access

function loadSpec() {
  const { loadAwsServiceSpecSync } = require(SPEC_PACKAGE);
  const version = require(`${SPEC_PACKAGE}/package.json`).version;
  return { db: loadAwsServiceSpecSync(), label: `${SPEC_PACKAGE} ${version}` };
}

function lookupResource(db, type) {
  const found = db.lookup('resource', 'cloudFormationType', 'equals', type);
  return found.length === 1 ? found[0] : null;
}

function typeName(ctx, t) {
  switch (t.type) {
    case 'array': return `List<${typeName(ctx, t.element)}>`;
    case 'map': return `Map<${typeName(ctx, t.element)}>`;
    case 'union': return t.types.map((x) => typeName(ctx, x)).join(' | ');
    case 'ref': return ctx.db.get('typeDefinition', t.reference).name;
    default: return t.type;
  }
}

const TAG_PROPERTIES = {
  Key: { type: { type: 'string' }, required: true },
  Value: { type: { type: 'string' }, required: true },
};

// ---------------------------------------------------------------------------
// Intrinsic functions. intrinsicKind() checks an intrinsic's arguments and the
// names it refers to, and returns what it yields: 'string', 'list', 'number',
// 'boolean', 'any', 'novalue' — or null when the value is not an intrinsic.

function intrinsicName(v) {
  if (!isPlainObject(v)) return null;
  const keys = Object.keys(v);
  if (keys.length !== 1) return null;
  return keys[0] === 'Ref' || keys[0].startsWith('Fn::') ? keys[0] : null;
}

function refKind(ctx, name, where) {
  if (typeof name !== 'string') { ctx.report(where, 'Ref takes a string'); return 'any'; }
  if (PSEUDO_PARAMETERS.has(name)) {
    if (name === 'AWS::NoValue') return 'novalue';
    return name === 'AWS::NotificationARNs' ? 'list' : 'string';
  }
  if (ctx.parameters.has(name)) return LIST_PARAMETER_TYPE.test(ctx.parameters.get(name).Type ?? '') ? 'list' : 'string';
  if (ctx.resources.has(name)) return 'string';
  ctx.report(where, `Ref to "${name}", which is not a parameter, resource or pseudo parameter`);
  return 'any';
}

function getAttKind(ctx, arg, where) {
  let parts = arg;
  if (typeof arg === 'string') parts = [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)];
  if (!Array.isArray(parts) || parts.length !== 2 || typeof parts[0] !== 'string') {
    ctx.report(where, 'Fn::GetAtt takes [LogicalId, Attribute] or "LogicalId.Attribute"');
    return 'any';
  }
  const [logicalId, attribute] = parts;
  const resource = ctx.resources.get(logicalId);
  if (!resource) { ctx.report(where, `Fn::GetAtt on "${logicalId}", which is not a resource of this template`); return 'any'; }
  if (typeof attribute !== 'string') { walkIntrinsics(ctx, attribute, where); return 'any'; }
  const spec = lookupResource(ctx.db, resource.Type);
  if (!spec) return 'any';
  const attr = spec.attributes[attribute];
  if (!attr) {
    ctx.report(where, `Fn::GetAtt ${logicalId}.${attribute}: ${resource.Type} has no attribute "${attribute}" (has: ${Object.keys(spec.attributes).join(', ') || 'none'})`);
    return 'any';
  }
  return attr.type.type === 'array' ? 'list' : attr.type.type === 'boolean' ? 'boolean' : 'string';
}

// Fn::Sub: "${Name}", "${Resource.Attribute}", "${!Literal}"; Name may also come
// from the optional variable map.
function subKind(ctx, arg, where) {
  let text = arg;
  let vars = {};
  if (Array.isArray(arg)) {
    if (arg.length !== 2 || typeof arg[0] !== 'string' || !isPlainObject(arg[1])) {
      ctx.report(where, 'Fn::Sub takes a string or [string, {variables}]');
      return 'string';
    }
    [text, vars] = arg;
    for (const [k, v] of Object.entries(vars)) walkIntrinsics(ctx, v, `${where}.${k}`);
  } else if (typeof arg !== 'string') {
    ctx.report(where, 'Fn::Sub takes a string or [string, {variables}]');
    return 'string';
  }
  for (const name of subVariables(ctx, text, where)) {
    if (name in vars) continue;
    const dot = name.indexOf('.');
    if (dot > 0 && !name.startsWith('AWS::')) getAttKind(ctx, [name.slice(0, dot), name.slice(dot + 1)], `${where} \${${name}}`);
    else if (!PSEUDO_PARAMETERS.has(name) && !ctx.parameters.has(name) && !ctx.resources.has(name)) {
      ctx.report(where, `Fn::Sub variable \${${name}} is not a parameter, resource, pseudo parameter or Sub variable (a literal \${ is written \${!...})`);
    }
  }
  return 'string';
}

// The ${...} names used in a Fn::Sub string (not ${!...} literals).
function subVariables(ctx, text, where) {
  const names = [];
  for (let i = text.indexOf('${'); i >= 0; i = text.indexOf('${', i + 2)) {
    const end = text.indexOf('}', i);
    if (end < 0) { ctx.report(where, 'Fn::Sub string has an unterminated ${'); break; }
    const body = text.slice(i + 2, end);
    if (!body.startsWith('!')) names.push(body.trim());
  }
  return names;
}

// Skeleton of a Fn::Sub string for pattern checks: each ${X} becomes a plausible value.
function subSkeleton(text) {
  return text.replace(/\$\{([^}]*)\}/g, (_, name) => (name === 'AWS::Partition' ? 'aws' : name.startsWith('!') ? `\${${name.slice(1)}}` : 'x0'));
}

function listArgKind(ctx, list, where) {
  if (Array.isArray(list)) {
    list.forEach((el, i) => {
      const k = intrinsicKind(ctx, el, `${where}[${i}]`);
      if (k === 'list') ctx.report(`${where}[${i}]`, 'a list element cannot itself be a list');
    });
    return 'list';
  }
  const k = intrinsicKind(ctx, list, where);
  if (k === null || (k !== 'list' && k !== 'any')) ctx.report(where, `expected a list, got ${k ?? jsType(list)}`);
  return 'list';
}

const INTRINSICS = {
  'Ref': (ctx, arg, where) => refKind(ctx, arg, where),
  'Fn::GetAtt': (ctx, arg, where) => getAttKind(ctx, arg, where),
  'Fn::Sub': (ctx, arg, where) => subKind(ctx, arg, where),
  'Fn::Join': (ctx, arg, where) => {
    if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') {
      ctx.report(where, 'Fn::Join takes [delimiter, [values...]]');
      return 'string';
    }
    listArgKind(ctx, arg[1], `${where}[1]`);
    return 'string';
  },
  'Fn::Split': (ctx, arg, where) => { walkIntrinsics(ctx, arg, where); return 'list'; },
  'Fn::Select': (ctx, arg, where) => {
    if (!Array.isArray(arg) || arg.length !== 2) ctx.report(where, 'Fn::Select takes [index, list]');
    else listArgKind(ctx, arg[1], `${where}[1]`);
    return 'any';
  },
  'Fn::If': (ctx, arg, where) => {
    if (checkIfShape(ctx, arg, where)) {
      walkIntrinsics(ctx, arg[1], `${where}[1]`);
      walkIntrinsics(ctx, arg[2], `${where}[2]`);
    }
    return 'any';
  },
  'Fn::ImportValue': (ctx, arg, where) => { walkIntrinsics(ctx, arg, where); return 'string'; },
  'Fn::Base64': (ctx, arg, where) => { walkIntrinsics(ctx, arg, where); return 'string'; },
  'Fn::FindInMap': (ctx, arg, where) => { walkIntrinsics(ctx, arg, where); return 'any'; },
  'Fn::GetAZs': (ctx, arg, where) => { walkIntrinsics(ctx, arg, where); return 'list'; },
  'Fn::Cidr': (ctx, arg, where) => { walkIntrinsics(ctx, arg, where); return 'list'; },
  'Fn::ToJsonString': (ctx, arg, where) => { walkIntrinsics(ctx, arg, where); return 'string'; },
  'Fn::Length': (ctx, arg, where) => { walkIntrinsics(ctx, arg, where); return 'number'; },
};

// Fn::If: [condition name, value if true, value if false].
function checkIfShape(ctx, arg, where) {
  if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') {
    ctx.report(where, 'Fn::If takes [condition, then, else]');
    return false;
  }
  if (!ctx.conditions.has(arg[0])) ctx.report(where, `Fn::If names condition "${arg[0]}", which is not in Conditions`);
  return true;
}

function intrinsicKind(ctx, v, where) {
  const fn = intrinsicName(v);
  if (!fn) return null;
  const handler = INTRINSICS[fn];
  if (!handler) { ctx.report(where, `unknown or misplaced intrinsic function ${fn}`); return 'any'; }
  return handler(ctx, v[fn], `${where}.${fn}`);
}

// Visits every intrinsic inside an arbitrary value (json-typed properties, outputs).
function walkIntrinsics(ctx, v, where) {
  if (intrinsicKind(ctx, v, where) !== null) return;
  if (Array.isArray(v)) v.forEach((el, i) => walkIntrinsics(ctx, el, `${where}[${i}]`));
  else if (isPlainObject(v)) for (const [k, el] of Object.entries(v)) walkIntrinsics(ctx, el, `${where}.${k}`);
}

// Can an intrinsic yielding `kind` stand where the spec expects type `t`?
function kindFits(ctx, kind, t) {
  if (kind === 'any' || kind === 'novalue') return true;
  switch (t.type) {
    case 'union': return t.types.some((x) => kindFits(ctx, kind, x));
    case 'array': return kind === 'list';
    case 'json': return true;
    case 'string': case 'number': case 'integer': case 'boolean': case 'date-time':
      return kind !== 'list';
    default: return false; // objects, tags and maps cannot come from a scalar intrinsic
  }
}

// ---------------------------------------------------------------------------
// Values against spec types

function checkValue(ctx, v, t, where) {
  const fn = intrinsicName(v);
  if (fn === 'Fn::If') { // each branch must fit the expected type
    if (checkIfShape(ctx, v[fn], `${where}.Fn::If`)) {
      checkValue(ctx, v[fn][1], t, `${where}.Fn::If[1]`);
      checkValue(ctx, v[fn][2], t, `${where}.Fn::If[2]`);
    }
    return;
  }
  if (fn) {
    const kind = intrinsicKind(ctx, v, where);
    if (!kindFits(ctx, kind, t)) ctx.report(where, `${fn} yields a ${kind}, but ${typeName(ctx, t)} is expected`);
    return;
  }
  const checker = VALUE_CHECKERS[t.type];
  if (!checker) { ctx.report(where, `spec type "${t.type}" is not handled by this checker`); return; }
  checker(ctx, v, t, where);
}

function expect(ctx, ok, v, t, where) {
  if (!ok) ctx.report(where, `expected ${typeName(ctx, t)}, got ${jsType(v)} ${JSON.stringify(v)?.slice(0, 60)}`);
  return ok;
}

const VALUE_CHECKERS = {
  'string': (ctx, v, t, where) => {
    if (expect(ctx, typeof v === 'string', v, t, where) && t.allowedValues && !t.allowedValues.includes(v)) {
      ctx.report(where, `"${v}" is not one of ${t.allowedValues.join(', ')}`);
    }
  },
  'date-time': (ctx, v, t, where) => expect(ctx, typeof v === 'string', v, t, where),
  'number': (ctx, v, t, where) => expect(ctx, typeof v === 'number', v, t, where),
  'integer': (ctx, v, t, where) => expect(ctx, Number.isInteger(v), v, t, where),
  'boolean': (ctx, v, t, where) => expect(ctx, typeof v === 'boolean' || v === 'true' || v === 'false', v, t, where),
  'null': (ctx, v, t, where) => expect(ctx, v === null, v, t, where),
  'json': (ctx, v, t, where) => walkIntrinsics(ctx, v, where),
  'tag': (ctx, v, t, where) => checkObject(ctx, v, TAG_PROPERTIES, where, 'Tag'),
  'array': (ctx, v, t, where) => {
    if (expect(ctx, Array.isArray(v), v, t, where)) v.forEach((el, i) => checkValue(ctx, el, t.element, `${where}[${i}]`));
  },
  'map': (ctx, v, t, where) => {
    if (expect(ctx, isPlainObject(v), v, t, where)) for (const [k, el] of Object.entries(v)) checkValue(ctx, el, t.element, `${where}.${k}`);
  },
  'ref': (ctx, v, t, where) => {
    const def = ctx.db.get('typeDefinition', t.reference);
    checkObject(ctx, v, def.properties, where, def.name);
  },
  'union': (ctx, v, t, where) => checkUnion(ctx, v, t, where),
};

// A union passes when one alternative passes. Otherwise report the problems of the
// alternative whose JSON shape fits the value, or a plain mismatch.
function checkUnion(ctx, v, t, where) {
  const trials = t.types.map((alt) => {
    const found = [];
    checkValue({ ...ctx, report: (w, m) => found.push([w, m]) }, v, alt, where);
    return { alt, found };
  });
  if (trials.some((x) => x.found.length === 0)) return;
  const shaped = trials.filter((x) => shapeFits(v, x.alt));
  if (shaped.length === 1) for (const [w, m] of shaped[0].found) ctx.report(w, m);
  else ctx.report(where, `expected ${typeName(ctx, t)}, got ${jsType(v)}`);
}

function shapeFits(v, t) {
  switch (t.type) {
    case 'string': case 'date-time': return typeof v === 'string';
    case 'number': case 'integer': return typeof v === 'number';
    case 'boolean': return typeof v === 'boolean';
    case 'array': return Array.isArray(v);
    case 'ref': case 'tag': case 'map': case 'json': return isPlainObject(v);
    default: return false;
  }
}

function checkObject(ctx, v, properties, where, typeLabel) {
  if (!isPlainObject(v)) { ctx.report(where, `expected a ${typeLabel} object, got ${jsType(v)}`); return; }
  for (const [name, value] of Object.entries(v)) {
    const prop = properties[name];
    if (!prop) ctx.report(where, `unknown property "${name}" for ${typeLabel} (known: ${Object.keys(properties).join(', ')})`);
    else checkValue(ctx, value, prop.type, `${where}.${name}`);
  }
  for (const [name, prop] of Object.entries(properties)) {
    if (prop.required && !(name in v)) ctx.report(where, `missing required property "${name}" of ${typeLabel}`);
  }
}

// ---------------------------------------------------------------------------
// Hand-written constraints (CONSTRAINTS above) on literal values

function checkStringConstraint(ctx, s, c, where) {
  const len = s.length;
  if (c.minLength !== undefined && len < c.minLength) ctx.report(where, `length ${len} is below the minimum ${c.minLength}`);
  if (c.maxLength !== undefined && len > c.maxLength) ctx.report(where, `length ${len} is over the maximum ${c.maxLength}`);
  if (c.pattern && !c.pattern.test(s)) ctx.report(where, `"${s}" does not match ${c.patternName}`);
}

function checkConstraints(ctx, resourceType, props, where) {
  for (const [name, c] of Object.entries(CONSTRAINTS[resourceType] ?? {})) {
    const v = props[name];
    const at = `${where}.${name}`;
    if (typeof v === 'string') checkStringConstraint(ctx, v, c, at);
    else if (intrinsicName(v) === 'Fn::Sub' && typeof v['Fn::Sub'] === 'string' && c.pattern) {
      checkStringConstraint(ctx, subSkeleton(v['Fn::Sub']), { pattern: c.pattern, patternName: c.patternName }, `${at} (Fn::Sub with placeholders filled in)`);
    } else if (Array.isArray(v) && c.itemPattern) {
      if (v.length > c.maxItems) ctx.report(at, `${v.length} items, over the maximum ${c.maxItems}`);
      v.forEach((item, i) => {
        if (typeof item === 'string' && !c.itemPattern.test(item)) ctx.report(`${at}[${i}]`, `"${item}" is not a ${c.patternName}`);
      });
    }
  }
  if (resourceType === 'AWS::Organizations::Policy') checkPolicyContent(ctx, props, where);
}

// Content must hold a policy document: a JSON string or an object (aws-facts §8.1).
function checkPolicyContent(ctx, props, where) {
  const type = typeof props.Type === 'string' ? props.Type : 'SERVICE_CONTROL_POLICY';
  const content = props.Content;
  if (typeof content === 'string') {
    for (const m of checkPolicyText(content, type)) ctx.report(`${where}.Content`, m);
  } else if (isPlainObject(content) && !intrinsicName(content)) {
    for (const m of checkPolicyDocument(content)) ctx.report(`${where}.Content`, m);
    const size = utf8Length(JSON.stringify(content));
    const limit = POLICY_SIZE_LIMIT[type];
    if (limit && size > limit) ctx.report(`${where}.Content`, `policy is ${size} bytes minified, over the ${limit}-byte limit (aws-facts §2.1)`);
  }
}

// ---------------------------------------------------------------------------
// Template sections

function checkParameters(ctx, params) {
  if (params === undefined) return;
  if (!isPlainObject(params)) { ctx.report('Parameters', 'must be an object'); return; }
  for (const [name, p] of Object.entries(params)) {
    const where = `Parameters.${name}`;
    if (!LOGICAL_ID.test(name)) ctx.report(where, 'parameter names must be alphanumeric');
    if (!isPlainObject(p)) { ctx.report(where, 'must be an object'); continue; }
    for (const k of Object.keys(p)) if (!PARAMETER_KEYS.has(k)) ctx.report(where, `unknown parameter attribute "${k}"`);
    if (typeof p.Type !== 'string' || !PARAMETER_TYPE.test(p.Type)) ctx.report(where, `invalid parameter Type ${JSON.stringify(p.Type)}`);
    checkParameterDefault(ctx, p, where);
  }
}

function checkParameterDefault(ctx, p, where) {
  let pattern = null;
  if (p.AllowedPattern !== undefined) {
    try { pattern = new RegExp(`^(?:${p.AllowedPattern})$`); } catch (e) { ctx.report(where, `AllowedPattern is not a valid regex: ${e.message}`); }
  }
  if (p.Default === undefined) return;
  if (p.Type === 'String' && typeof p.Default !== 'string') ctx.report(where, 'Default of a String parameter must be a string');
  if (p.Type === 'Number' && Number.isNaN(Number(p.Default))) ctx.report(where, 'Default of a Number parameter must be a number');
  if (pattern && typeof p.Default === 'string' && !pattern.test(p.Default)) ctx.report(where, `Default "${p.Default}" does not match AllowedPattern`);
  if (Array.isArray(p.AllowedValues) && !p.AllowedValues.includes(p.Default)) ctx.report(where, 'Default is not among AllowedValues');
}

function checkResource(ctx, id, r) {
  const where = `Resources.${id}`;
  if (!LOGICAL_ID.test(id)) ctx.report(where, 'logical ids must be alphanumeric (A-Za-z0-9)');
  if (!isPlainObject(r)) { ctx.report(where, 'must be an object'); return; }
  for (const k of Object.keys(r)) if (!RESOURCE_KEYS.has(k)) ctx.report(where, `unknown resource attribute "${k}"`);
  checkResourceAttributes(ctx, r, where);
  const spec = typeof r.Type === 'string' ? lookupResource(ctx.db, r.Type) : null;
  if (!spec) { ctx.report(where, `unknown resource Type ${JSON.stringify(r.Type)}`); return; }
  const props = r.Properties ?? {};
  checkObject(ctx, props, spec.properties, `${where}.Properties`, r.Type);
  if (isPlainObject(props)) checkConstraints(ctx, r.Type, props, `${where}.Properties`);
}

function checkResourceAttributes(ctx, r, where) {
  const deps = r.DependsOn === undefined ? [] : Array.isArray(r.DependsOn) ? r.DependsOn : [r.DependsOn];
  for (const d of deps) if (!ctx.resources.has(d)) ctx.report(`${where}.DependsOn`, `"${d}" is not a resource of this template`);
  if (r.Condition !== undefined && !ctx.conditions.has(r.Condition)) ctx.report(`${where}.Condition`, `"${r.Condition}" is not in Conditions`);
  for (const k of ['DeletionPolicy', 'UpdateReplacePolicy']) {
    if (r[k] !== undefined && !DELETION_POLICIES.has(r[k])) ctx.report(`${where}.${k}`, `invalid value ${JSON.stringify(r[k])}`);
  }
}

function checkOutputs(ctx, outputs) {
  if (outputs === undefined) return;
  if (!isPlainObject(outputs)) { ctx.report('Outputs', 'must be an object'); return; }
  for (const [name, o] of Object.entries(outputs)) {
    const where = `Outputs.${name}`;
    if (!LOGICAL_ID.test(name)) ctx.report(where, 'output names must be alphanumeric');
    if (!isPlainObject(o)) { ctx.report(where, 'must be an object'); continue; }
    for (const k of Object.keys(o)) if (!OUTPUT_KEYS.has(k)) ctx.report(where, `unknown output attribute "${k}"`);
    if (!('Value' in o)) ctx.report(where, 'missing Value');
    walkIntrinsics(ctx, o.Value, `${where}.Value`);
    if (o.Export !== undefined) walkIntrinsics(ctx, o.Export, `${where}.Export`);
  }
}

function checkTemplate(ctx, t) {
  if (!isPlainObject(t)) { ctx.report('', 'template must be a JSON object'); return 0; }
  for (const k of Object.keys(t)) if (!TOP_KEYS.has(k)) ctx.report('', `unknown top-level section "${k}"`);
  if ('AWSTemplateFormatVersion' in t && t.AWSTemplateFormatVersion !== '2010-09-09') {
    ctx.report('AWSTemplateFormatVersion', `must be the literal "2010-09-09" (aws-facts §8.3), got ${JSON.stringify(t.AWSTemplateFormatVersion)}`);
  }
  if ('Description' in t && typeof t.Description !== 'string') ctx.report('Description', 'must be a string');
  checkParameters(ctx, t.Parameters);
  if (!isPlainObject(t.Resources) || Object.keys(t.Resources).length === 0) {
    ctx.report('Resources', 'the Resources section is required and must not be empty');
    return 0;
  }
  for (const [id, r] of Object.entries(t.Resources)) checkResource(ctx, id, r);
  checkOutputs(ctx, t.Outputs);
  return Object.keys(t.Resources).length;
}

function checkFile(spec, problems, file) {
  const report = problems.forFile(file);
  let template;
  try {
    template = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    report('', `cannot read template as JSON: ${e.message}`);
    return 0;
  }
  const section = (k) => (isPlainObject(template?.[k]) ? template[k] : {});
  const ctx = {
    db: spec.db,
    report,
    parameters: new Map(Object.entries(section('Parameters'))),
    resources: new Map(Object.entries(section('Resources'))),
    conditions: new Set(Object.keys(section('Conditions'))),
  };
  return checkTemplate(ctx, template);
}

function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) usage('check_cloudformation.mjs TEMPLATE.json...');
  const spec = loadSpec();
  const problems = new Problems();
  let resources = 0;
  for (const f of files) resources += checkFile(spec, problems, f);
  finish(problems, `cloudformation: ${resources} resources in ${files.length} template(s) checked against ${spec.label}`);
}

main();
