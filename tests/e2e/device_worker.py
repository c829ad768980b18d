"""One counting device for the e2e proofs: runs `inventra count` in this process, op after op.

    python device_worker.py SHOP DATA_DIR DEVICE SESSION PLAN.json [--no-wait]

PLAN.json is a list of [variant gid, area, delta]. After each command that exits 0 it
prints `ACK <index>` (the operation is durable then), so a parent that kills this process
knows which operations were acknowledged.
"""

from __future__ import annotations

import json
import sys

from inventra_desktop.cli import main


def run() -> None:
    shop, data_dir, device, session, plan_file = sys.argv[1:6]
    extra = ["--no-wait"] if "--no-wait" in sys.argv[6:] else []
    plan = json.loads(open(plan_file, encoding="utf-8").read())
    for index, (variant, area, delta) in enumerate(plan):
        code = main(["--shop", shop, "--data-dir", data_dir, "--device-name", device, "count", session,
                     "--variant", variant, "--area", area, "--add", str(delta), *extra])
        print(f"{'ACK' if code == 0 else 'FAIL'} {index}", flush=True)


if __name__ == "__main__":
    run()
