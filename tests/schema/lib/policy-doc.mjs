// Checks on an SCP/RCP policy document (the JSON body inside a policy resource or
// a CfCT policy file). Facts: /work/shared/reference/aws-facts.md §1.1 and §2.1.
import { readFileSync } from 'node:fs';
import { isPlainObject, utf8Length } from './problems.mjs';

// The size quotas are the ones rootpol compiles against: the default row of the dated limits
// table in stdlib/limits.json (SCP 10,240 since 2026-05-15 per the spec; 5,120 before, as
// aws-facts §2.1 records), measured on the minified UTF-8 bytes.
const limitsTable = JSON.parse(readFileSync(new URL('../../../stdlib/limits.json', import.meta.url), 'utf8'));
const defaultLimits = limitsTable.tables.find((t) => t.name === limitsTable.default);
export const POLICY_SIZE_LIMIT = {
  SERVICE_CONTROL_POLICY: defaultLimits.scp_max_size,
  RESOURCE_CONTROL_POLICY: defaultLimits.rcp_max_size,
};

// Returns a list of messages (empty when the document looks like a policy).
export function checkPolicyText(text, policyType = 'SERVICE_CONTROL_POLICY') {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return [`policy is not valid JSON (${e.message})`];
  }
  const problems = checkPolicyDocument(doc);
  const limit = POLICY_SIZE_LIMIT[policyType];
  const size = utf8Length(text);
  if (limit && size > limit) problems.push(`policy is ${size} bytes, over the ${limit}-byte limit for ${policyType} (aws-facts §2.1)`);
  return problems;
}

export function checkPolicyDocument(doc) {
  if (!isPlainObject(doc)) return ['policy document must be a JSON object'];
  const problems = [];
  if (doc.Version !== '2012-10-17') problems.push(`policy Version must be "2012-10-17", got ${JSON.stringify(doc.Version)}`);
  const st = doc.Statement;
  if (st === undefined) problems.push('policy has no Statement');
  else if (!(isPlainObject(st) || (Array.isArray(st) && st.length > 0))) problems.push('policy Statement must be an object or a non-empty array');
  else {
    for (const [i, s] of (Array.isArray(st) ? st : [st]).entries()) {
      if (!isPlainObject(s)) problems.push(`Statement[${i}] is not an object`);
      else if (s.Effect !== 'Allow' && s.Effect !== 'Deny') problems.push(`Statement[${i}].Effect must be "Allow" or "Deny"`);
    }
  }
  return problems;
}
