"""Every window and dialog fits the screen it opens on (DESIGN.md section 9), in a real layout:
scripts/screen_walk.py opens each (welcome, connect, main with the scan banner, counter (also
offline, with a long message), every
wizard page, areas editor, progress, PIN, every close-the-count tab and both confirmations) on a
simulated screen of each size, normal and kiosk, and at 2× scaling, and lists any visible button
or input outside the screen or clipped by its parent, any kiosk control under 48 px, and any
interactive widget without an accessible name. Each size runs in its own process: Qt's screen is
fixed for a process's life. A walk mostly waits for the screens to settle, so the walks run a few at
a time (started together for the module) and each test reads its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENS = [("1024x600", False, 1.0), ("1024x600", True, 1.0), ("1366x768", False, 1.0), ("1366x768", True, 1.0),
           ("1920x1080", False, 1.0), ("1920x1080", True, 1.0), ("1920x1080", True, 2.0)]
EXPECTED = {"welcome", "connect", "main-window", "scan-warning", "counter", "counter-offline", "wizard-name", "wizard-products",
            "wizard-areas", "wizard-preflight", "wizard-options", "wizard-confirm", "areas-editor", "progress",
            "pin-set", "pin", "finalize", "results-variances-counting", "results-moved-counting",
            "results-alerts-counting", "finalize-confirm", "results-alerts", "results-variances", "apply-preview",
            "apply-confirm"}


IDS = [f"{s}{'-kiosk' if k else ''}{'-2x' if r != 1 else ''}" for s, k, r in SCREENS]


def walk(size: str, kiosk: bool, scale: float, report: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "INVENTRA_"))}
    command = [sys.executable, str(ROOT / "scripts" / "screen_walk.py"), "--size", size, "--scale", str(scale),
               "--report", str(report)] + (["--kiosk"] if kiosk else [])
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=240)


@pytest.fixture(scope="module")
def walks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Future, Path]]]:
    folder = tmp_path_factory.mktemp("layout")
    with ThreadPoolExecutor(max_workers=3) as pool:
        yield {name: (pool.submit(walk, size, kiosk, scale, folder / f"{name}.json"), folder / f"{name}.json")
               for name, (size, kiosk, scale) in zip(IDS, SCREENS)}


@pytest.mark.slow
@pytest.mark.parametrize("screen", IDS)
def test_every_screen_fits(screen: str, walks: dict[str, tuple[Future, Path]]) -> None:
    future, report = walks[screen]
    done = future.result(timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    walked = json.loads(report.read_text())
    assert set(walked["screens"]) == EXPECTED
    problems = [f"{f['window']}: {f['widget']}: {f['problem']} {f.get('rect') or f.get('size') or ''}"
                for f in walked["findings"]]
    assert not problems, "\n".join(problems)
