"""Issue 16's goals 1-4 in one go, each line `goal <name>: <figure> <unit> (goal <= <value>) held|short`.

    .venv/bin/python benchmarks/scale.py            # 10,000-variant opens, 100,000 variants, 50 devices x 5 min
    .venv/bin/python benchmarks/scale.py --quick    # 2,000-variant opens, 10,000 variants, 10 devices x 1 min

Goal 1 (warm open) and goal 2 (cold open): open_session.py. Goal 3 (100,000 variants):
hundred_thousand.py. Goal 4 (50 devices): devices.py. Goal 5 (every size) is every_size.py, goal 6
(the capacity model) capacity.py and the user guide. Each part runs its simulated shop in a child
process; absolute times are read beside the machine's baseline that open_session.py prints.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="smaller sizes: a few minutes")
    args = parser.parse_args()
    import devices
    import hundred_thousand
    import open_session

    started = time.perf_counter()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"== scale benchmarks{' (quick)' if args.quick else ''}; load average at start {load:.1f}", flush=True)
    lines: list[str] = []
    print("\n== goals 1 and 2: opening a session", flush=True)
    lines += open_session.run(2_000 if args.quick else 10_000, 2.0, 15.0)
    print("\n== goal 3: 100,000 variants" + (" (quick: 10,000)" if args.quick else ""), flush=True)
    lines += hundred_thousand.run(10_000 if args.quick else 100_000, grid=True)
    print("\n== goal 4: devices on one shop", flush=True)
    count, seconds = (10, 60.0) if args.quick else (50, 300.0)
    lines += devices.measure(count, seconds, products=300 if args.quick else 1000,
                             stagger=10.0 if args.quick else 60.0)
    print(f"\n== results ({(time.perf_counter() - started) / 60:.0f} min; load average now {os.getloadavg()[0]:.1f})")
    for line in lines:
        print(line)


if __name__ == "__main__":
    main()
