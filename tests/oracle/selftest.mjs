#!/usr/bin/env node
// Self-test of the oracle: runs every case below through simulate.mjs in ONE
// process and checks the decision. Cases marked `iam` assert AWS-documented IAM
// semantics; cases marked `lib` pin a behaviour of the pinned iam-simulate
// version that is a library choice or an AWS grey area; cases marked
// `divergence` pin a library answer that contradicts IAM (see README.md).
// Exit status: 0 when all match, 1 otherwise.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = 'arn:aws:iam::123456789012:root';
const ROLE = 'arn:aws:iam::123456789012:role/App';
const OBJ = 'arn:aws:s3:::bucket/key';

const FULL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
// One level: FullAWSAccess + a deny of s3:GetObject under `cond`.
const denyIf = (cond, extra = {}) => [[
  FULL,
  { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:GetObject', Resource: '*', Condition: cond, ...extra }] }
]];

const cases = [];
const t = (id, kind, expect, c) =>
  cases.push({ expect, kind, c: { id, action: 's3:GetObject', resource: OBJ, principal: ROLE, ...c } });

// --- IP address ---------------------------------------------------------
t('NotIpAddress/absent -> true, deny fires', 'iam', 'explicit_deny',
  { scps: denyIf({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } }) });
t('NotIpAddress/inside range -> false', 'iam', 'allow',
  { scps: denyIf({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } }), context: { 'aws:SourceIp': '10.1.2.3' } });
t('NotIpAddress/outside range -> true', 'iam', 'explicit_deny',
  { scps: denyIf({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } }), context: { 'aws:SourceIp': '203.0.113.5' } });
t('IpAddress/absent -> false', 'iam', 'allow',
  { scps: denyIf({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }) });
t('IpAddress/single host no mask', 'iam', 'explicit_deny',
  { scps: denyIf({ IpAddress: { 'aws:SourceIp': '203.0.113.5' } }), context: { 'aws:SourceIp': '203.0.113.5' } });
t('NotIpAddressIfExists/absent -> true', 'iam', 'explicit_deny',
  { scps: denyIf({ NotIpAddressIfExists: { 'aws:SourceIp': '10.0.0.0/8' } }) });

// --- String --------------------------------------------------------------
t('StringEquals/absent -> false', 'iam', 'allow',
  { scps: denyIf({ StringEquals: { 'aws:PrincipalTag/team': 'red' } }) });
t('StringEquals/present match', 'iam', 'explicit_deny',
  { scps: denyIf({ StringEquals: { 'aws:PrincipalTag/team': 'red' } }), context: { 'aws:PrincipalTag/team': 'red' } });
t('StringEquals/value is case-sensitive', 'iam', 'allow',
  { scps: denyIf({ StringEquals: { 'aws:PrincipalTag/team': 'red' } }), context: { 'aws:PrincipalTag/team': 'RED' } });
t('StringEquals/key name is case-insensitive', 'iam', 'explicit_deny',
  { scps: denyIf({ StringEquals: { 'aws:principaltag/team': 'red' } }), context: { 'AWS:PrincipalTag/team': 'red' } });
t('StringNotEquals/absent -> true', 'iam', 'explicit_deny',
  { scps: denyIf({ StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } }) });
t('StringNotEquals/present, listed -> false', 'iam', 'allow',
  { scps: denyIf({ StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } }), context: { 'aws:RequestedRegion': 'eu-central-1' } });
t('StringEqualsIfExists/absent -> true', 'iam', 'explicit_deny',
  { scps: denyIf({ StringEqualsIfExists: { 'aws:PrincipalTag/team': 'red' } }) });
t('StringNotEqualsIfExists/present equal -> false', 'iam', 'allow',
  { scps: denyIf({ StringNotEqualsIfExists: { 'aws:PrincipalTag/team': 'red' } }), context: { 'aws:PrincipalTag/team': 'red' } });
t('StringLike/wildcard', 'iam', 'explicit_deny',
  { scps: denyIf({ StringLike: { 'aws:PrincipalTag/team': 'r?d*' } }), context: { 'aws:PrincipalTag/team': 'redteam' } });
t('StringEqualsIgnoreCase', 'iam', 'explicit_deny',
  { scps: denyIf({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'RED' } }), context: { 'aws:PrincipalTag/team': 'red' } });
t('several values for one key are ORed', 'iam', 'explicit_deny',
  { scps: denyIf({ StringEquals: { 'aws:PrincipalTag/team': ['blue', 'red'] } }), context: { 'aws:PrincipalTag/team': 'red' } });
t('two keys in one operator are ANDed', 'iam', 'allow',
  { scps: denyIf({ StringEquals: { 'aws:PrincipalTag/team': 'red', 'aws:RequestedRegion': 'us-east-1' } }), context: { 'aws:PrincipalTag/team': 'red', 'aws:RequestedRegion': 'eu-west-1' } });
t('two operators are ANDed (one false)', 'iam', 'allow',
  { scps: denyIf({ StringEquals: { 'aws:PrincipalTag/team': 'red' }, Null: { 'aws:SourceIp': 'true' } }), context: { 'aws:PrincipalTag/team': 'red', 'aws:SourceIp': '1.2.3.4' } });
t('policy variable ${aws:PrincipalAccount}', 'iam', 'explicit_deny',
  { scps: denyIf({ StringNotEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } }), context: { 'aws:ResourceAccount': '999999999999' } });

// --- Bool ----------------------------------------------------------------
const MFA = 'aws:MultiFactorAuthPresent';
t('BoolIfExists false/absent -> true', 'iam', 'explicit_deny',
  { scps: denyIf({ BoolIfExists: { [MFA]: 'false' } }) });
t('BoolIfExists false/present true -> false', 'iam', 'allow',
  { scps: denyIf({ BoolIfExists: { [MFA]: 'false' } }), context: { [MFA]: 'true' } });
t('Bool false/absent -> false', 'iam', 'allow',
  { scps: denyIf({ Bool: { [MFA]: 'false' } }) });
t('Bool "false" string matches context "false"', 'iam', 'explicit_deny',
  { scps: denyIf({ Bool: { [MFA]: 'false' } }), context: { [MFA]: 'false' } });
t('Bool context JSON false (stringified by simulate.mjs)', 'iam', 'explicit_deny',
  { scps: denyIf({ Bool: { [MFA]: 'false' } }), context: { [MFA]: false } });
t('Bool policy value JSON boolean false', 'iam', 'explicit_deny',
  { scps: denyIf({ Bool: { 'aws:SecureTransport': false } }), context: { 'aws:SecureTransport': 'false' } });
t('Bool is case-insensitive ("FALSE")', 'lib', 'explicit_deny',
  { scps: denyIf({ Bool: { [MFA]: 'false' } }), context: { [MFA]: 'FALSE' } });

// --- Set operators -------------------------------------------------------
t('ForAllValues:StringEquals/absent -> true', 'iam', 'explicit_deny',
  { scps: denyIf({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } }) });
t('ForAllValues:StringEquals/subset -> true', 'iam', 'explicit_deny',
  { scps: denyIf({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b', 'c'] } }), context: { 'aws:TagKeys': ['a', 'b'] } });
t('ForAllValues:StringEquals/not subset -> false', 'iam', 'allow',
  { scps: denyIf({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } }), context: { 'aws:TagKeys': ['a', 'z'] } });
t('ForAllValues:StringEquals/empty list -> true', 'iam', 'explicit_deny',
  { scps: denyIf({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } }), context: { 'aws:TagKeys': [] } });
t('ForAnyValue:StringEquals/absent -> false', 'iam', 'allow',
  { scps: denyIf({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a'] } }) });
t('ForAnyValue:StringEquals/intersects -> true', 'iam', 'explicit_deny',
  { scps: denyIf({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a'] } }), context: { 'aws:TagKeys': ['z', 'a'] } });
t('ForAnyValue:StringNotEquals/all listed -> false', 'iam', 'allow',
  { scps: denyIf({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['a', 'b'] } }), context: { 'aws:TagKeys': ['a', 'b'] } });
t('ForAllValues:StringNotEquals/none listed -> true', 'iam', 'explicit_deny',
  { scps: denyIf({ 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['a', 'b'] } }), context: { 'aws:TagKeys': ['x', 'y'] } });
t('ForAnyValue:StringEqualsIfExists/absent -> false (IfExists ignored with set operators)', 'lib', 'allow',
  { scps: denyIf({ 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': ['a'] } }) });
t('multi-valued key given as a string is wrapped into a 1-list', 'lib', 'explicit_deny',
  { scps: denyIf({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a'] } }), context: { 'aws:TagKeys': 'a' } });
t('StringEquals (no set operator) on multi-valued key -> false', 'lib', 'allow',
  { scps: denyIf({ StringEquals: { 'aws:TagKeys': 'a' } }), context: { 'aws:TagKeys': ['a'] } });
t('StringNotEquals (no set operator) on present multi-valued key -> false', 'lib', 'allow',
  { scps: denyIf({ StringNotEquals: { 'aws:TagKeys': 'a' } }), context: { 'aws:TagKeys': ['b'] } });
t('single-valued key given as array: first element used', 'lib', 'explicit_deny',
  { scps: denyIf({ StringEquals: { 'aws:PrincipalTag/team': 'red' } }), context: { 'aws:PrincipalTag/team': ['red', 'blue'] } });

// --- Numeric -------------------------------------------------------------
const AGE = 'aws:MultiFactorAuthAge';
t('NumericLessThan/present smaller -> true', 'iam', 'explicit_deny',
  { scps: denyIf({ NumericLessThan: { [AGE]: '3600' } }), context: { [AGE]: '100' } });
t('NumericLessThan/present larger -> false', 'iam', 'allow',
  { scps: denyIf({ NumericLessThan: { [AGE]: '3600' } }), context: { [AGE]: 7200 } });
t('NumericLessThan/equal -> false', 'iam', 'allow',
  { scps: denyIf({ NumericLessThan: { [AGE]: '3600' } }), context: { [AGE]: '3600' } });
t('NumericLessThan/absent -> false', 'iam', 'allow',
  { scps: denyIf({ NumericLessThan: { [AGE]: '3600' } }) });
t('NumericGreaterThanIfExists/absent -> true', 'iam', 'explicit_deny',
  { scps: denyIf({ NumericGreaterThanIfExists: { [AGE]: '3600' } }) });
t('NumericLessThan/non-numeric context value -> false', 'iam', 'allow',
  { scps: denyIf({ NumericLessThan: { [AGE]: '3600' } }), context: { [AGE]: 'abc' } });

// --- Date ----------------------------------------------------------------
const NOW = 'aws:CurrentTime';
t('DateGreaterThan ISO/after -> true', 'iam', 'explicit_deny',
  { scps: denyIf({ DateGreaterThan: { [NOW]: '2020-01-01T00:00:00Z' } }), context: { [NOW]: '2024-06-01T12:00:00Z' } });
t('DateGreaterThan ISO/before -> false', 'iam', 'allow',
  { scps: denyIf({ DateGreaterThan: { [NOW]: '2020-01-01T00:00:00Z' } }), context: { [NOW]: '2019-12-31T23:59:59Z' } });
t('DateGreaterThan/absent -> false', 'iam', 'allow',
  { scps: denyIf({ DateGreaterThan: { [NOW]: '2020-01-01T00:00:00Z' } }) });
t('DateLessThan epoch policy value vs epoch context', 'iam', 'explicit_deny',
  { scps: denyIf({ DateLessThan: { [NOW]: '1700000000' } }), context: { [NOW]: '1600000000' } });
// DIVERGENCE: integers are parsed as epoch SECONDS but ISO strings as epoch
// MILLISECONDS, so mixing the two formats compares nonsense. IAM would deny
// here (2020-01-01 < 2023-11-14); the library answers allow.
t('DIVERGENCE DateLessThan epoch policy value vs ISO context', 'divergence', 'allow',
  { scps: denyIf({ DateLessThan: { [NOW]: '1700000000' } }), context: { [NOW]: '2020-01-01T00:00:00Z' } });
t('DIVERGENCE DateGreaterThan ISO policy value vs epoch context', 'divergence', 'allow',
  { scps: denyIf({ DateGreaterThan: { [NOW]: '2020-01-01T00:00:00Z' } }), context: { [NOW]: '1700000000' } });
t('DateGreaterThan date-only policy value', 'iam', 'explicit_deny',
  { scps: denyIf({ DateGreaterThan: { [NOW]: '2020-01-01' } }), context: { [NOW]: '2020-01-02T00:00:00Z' } });

// --- Null ----------------------------------------------------------------
t('Null true/absent -> true', 'iam', 'explicit_deny',
  { scps: denyIf({ Null: { 'aws:PrincipalTag/team': 'true' } }) });
t('Null true/present -> false', 'iam', 'allow',
  { scps: denyIf({ Null: { 'aws:PrincipalTag/team': 'true' } }), context: { 'aws:PrincipalTag/team': 'red' } });
t('Null false/present -> true', 'iam', 'explicit_deny',
  { scps: denyIf({ Null: { 'aws:PrincipalTag/team': 'false' } }), context: { 'aws:PrincipalTag/team': 'red' } });
t('Null false/absent -> false', 'iam', 'allow',
  { scps: denyIf({ Null: { 'aws:PrincipalTag/team': 'false' } }) });

// --- ARN -----------------------------------------------------------------
t('ArnLike aws:PrincipalArn arn:*:iam::*:root / root principal', 'iam', 'explicit_deny',
  { scps: denyIf({ ArnLike: { 'aws:PrincipalArn': 'arn:*:iam::*:root' } }), principal: ROOT });
t('ArnLike aws:PrincipalArn arn:*:iam::*:root / role principal', 'iam', 'allow',
  { scps: denyIf({ ArnLike: { 'aws:PrincipalArn': 'arn:*:iam::*:root' } }), principal: ROLE });
t('ArnNotLike role/Admin* exempts admin role', 'iam', 'allow',
  { scps: denyIf({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Admin*' } }), principal: 'arn:aws:iam::123456789012:role/AdminOps' });
t('ArnNotLike role/Admin* denies other role', 'iam', 'explicit_deny',
  { scps: denyIf({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Admin*' } }), principal: ROLE });
t('ArnEquals also accepts wildcards', 'iam', 'explicit_deny',
  { scps: denyIf({ ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } }), principal: ROOT });
t('ArnLike * does not span ARN segments', 'iam', 'allow',
  { scps: denyIf({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*' } }), principal: ROOT });
t('ArnLike is case-sensitive', 'iam', 'allow',
  { scps: denyIf({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:ROOT' } }), principal: ROOT });
t('aws:PrincipalAccount derived from the principal ARN', 'iam', 'explicit_deny',
  { scps: denyIf({ StringEquals: { 'aws:PrincipalAccount': '123456789012' } }) });

// --- Action / Resource matching ------------------------------------------
const pol = (...Statement) => ({ Version: '2012-10-17', Statement });
t('Deny NotAction iam:* sts:* hits s3', 'iam', 'explicit_deny',
  { scps: [[FULL, pol({ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' })]] });
t('Deny NotAction iam:* sts:* skips iam', 'iam', 'allow',
  { scps: [[FULL, pol({ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' })]], action: 'iam:CreateUser', resource: 'arn:aws:iam::123456789012:user/u' });
t('Allow NotAction s3:* (only allow at level) -> s3 implicit', 'iam', 'implicit_deny',
  { scps: [[pol({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' })]] });
t('Allow NotAction s3:* -> ec2 allowed', 'iam', 'allow',
  { scps: [[pol({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' })]], action: 'ec2:DescribeInstances', resource: '*' });
t('action match is case-insensitive', 'iam', 'explicit_deny',
  { scps: [[FULL, pol({ Effect: 'Deny', Action: 'S3:getobject', Resource: '*' })]] });
t('action wildcard s3:Get*', 'iam', 'explicit_deny',
  { scps: [[FULL, pol({ Effect: 'Deny', Action: 's3:Get*', Resource: '*' })]] });
t('Deny with Resource ARN pattern matches', 'iam', 'explicit_deny',
  { scps: [[FULL, pol({ Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::bucket/*' })]] });
t('Deny with NotResource excludes', 'iam', 'allow',
  { scps: [[FULL, pol({ Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::bucket/*' })]] });
t('request resource "*" does not match a specific Resource pattern', 'lib', 'allow',
  { scps: [[FULL, pol({ Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::bucket/*' })]], resource: '*' });

// --- Levels --------------------------------------------------------------
const denyEc2 = pol({ Effect: 'Deny', Action: 'ec2:*', Resource: '*' });
t('no SCP levels at all -> allow', 'iam', 'allow', { scps: [] });
t('level 2 has only an unrelated deny (no allow) -> implicit deny', 'iam', 'implicit_deny',
  { scps: [[FULL], [denyEc2]] });
t('level 2 deny + allow -> allow', 'iam', 'allow', { scps: [[FULL], [denyEc2, FULL]] });
t('empty level (no policy) -> implicit deny', 'lib', 'implicit_deny', { scps: [[FULL], []] });
t('root deny wins over account allow', 'iam', 'explicit_deny',
  { scps: [[FULL, pol({ Effect: 'Deny', Action: 's3:*', Resource: '*' })], [FULL], [FULL]] });
t('root allow-list s3 only, account FULL -> ec2 implicit', 'iam', 'implicit_deny',
  { scps: [[pol({ Effect: 'Allow', Action: 's3:*', Resource: '*' })], [FULL]], action: 'ec2:DescribeInstances', resource: '*' });
t('allow at every level via different statements -> allow', 'iam', 'allow',
  { scps: [[pol({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' })], [pol({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::bucket/*' })]] });
t('explicit deny beats implicit deny at another level', 'iam', 'explicit_deny',
  { scps: [[pol({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' })], [FULL, pol({ Effect: 'Deny', Action: 's3:*', Resource: '*' })]] });
t('Allow with condition false -> implicit deny', 'iam', 'implicit_deny',
  { scps: [[pol({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } })]], context: { 'aws:RequestedRegion': 'eu-west-1' } });

// --- Resource control policies -----------------------------------------
// RCPs are a second chain beside the SCPs: an explicit deny of either wins, otherwise both
// must allow; a caller from another account is still governed by the resource owner's RCPs.
// AWS attaches RCPFullAWSAccess to every root, OU and account and it cannot be detached, so the
// library adds it to every level itself: simulate.mjs drops an allow-all from RCP levels.
const RCP_FULL = FULL;
const perimeter = pol({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*',
  Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } } });
const OUTSIDER = 'arn:aws:iam::999999999999:role/Partner';
t('RCP perimeter: outside caller denied', 'iam', 'explicit_deny',
  { scps: [], rcps: [[RCP_FULL, perimeter]], principal: OUTSIDER, resourceAccount: '123456789012',
    context: { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz', 'aws:PrincipalIsAWSService': 'false' } });
t('RCP perimeter: caller of the organization allowed', 'iam', 'allow',
  { scps: [[FULL]], rcps: [[RCP_FULL, perimeter]], context: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'aws:PrincipalIsAWSService': 'false' } });
t('RCP perimeter: service principal allowed', 'iam', 'allow',
  { scps: [], rcps: [[RCP_FULL, perimeter]], principal: OUTSIDER, resourceAccount: '123456789012',
    context: { 'aws:PrincipalIsAWSService': 'true' } });
t('RCPFullAWSAccess is on every level whether or not a case lists it', 'iam', 'allow',
  { scps: [[FULL]], rcps: [[perimeter], []], context: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } });
t('SCP explicit deny wins over RCP allow', 'iam', 'explicit_deny',
  { scps: [[FULL, pol({ Effect: 'Deny', Action: 's3:*', Resource: '*' })]], rcps: [[RCP_FULL]] });

// --- Errors and context filtering -----------------------------------------
t('unknown action -> error', 'lib', 'error', { scps: [[FULL]], action: 's3:NoSuchAction' });
t('unknown service -> error', 'lib', 'error', { scps: [[FULL]], action: 'nosuchsvc:Foo' });
t('invalid SCP (no Resource) -> error', 'lib', 'error', { scps: [[pol({ Effect: 'Allow', Action: '*' })]] });
t('wildcard-only action with a concrete ARN -> error', 'lib', 'error',
  { scps: [[FULL]], action: 's3:ListAllMyBuckets', resource: 'arn:aws:s3:::bucket' });
t('unknown global key is dropped (absent): StringEquals false', 'lib', 'allow',
  { scps: denyIf({ StringEquals: { 'aws:NoSuchKey': 'x' } }), context: { 'aws:NoSuchKey': 'x' } });
t('service key not valid for action is dropped: s3:prefix on GetObject', 'lib', 'explicit_deny',
  { scps: denyIf({ Null: { 's3:prefix': 'true' } }), context: { 's3:prefix': 'home/' } });
t('unknown condition operator passes validation and never matches', 'lib', 'allow',
  { scps: denyIf({ StringFoo: { 'aws:PrincipalTag/team': 'red' } }), context: { 'aws:PrincipalTag/team': 'red' } });
t('unknown operator containing "Not" matches an absent key', 'lib', 'explicit_deny',
  { scps: denyIf({ StringNotFoo: { 'aws:PrincipalTag/team': 'red' } }) });
t('operator name accepted in lower case', 'lib', 'explicit_deny',
  { scps: denyIf({ stringequals: { 'aws:PrincipalTag/team': 'red' } }), context: { 'aws:PrincipalTag/team': 'red' } });
t('Version 2008-10-17, no Version, single Statement object accepted', 'lib', 'explicit_deny',
  { scps: [[{ Version: '2008-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
            { Statement: [{ Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }] }]] });
t('kms: decision is the SCP result even though the library wants a key policy', 'lib', 'allow',
  { scps: [[FULL]], action: 'kms:Decrypt', resource: 'arn:aws:kms:us-east-1:123456789012:key/abc' });
t('aws:ResourceTag kept for S3 (bucketAbacEnabled)', 'lib', 'explicit_deny',
  { scps: denyIf({ StringEquals: { 'aws:ResourceTag/env': 'prod' } }), context: { 'aws:ResourceTag/env': 'prod' } });

// ---------------------------------------------------------------------------
const input = JSON.stringify({ cases: cases.map((x) => x.c) });
const proc = spawnSync(process.execPath, [join(here, 'simulate.mjs')], {
  input,
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024
});
if (proc.status !== 0) {
  process.stderr.write(`simulate.mjs exited with ${proc.status}\n${proc.stderr}\n`);
  process.exit(1);
}
const { results } = JSON.parse(proc.stdout);
let passed = 0;
let failed = 0;
cases.forEach((x, i) => {
  const r = results[i];
  if (r && r.id === x.c.id && r.decision === x.expect) {
    passed++;
  } else {
    failed++;
    process.stdout.write(
      `FAIL [${x.kind}] ${x.c.id}: expected ${x.expect}, got ${r?.decision}\n  raw: ${JSON.stringify(r?.raw)}\n`
    );
  }
});
process.stdout.write(`selftest: ${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
