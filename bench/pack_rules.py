#!/usr/bin/env python3
"""Writes a program of N one-action rules `deny ACTION for root` (the issue's "how such lists
grow in a repository"), actions taken in catalog order from a few services, write actions first.

    bench/pack_rules.py N [--or K] > program.rootpol

--or K gives every rule K `or` alternatives on two keys (`when region == "eu-west-1" or
principal_tag("team") == "t2" or ...`), for the compile-time benchmark (bench/pack_bench.sh)."""
import sys
from pathlib import Path

CATALOG = Path(__file__).resolve().parent.parent / "stdlib" / "catalog" / "aws.catalog"
SERVICES = ["iam", "organizations", "ec2", "s3", "cloudtrail", "kms", "config", "guardduty",
            "lambda", "rds", "dynamodb", "sns", "sqs", "logs", "cloudwatch", "route53",
            "cloudformation", "ecs", "eks", "elasticloadbalancing", "autoscaling", "sagemaker",
            "glue", "athena", "redshift", "ssm", "secretsmanager", "backup", "events", "states"]


def actions():
    by_service, service = {}, None
    for line in CATALOG.read_text().splitlines():
        if line.startswith("@"):
            service = line[1:].split("\t")[0]
        elif line.startswith("a\t") and service in SERVICES:
            name, access = line.split("\t")[1:3]
            by_service.setdefault(service, []).append((access != "W", name))
    out = []
    for service in SERVICES:
        out += [f"{service}:{name}" for _, name in sorted(by_service.get(service, []))]
    return out


def main():
    n = int(sys.argv[1])
    groups = int(sys.argv[sys.argv.index("--or") + 1]) if "--or" in sys.argv else 0
    pool = actions()
    print(f"// {n} rules `deny ACTION for root`, one action each (bench/pack_rules.py {' '.join(sys.argv[1:])}).")
    print("policy deny-list {")
    for i in range(n):
        action = pool[i % len(pool)]
        cond = ""
        if groups:
            alts = [f'region == "eu-west-{1 + (i + g) % 3}"' if g % 2 == 0 else f'principal_tag("team") == "t{(i + g) % 7}"'
                    for g in range(groups)]
            cond = " when " + " or ".join(alts)
        print(f"  deny {action} for root{cond}")
    print("}")


if __name__ == "__main__":
    main()
