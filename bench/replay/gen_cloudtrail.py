#!/usr/bin/env python3
"""Writes CloudTrail log files for bench/replay: FILES files of RECORDS records each, in the shape
CloudTrail delivers (`{"Records": [...]}`, one line per file as S3 holds them), deterministic
(seeded). The calls repeat as real logs do (--distinct: they do not): principals drawn from a
Zipf-like law (a few automation roles make most calls), each principal with its own few actions,
sessions and addresses; object names, request parameters, times and ids unique. With --distinct
every principal, session, address and action is drawn uniformly from large sets, so that almost
no two records are the same call: the worst case for replay's decision caches.

    gen_cloudtrail.py OUT_DIR [FILES] [RECORDS] [--gzip] [--distinct]
"""
import gzip, json, os, random, sys

ACCOUNTS = ["222222222222", "333333333333", "444444444444", "555555555555", "999999999999", "111111111111"]
REGIONS = ["us-east-1", "eu-west-1", "eu-central-1", "ap-south-1"]
CALLS = [("s3.amazonaws.com", n) for n in ["GetObject", "PutObject", "ListBuckets", "HeadObject", "ListObjects",
                                           "GetBucketAcl", "DeleteObject", "GetBucketPolicy", "CopyObject"]] + \
        [("ec2.amazonaws.com", n) for n in ["DescribeInstances", "RunInstances", "TerminateInstances",
                                            "DescribeVolumes", "CreateTags", "StopInstances"]] + \
        [("iam.amazonaws.com", n) for n in ["CreateAccessKey", "GetUser", "ListRoles", "CreateUser", "AttachRolePolicy"]] + \
        [("sts.amazonaws.com", n) for n in ["AssumeRole", "GetCallerIdentity"]] + \
        [("kms.amazonaws.com", n) for n in ["Decrypt", "GenerateDataKey", "Encrypt"]] + \
        [("cloudtrail.amazonaws.com", n) for n in ["StopLogging", "DescribeTrails", "LookupEvents"]] + \
        [("monitoring.amazonaws.com", n) for n in ["PutMetricData", "DeleteAlarms", "DescribeAlarms"]] + \
        [("lambda.amazonaws.com", n) for n in ["Invoke", "ListFunctions20150331", "GetFunction20150331v2"]] + \
        [("organizations.amazonaws.com", n) for n in ["LeaveOrganization", "DescribeOrganization"]] + \
        [("signin.amazonaws.com", "ConsoleLogin")]


DISTINCT = "--distinct" in sys.argv


def zipf(rng, n):
    """An index in [0, n) with weight 1/(i+1)."""
    weights = ZIPF.setdefault(n, [1.0 / (i + 1) for i in range(n)])
    return rng.choices(range(n), weights)[0]


ZIPF = {}


def identity(rng, account, who):
    kind = rng.random() if DISTINCT else (who % 20) / 20
    if kind < 0.05:
        ident = {"type": "Root", "principalId": account, "arn": f"arn:aws:iam::{account}:root", "accountId": account,
                 "accessKeyId": "ASIAEXAMPLE"}
        if rng.random() < 0.5:
            ident["sessionContext"] = {"attributes": {"creationDate": "2026-11-30T09:00:00Z", "mfaAuthenticated": "false"},
                                       "assumedRoot": "true"}
        return ident
    if kind < 0.25:
        name = f"user{rng.randrange(40) if DISTINCT else who}"
        return {"type": "IAMUser", "principalId": "AIDA" + name.upper(), "arn": f"arn:aws:iam::{account}:user/{name}",
                "accountId": account, "accessKeyId": "AKIAEXAMPLE", "userName": name}
    if kind < 0.30:
        return {"type": "AWSService", "invokedBy": rng.choice(["lambda.amazonaws.com", "ec2.amazonaws.com"])}
    role = rng.choice(["Ops", "Dev", "Builder", "ReadOnly", "Data"]) + str(rng.randrange(30)) if DISTINCT else \
        ["Ops", "Dev", "Builder", "ReadOnly", "Data"][who % 5] + str(who)
    session = f"s{rng.randrange(1000)}" if DISTINCT else f"s{who}-{rng.randrange(3)}"
    return {"type": "AssumedRole", "principalId": f"AROA{role.upper()}:{session}",
            "arn": f"arn:aws:sts::{account}:assumed-role/{role}/{session}", "accountId": account,
            "accessKeyId": "ASIAEXAMPLE2",
            "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": f"AROA{role.upper()}",
                                                 "arn": f"arn:aws:iam::{account}:role/{role}", "accountId": account,
                                                 "userName": role},
                               "webIdFederationData": {},
                               "attributes": {"creationDate": "2026-11-30T08:00:00Z", "mfaAuthenticated": "false"}}}


def record(rng, i, file_index):
    who = zipf(rng, 300)
    account = rng.choice(ACCOUNTS) if DISTINCT else ACCOUNTS[who % len(ACCOUNTS)]
    ident = identity(rng, account, who)
    source, name = rng.choice(CALLS) if DISTINCT else CALLS[(who * 7 + zipf(rng, 6)) % len(CALLS)]
    if rng.random() < 0.05:
        ip = "AWS Internal"
    elif ident["type"] == "AWSService" or rng.random() < 0.1:
        ip = source
    elif DISTINCT:
        ip = f"198.51.{rng.randrange(20)}.{rng.randrange(200)}"
    else:
        ip = f"198.51.{who % 20}.{who % 7 + rng.randrange(3)}"
    rec = {"eventVersion": "1.10", "userIdentity": ident, "eventTime": f"2026-11-30T{file_index % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d}Z",
           "eventSource": source, "eventName": name, "awsRegion": rng.choice(REGIONS) if DISTINCT else REGIONS[(who + zipf(rng, 3)) % len(REGIONS)], "sourceIPAddress": ip,
           "userAgent": "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.amzn.2 prompt/off command/" + name.lower(),
           "requestParameters": {"bucketName": f"bucket-{rng.randrange(50)}", "key": f"data/{rng.randrange(10**6)}.parquet",
                                 "Host": "bucket.s3.amazonaws.com"},
           "responseElements": None,
           "additionalEventData": {"SignatureVersion": "SigV4", "CipherSuite": "TLS_AES_128_GCM_SHA256",
                                   "bytesTransferredIn": rng.randrange(10**5), "AuthenticationMethod": "AuthHeader"},
           "requestID": f"{file_index:04X}{i:012X}", "eventID": f"{file_index:08x}-0000-4000-8000-{i:012x}",
           "readOnly": name.startswith(("Get", "List", "Describe", "Head")), "eventType": "AwsApiCall",
           "managementEvent": source != "s3.amazonaws.com", "recipientAccountId": account,
           "eventCategory": "Management",
           "tlsDetails": {"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256",
                          "clientProvidedHostHeader": source}}
    if source == "s3.amazonaws.com" and rng.random() < 0.7:
        bucket = f"bucket-{rng.randrange(50) if DISTINCT else who % 50}"
        rec["resources"] = [{"type": "AWS::S3::Object", "ARN": f"arn:aws:s3:::{bucket}/data/{rng.randrange(10**6)}.parquet"},
                            {"accountId": account, "type": "AWS::S3::Bucket", "ARN": f"arn:aws:s3:::{bucket}"}]
    if rng.random() < 0.02:
        rec["errorCode"] = "AccessDenied"
        rec["errorMessage"] = "User is not authorized to perform this operation"
    return rec


def main():
    out = sys.argv[1]
    files = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    records = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
    compress = "--gzip" in sys.argv
    os.makedirs(out, exist_ok=True)
    rng = random.Random(16)
    for f in range(files):
        text = json.dumps({"Records": [record(rng, i, f) for i in range(records)]}, separators=(",", ":"))
        name = os.path.join(out, f"222222222222_CloudTrail_us-east-1_20261130T{f:04d}Z_bench.json")
        if compress:
            with gzip.open(name + ".gz", "wt") as fh:
                fh.write(text)
        else:
            with open(name, "w") as fh:
                fh.write(text)


if __name__ == "__main__":
    main()
