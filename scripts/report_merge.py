#!/usr/bin/env python3
"""Merges the JSON of `tthc report` runs over disjoint parts of the case records (split by
province, unit, month of receipt, file...) into the report over all of them.

Every count is a sum over cases, so the parts' counts add; the rates are recomputed from
the sums with the same integer rounding as tthc (four decimals, half up), never averaged.
The parts must share --from, --to, --as-of, --by and counts.sql. The columns to add are
the ones each report lists under "columns" (counts.sql declares them; those named
`discrepancies_<reason>` are under "discrepancies_by_reason"), so a province's own
columns merge too.

    scripts/report_merge.py part1.json part2.json ... > merged.json
"""
import json
import sys

COUNTS = []


def rate(num, den):
    if den == 0:
        return None
    bp = (num * 20000 + den) // (2 * den)
    return float(f"{bp // 10000}.{bp % 10000:04d}")


def add(into, c):
    for k in COUNTS:
        into[k] = into.get(k, 0) + c.get(k, 0)
    reasons = into.setdefault("discrepancies_by_reason", {})
    for k, v in c.get("discrepancies_by_reason", {}).items():
        reasons[k] = reasons.get(k, 0) + v


def finish(c):
    resolved = c["resolved_early"] + c["resolved_on_time"] + c["resolved_late"]
    c["on_time_rate"] = rate(c["resolved_early"] + c["resolved_on_time"], resolved)
    c["late_rate"] = rate(c["resolved_late"], resolved)
    c["discrepancies_by_reason"] = dict(sorted(c["discrepancies_by_reason"].items()))
    return c


def main(paths):
    parts = [json.load(open(p, encoding="utf-8")) for p in paths]
    first = parts[0]
    COUNTS[:] = [c["name"] for c in first["columns"] if not c["name"].startswith("discrepancies_")]
    for p in parts[1:]:
        for k in ("period", "as_of", "by", "columns"):
            if p[k] != first[k]:
                sys.exit(f"the parts differ in {k}: {p[k]} and {first[k]}")
    total, groups, listed = {}, {}, []
    rejected = {"count": 0, "by_reason": {}, "rows": []}
    limit = max(len(p["discrepancies"]) for p in parts)
    for p in parts:
        add(total, p["total"])
        for g in p["groups"]:
            key = g["key"]
            into = groups.setdefault(key, {"key": key, "label": g.get("label")})
            add(into, g)
        listed += p["discrepancies"]
        rejected["count"] += p["rejected"]["count"]
        for k, v in p["rejected"]["by_reason"].items():
            rejected["by_reason"][k] = rejected["by_reason"].get(k, 0) + v
        rejected["rows"] += p["rejected"]["rows"]
    listed.sort(key=lambda d: (d["received_at"], d["case_id"]))
    merged = {
        "period": first["period"],
        "as_of": first["as_of"],
        "by": first["by"],
        "columns": first["columns"],
        "groups": [finish(groups[k]) for k in sorted(groups, key=lambda k: (k is not None, k or ""))],
        "total": finish(total),
        "discrepancies": listed[:limit],
        "rejected": rejected,
    }
    json.dump(merged, sys.stdout, ensure_ascii=False, indent=2)
    print()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
