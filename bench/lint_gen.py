#!/usr/bin/env python3
"""Writes one SCP-shaped JSON document of N distinct statements, for bench/lint_bench.sh.

Usage: bench/lint_gen.py N [--seed S] [--catalog FILE] > policy.json

Deterministic for a given N, seed and catalog. The statements look like those of large
generated SCPs: mostly Deny, some Allow; one to three actions drawn from the AWS catalog
(now and then a service wildcard such as `s3:Get*` or `ec2:*`); `*` or a resource ARN built
from the action's resource type with a per-statement name; zero to two condition entries on
common global keys. Two statements in five are about five popular services. Every statement has its own Sid and its own values, so no two are equal,
but wildcards and `*` resources make some cover others, as in real documents.
"""
import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_catalog(path):
    """Per service: its action names with their resource ARN templates."""
    services = {}
    service = None
    resources = []
    for line in Path(path).read_text().splitlines():
        if line.startswith("@"):
            service = line[1:].split("\t")[0]
            services[service] = []
            resources = []
        elif service and line.startswith("r\t"):
            arns = line.split("\t")[2]
            resources.append(None if arns == "-" else arns.split(",")[0])
        elif service and line.startswith("a\t"):
            fields = line.split("\t")
            arn = None
            if fields[3] != "-":
                first = int(fields[3].split(",")[0].rstrip("*"))
                arn = resources[first] if first < len(resources) else None
            services[service].append((fields[1], arn))
    return {s: a for s, a in services.items() if a}


def fill_arn(template, rng, i):
    out = template.replace("${Partition}", "aws")
    out = out.replace("${Region}", rng.choice(["us-east-1", "eu-west-1", "ap-south-1", "*"]))
    out = out.replace("${Account}", f"{rng.randrange(10**11, 10**12)}")
    while "${" in out:
        start = out.index("${")
        end = out.index("}", start)
        out = out[:start] + f"res{i}x{rng.randrange(1000)}" + out[end + 1:]
    return out


POPULAR = ["s3", "ec2", "iam", "kms", "lambda"]

CONDITIONS = [
    lambda rng, i: ("StringNotEquals", "aws:PrincipalTag/team", [f"team{i % 97}", f"team{i}"]),
    lambda rng, i: ("StringNotEquals", "aws:RequestedRegion", ["us-east-1", rng.choice(["eu-west-1", "eu-central-1"])]),
    lambda rng, i: ("ArnNotLike", "aws:PrincipalArn", [f"arn:aws:iam::*:role/admin-{i}"]),
    lambda rng, i: ("Bool", "aws:SecureTransport", ["false"]),
    lambda rng, i: ("StringEquals", "aws:ResourceTag/env", [rng.choice(["prod", "dev", "test"]) + str(i % 13)]),
    lambda rng, i: ("StringNotEqualsIfExists", "aws:PrincipalOrgID", [f"o-{i:010d}"]),
]


def statement(i, rng, services, names):
    # Two statements in five are about a handful of popular services, as in real SCPs.
    service = rng.choice(POPULAR if rng.random() < 0.4 else names)
    actions = services[service]
    roll = rng.random()
    if roll < 0.05:
        picked = [f"{service}:*"]
        arn = None
    elif roll < 0.15:
        name, arn = rng.choice(actions)
        picked = [f"{service}:{name[:3]}*"]
    else:
        chosen = rng.sample(actions, min(len(actions), rng.randint(1, 3)))
        picked = sorted({f"{service}:{n}" for n, _ in chosen})
        arn = chosen[0][1]
    st = {"Sid": f"S{i}", "Effect": "Allow" if rng.random() < 0.15 else "Deny", "Action": picked}
    if arn and rng.random() < 0.6:
        st["Resource"] = fill_arn(arn, rng, i)
    else:
        st["Resource"] = "*"
    conditions = {}
    for make in rng.sample(CONDITIONS, rng.randint(0, 2)):
        op, key, values = make(rng, i)
        conditions.setdefault(op, {})[key] = values if len(values) > 1 else values[0]
    if conditions:
        st["Condition"] = conditions
    return st


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--catalog", default=str(ROOT / "stdlib/catalog/aws.catalog"))
    args = parser.parse_args()
    services = load_catalog(args.catalog)
    names = sorted(services)
    rng = random.Random(args.seed)
    doc = {"Version": "2012-10-17",
           "Statement": [statement(i, rng, services, names) for i in range(args.n)]}
    json.dump(doc, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
