"""Screenshots of every screen of the app, at the three screen sizes the user guide names, in
the normal and the kiosk mode, for docs/screenshots/ (the user guide shows them).

    .venv/bin/python scripts/screenshots.py [OUT_DIR]        # default: docs/screenshots

Each size runs scripts/screen_walk.py in a process of its own (offscreen, a screen of that
size): 1366×768 writes the plain names the guide uses (main-window.png, counter-kiosk.png, …);
1024×600 and 1920×1080 add their size to the name (main-window-1024x600.png). The walk sets the
demo store up the way the guide describes (the warehouse area on "Back warehouse", one
mislabelled barcode, a session half counted) and fails loudly on a screen that does not fit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = [("1366x768", ""), ("1024x600", "-1024x600"), ("1920x1080", "-1920x1080")]


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "INVENTRA_"))}
    failed = 0
    for size, suffix in SIZES:
        for kiosk in (False, True):
            command = [sys.executable, str(ROOT / "scripts" / "screen_walk.py"), "--size", size, "--shots", str(out),
                       f"--suffix={suffix}"] + (["--kiosk"] if kiosk else [])
            print(f"== {size}{' kiosk' if kiosk else ''}", flush=True)
            done = subprocess.run(command, env=env, text=True, capture_output=True)
            print("\n".join(line for line in done.stdout.splitlines() if not line.startswith("  ")))
            failed += done.returncode != 0 or not done.stdout.rstrip().endswith(" 0 findings")
    print(f"screenshots in {out}/")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
