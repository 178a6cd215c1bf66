#!/usr/bin/env python3
"""Median and range of every numeric figure of a benchmark's runs, per commit: what the README's tables quote.

    deploy/bench/summary.py deploy/bench/results/<bench>.jsonl [commit]

Runs of a -dirty tree are listed apart and never belong to a commit's median.
"""
import json
import statistics
import sys
from collections import defaultdict


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    runs = defaultdict(list)
    with open(sys.argv[1], encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    runs[str(json.loads(line).get("commit", "unknown"))].append(json.loads(line))
                except json.JSONDecodeError as e:
                    sys.exit(f"{sys.argv[1]}:{n}: not JSON: {e}")
    wanted = sys.argv[2] if len(sys.argv) > 2 else None
    for commit, lines in runs.items():
        if wanted and commit != wanted:
            continue
        print(f"commit {commit}: {len(lines)} run(s), {lines[0].get('when', lines[0].get('date', '?'))[:10]}"
              f" .. {lines[-1].get('when', lines[-1].get('date', '?'))[:10]}")
        keys = []
        for line in lines:
            keys += [k for k, v in line.items() if k not in keys and isinstance(v, (int, float)) and not isinstance(v, bool)]
        for k in keys:
            values = [l[k] for l in lines if isinstance(l.get(k), (int, float)) and not isinstance(l.get(k), bool)]
            if k in ("cores", "memory_mib") or not values:
                continue
            print(f"  {k:58s} median {statistics.median(values):>12g}   range {min(values):g} .. {max(values):g}   (n={len(values)})")


if __name__ == "__main__":
    main()
