"""Cycle counting end to end (issue 15): `inventra plan` → `--create` → preflight → snapshot → count →
finalize → history, each `inventra` command its own process against a `demo-server` process (the
built-in demo shop with its months of orders); results read back from the shop over HTTP."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

VARIANTS = """query($q: String!) { productVariants(first: 100, query: $q) { nodes { id sku
  counts: metafield(namespace: "inventra", key: "counts") { jsonValue }
  history: metafield(namespace: "inventra", key: "history") { jsonValue } } } }"""


def start_server() -> tuple[subprocess.Popen[str], str, str]:
    proc = subprocess.Popen([sys.executable, "-m", "inventra_desktop.cli", "demo-server", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = token = ""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (url and token):
        line = proc.stdout.readline() if proc.stdout else ""
        if not line:
            break
        url = (re.match(r"Shop URL: (\S+)", line) or [None, url])[1]
        token = (re.match(r"Access token: (\S+)", line) or [None, token])[1]
    if not (url and token):
        proc.kill()
        proc.wait(timeout=10)
        pytest.fail("demo-server did not start")
    return proc, url, token


def graphql(url: str, token: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    body = httpx.post(f"{url}/admin/api/2026-04/graphql.json", json={"query": query, "variables": variables},
                      headers={"X-Shopify-Access-Token": token}, timeout=30).json()
    assert "errors" not in body, body
    return body["data"]


@pytest.mark.slow
def test_plan_create_preflight_snapshot_count_finalize_and_the_history_it_leaves(tmp_path: Path) -> None:
    proc, url, token = start_server()
    env = {**os.environ, "INVENTRA_TOKEN": token, "PYTHONUNBUFFERED": "1"}

    def inventra(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([sys.executable, "-m", "inventra_desktop.cli", "--shop", url, "--data-dir",
                               str(tmp_path / "pc"), "--device-name", "back-office", *args],
                              capture_output=True, text=True, env=env, timeout=120)
        assert "Traceback" not in done.stderr, done.stderr
        return done

    def ok(*args: str) -> str:
        done = inventra(*args)
        assert done.returncode == 0, f"inventra {' '.join(args)} -> {done.returncode}\n{done.stdout}\n{done.stderr}"
        return done.stdout

    try:
        ok("install")
        plan = json.loads(ok("--json", "plan", "--budget", "10"))
        assert plan["by_sales"] and plan["sales_window_days"] == 90 and plan["notes"] == []
        assert plan["lines"] and plan["plan"]["variants"] <= 10
        assert sum(c["variants"] for c in plan["classes"]) > 30 and all(c["variants"] for c in plan["classes"])
        text = ok("plan", "--budget", "10", "--create", "Cycle-1")
        assert "Session Cycle-1 created from the plan" in text
        for line in plan["lines"]:  # one line per variant: SKU, title, class, last counted, why
            why = "; ".join(line["reasons"])
            assert why.startswith("never counted")  # nothing was counted in this shop yet
            assert re.search(rf"^{re.escape(line['sku'])} +{re.escape(line['title'])}  {line['class']}  never  "
                             rf"{re.escape(why)}$", text, re.M), (line, text)
        assert isinstance(json.loads(ok("--json", "preflight", "Cycle-1")), list)
        ok("snapshot", "Cycle-1")
        nodes = graphql(url, token, VARIANTS, {"q": "tag:'Inventra-session-Cycle-1'"})["productVariants"]["nodes"]
        assert {n["id"] for n in nodes} >= {line["variant"] for line in plan["lines"]}
        assert all(n["counts"]["jsonValue"]["session"] == "Cycle-1" for n in nodes)
        exact = next(n for n in nodes if n["sku"] == plan["lines"][0]["sku"])
        baseline = sum(exact["counts"]["jsonValue"]["baseline"].values())
        ok("count", "Cycle-1", "--variant", exact["id"], "--area", "showroom", "--set", str(baseline), "--done")
        assert inventra("finalize", "Cycle-1").returncode == 1  # the gate: the rest is not counted
        ok("finalize", "Cycle-1", "--uncounted", "zero")
        nodes = graphql(url, token, VARIANTS, {"q": "tag:'Inventra-session-Cycle-1'"})["productVariants"]["nodes"]
        [entry] = next(n for n in nodes if n["id"] == exact["id"])["history"]["jsonValue"]
        assert (entry["session"], entry["baseline"], entry["counted"], entry["by"]) == \
            ("Cycle-1", baseline, baseline, ["back-office"])
        accuracy = json.loads(ok("--json", "history"))
        [session] = accuracy["sessions"]
        assert session["session"] == "Cycle-1" and session["lines"] == len(nodes) and session["accurate"] >= 1
        ok("release", "Cycle-1", "--yes")
        again = json.loads(ok("--json", "plan", "--budget", "10"))
        assert exact["id"] not in {line["variant"] for line in again["lines"]}  # counted right: not due for a while
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
    assert proc.returncode == 0
