#!/usr/bin/env python3
"""Writes one SCP of N distinct statements all of one SHAPE, for bench/lint_bench.sh: the shapes
that defeat one index or another when they make up the whole document (every statement on the
same action, `*` with a condition value of its own, NotAction, NotResource, a principal of its
own, five condition keys each, the same Sid).

Usage: bench/lint_shapes.py SHAPE N > policy.json     (bench/lint_shapes.py --list: the shapes)
"""
import json
import sys


def statement(shape, i):
    if shape == "same-action":
        return {"Effect": "Deny", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::bucket-{i}/*"}
    if shape == "star-condition":
        return {"Effect": "Deny", "Action": "*", "Resource": "*",
                "Condition": {"StringNotLike": {"aws:PrincipalArn": f"arn:aws:iam::*:role/role-{i}"}}}
    if shape == "not-action":
        return {"Effect": "Deny", "NotAction": ["iam:*", f"s3:GetThing{i}"], "Resource": "*"}
    if shape == "not-resource":
        return {"Effect": "Deny", "Action": "s3:*", "NotResource": [f"arn:aws:s3:::b{i}", f"arn:aws:s3:::b{i}/*"]}
    if shape == "principal":
        return {"Effect": "Deny", "Principal": {"AWS": f"arn:aws:iam::{i:012d}:root"},
                "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}
    if shape == "many-keys":
        return {"Effect": "Deny", "Action": "*", "Resource": "*",
                "Condition": {"StringEquals": {f"aws:PrincipalTag/k{j}": f"v{i}" for j in range(5)},
                              "Bool": {"aws:SecureTransport": "false"}}}
    if shape == "same-sid":
        return {"Sid": "Same", "Effect": "Deny", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::b{i}"}
    raise SystemExit(f"lint_shapes.py: unknown shape {shape} (--list shows them)")


SHAPES = ["same-action", "star-condition", "not-action", "not-resource", "principal", "many-keys", "same-sid"]

if __name__ == "__main__":
    if sys.argv[1:] == ["--list"]:
        print(" ".join(SHAPES))
        sys.exit(0)
    if len(sys.argv) != 3:
        sys.exit("usage: lint_shapes.py SHAPE N")
    shape, n = sys.argv[1], int(sys.argv[2])
    doc = {"Version": "2012-10-17", "Statement": [statement(shape, i) for i in range(n)]}
    print(json.dumps(doc, indent=2))
