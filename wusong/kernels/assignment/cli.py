"""Command line of the assignment engine: ``python -m wusong.kernels.assignment INSTANCE.json``.

The instance format is documented in the docstring of :mod:`wusong.kernels.assignment`.
"""

import argparse
import json
import math
import sys
from collections.abc import Sequence
from typing import Any

import numpy as np

from wusong.kernels.assignment.prepare import CandidateLists
from wusong.kernels.assignment.solve import assignment_solve


def instance_from_json(data: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments for :func:`assignment_solve` from a parsed JSON instance."""
    if "candidates" in data:
        triples = np.asarray(data["candidates"], dtype=np.float64).reshape(-1, 3)
        affinity: Any = CandidateLists(
            triples[:, 0].astype(np.int64),
            triples[:, 1].astype(np.int64),
            triples[:, 2],
            int(data["declarations"]),
            int(data["experts"]),
        )
    elif "affinity" in data:
        rows = [[math.nan if v is None else v for v in row] for row in data["affinity"]]
        affinity = np.asarray(rows, dtype=np.float64).reshape(len(rows), -1)
    else:
        raise ValueError("the instance needs 'affinity' (dense) or 'candidates' (sparse)")
    return {
        "affinity": affinity,
        "k": data["k"],
        "load": data["load"],
        "conflicts": data.get("conflicts"),
        "bans": data.get("bans"),
        "pins": data.get("pins"),
        "organisations": data.get("organisations"),
        "one_per_organisation": bool(data.get("one_per_organisation", False)),
        "min_affinity": data.get("min_affinity"),
        "decimals": data.get("decimals"),
        "mode": data.get("mode", "total"),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m wusong.kernels.assignment",
        description="Assign experts to declarations from a JSON instance file.",
    )
    parser.add_argument("instance", help="JSON instance file (format: module docstring)")
    parser.add_argument("--mode", choices=["total", "fair"], help="override the file's mode")
    parser.add_argument("--output", help="write the result here instead of standard output")
    parser.add_argument("--progress", action="store_true", help="report progress on stderr")
    args = parser.parse_args(argv)
    with open(args.instance, encoding="utf-8") as fh:
        kwargs = instance_from_json(json.load(fh))
    if args.mode:
        kwargs["mode"] = args.mode
    if args.progress:
        kwargs["progress"] = lambda stage, done, total: print(
            f"{stage}: {done}/{total}", file=sys.stderr
        )
    result = assignment_solve(**kwargs)
    text = json.dumps(result.to_dict(), ensure_ascii=False, indent=1)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
