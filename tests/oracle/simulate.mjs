#!/usr/bin/env node
// SCP test oracle for rootpol: runs @cloud-copilot/iam-simulate (AGPL) as an
// external process. Never import this file (or the library) from the product.
//
// stdin : {"verbose"?: bool, "cases":[{"id", "scps":[[doc,...],...], "rcps"?:[[doc,...],...],
//          "action", "resource"?, "resourceAccount"?, "principal", "context"?}]}
// stdout: {"results":[{"id", "decision", "raw"}]}   (input order)
// decision: "allow" | "explicit_deny" | "implicit_deny" | "error"
// See README.md for the full protocol and the library's semantics.
import { runSimulation } from '@cloud-copilot/iam-simulate';

const ALLOW_ALL = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }]
};
const DEFAULT_PRINCIPAL = 'arn:aws:iam::123456789012:root';
const DECISION = {
  Allowed: 'allow',
  ExplicitlyDenied: 'explicit_deny',
  ImplicitlyDenied: 'implicit_deny'
};

class CaseError extends Error {}

function accountFromArn(arn) {
  if (typeof arn !== 'string') return undefined;
  const parts = arn.split(':');
  if (parts.length >= 6 && parts[0] === 'arn' && /^[0-9]{12}$/.test(parts[4])) return parts[4];
  return undefined;
}

// Context values: string, number or boolean (stringified), or an array of those
// (multi-valued key). null/undefined means "key absent" and is dropped.
function normalizeContext(context) {
  const out = {};
  if (context === undefined || context === null) return out;
  if (typeof context !== 'object' || Array.isArray(context)) {
    throw new CaseError('context must be an object');
  }
  const scalar = (key, v) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new CaseError(`context value of ${key} must be a string, number, boolean or an array of them`);
  };
  for (const [key, value] of Object.entries(context)) {
    if (value === null || value === undefined) continue;
    out[key] = Array.isArray(value) ? value.map((v) => scalar(key, v)) : scalar(key, value);
  }
  return out;
}

function hasKey(obj, name) {
  const lower = name.toLowerCase();
  return Object.keys(obj).some((k) => k.toLowerCase() === lower);
}

// An allow-all document: in an RCP level it stands for RCPFullAWSAccess, which the library
// adds to every level itself (AWS attaches it everywhere and it cannot be detached; the library
// also rejects it as an RCP, since Effect Allow and Action "*" are not RCP grammar).
function isAllowAll(doc) {
  const d = typeof doc === 'string' ? JSON.parse(doc) : doc;
  const st = Array.isArray(d?.Statement) ? d.Statement : [d?.Statement];
  return st.length === 1 && st[0]?.Effect === 'Allow' && st[0]?.Action === '*' && st[0]?.Resource === '*' &&
    st[0]?.Condition === undefined;
}

function orgPolicies(levels, kind) {
  return levels.map((level, i) => {
    let docs = Array.isArray(level) ? level : [level];
    if (kind === 'rcp') docs = docs.filter((doc) => !isAllowAll(doc));
    return {
      orgIdentifier: i === 0 ? 'r-root' : `level-${i}`,
      policies: docs.map((doc, j) => ({
        name: `level${i}.${kind}${j}`,
        policy: typeof doc === 'string' ? JSON.parse(doc) : doc
      }))
    };
  });
}

function buildSimulation(c) {
  if (!Array.isArray(c.scps)) throw new CaseError('scps must be an array of levels');
  if (typeof c.action !== 'string') throw new CaseError('action must be a string');
  const principal = c.principal ?? DEFAULT_PRINCIPAL;
  if (typeof principal !== 'string') throw new CaseError('principal must be a string');
  const resource = c.resource ?? '*';
  if (typeof resource !== 'string') throw new CaseError('resource must be a string');

  const contextVariables = normalizeContext(c.context);
  if (!hasKey(contextVariables, 'aws:PrincipalArn')) contextVariables['aws:PrincipalArn'] = principal;
  const principalAccount = accountFromArn(principal);
  if (principalAccount && !hasKey(contextVariables, 'aws:PrincipalAccount')) {
    contextVariables['aws:PrincipalAccount'] = principalAccount;
  }
  // Same account as the principal by default, so the allow-all identity policy
  // suffices and no resource policy is needed.
  const accountId = c.resourceAccount ?? principalAccount ?? '123456789012';

  const serviceControlPolicies = orgPolicies(c.scps, 'scp');
  // RCPs: the chain of the account that owns the resource (resourceAccount), given only when
  // RCPs decide the request; an absent list leaves the RCP analysis out of the decision.
  if (c.rcps !== undefined && !Array.isArray(c.rcps)) throw new CaseError('rcps must be an array of levels');
  const resourceControlPolicies = orgPolicies(c.rcps ?? [], 'rcp');

  return {
    identityPolicies: [{ name: 'AllowAll', policy: ALLOW_ALL }],
    serviceControlPolicies,
    resourceControlPolicies,
    request: {
      principal,
      action: c.action,
      resource: { resource, accountId },
      contextVariables
    },
    // Without this, aws:ResourceTag/* keys are dropped for S3 ARNs.
    additionalSettings: { s3: { bucketAbacEnabled: true } }
  };
}

function statementSummary(s) {
  return {
    policy: s.policyId,
    sid: s.statement?.sid?.() ?? undefined,
    index: s.statement?.index?.() ?? undefined
  };
}

function scpLevels(analysis, verbose) {
  return controlLevels(analysis?.scpAnalysis, verbose);
}

function controlLevels(kindAnalysis, verbose) {
  return (kindAnalysis?.ouAnalysis ?? []).map((ou) => {
    const level = {
      level: ou.orgIdentifier,
      result: ou.result,
      allow: ou.allowStatements.map(statementSummary),
      deny: ou.denyStatements.map(statementSummary)
    };
    if (verbose) {
      level.explains = [...ou.allowStatements, ...ou.denyStatements, ...ou.unmatchedStatements].map(
        (s) => s.explain
      );
    }
    return level;
  });
}

// Combine the SCP-only results of several runs (wildcard resource).
function combine(results) {
  if (results.length === 0) return undefined;
  if (results.some((r) => r === 'ExplicitlyDenied')) return 'ExplicitlyDenied';
  if (results.every((r) => r === 'Allowed')) return 'Allowed';
  return 'ImplicitlyDenied';
}

async function runCase(c, verbose) {
  const simulation = buildSimulation(c);
  const res = await runSimulation(simulation, { simulationMode: 'Strict' });
  if (res.resultType === 'error') {
    const { message, ...details } = res.errors;
    const extra = Object.keys(details).length ? ' ' + JSON.stringify(details) : '';
    return { decision: 'error', raw: `${message}${extra}` };
  }
  const runs = res.resultType === 'single' ? [res.result] : res.results;
  // Decision = the SCP evaluation alone (identity allows everything). Service
  // specific rules of the library (KMS key policy, STS trust policy, ...) can
  // make overallResult stricter; those are reported but do not decide.
  const scpResult = combine(runs.map((r) => r.analysis?.scpAnalysis?.result)) ?? res.overallResult;
  // With RCPs, the decision of both kinds of control policy: an explicit deny of either wins,
  // otherwise both must allow (the identity and resource-policy parts still do not decide).
  const rcpResult = c.rcps === undefined ? undefined : combine(runs.map((r) => r.analysis?.rcpAnalysis?.result));
  const controlResult = rcpResult === undefined ? scpResult : combine([scpResult, rcpResult]);
  const raw = {
    resultType: res.resultType,
    overallResult: res.overallResult,
    scpResult,
    rcpResult,
    ignoredContextKeys: [...new Set(runs.flatMap((r) => r.ignoredContextKeys ?? []))],
    levels: runs.length === 1 ? scpLevels(runs[0].analysis, verbose) : undefined,
    runs: runs.length === 1 ? undefined : runs.map((r) => ({
      resourcePattern: r.resourcePattern,
      resourceType: r.resourceType,
      scpResult: r.analysis?.scpAnalysis?.result,
      rcpResult: r.analysis?.rcpAnalysis?.result,
      levels: scpLevels(r.analysis, verbose)
    }))
  };
  if (runs.length === 0) raw.note = 'wildcard resource: no run recorded, decision from overallResult';
  if (rcpResult !== undefined) raw.rcpLevels = runs.length === 1 ? controlLevels(runs[0].analysis?.rcpAnalysis, verbose) : undefined;
  return { decision: DECISION[controlResult] ?? 'error', raw };
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function main() {
  let input;
  try {
    input = JSON.parse(await readStdin());
  } catch (e) {
    process.stderr.write(`simulate.mjs: stdin is not valid JSON: ${e.message}\n`);
    process.exitCode = 2;
    return;
  }
  if (!input || !Array.isArray(input.cases)) {
    process.stderr.write('simulate.mjs: expected {"cases":[...]} on stdin\n');
    process.exitCode = 2;
    return;
  }
  const verbose = input.verbose === true;
  const results = [];
  for (const c of input.cases) {
    const id = c?.id;
    try {
      results.push({ id, ...(await runCase(c ?? {}, verbose)) });
    } catch (e) {
      results.push({ id, decision: 'error', raw: String(e?.message ?? e) });
    }
  }
  process.stdout.write(JSON.stringify({ results }) + '\n');
}

await main();
