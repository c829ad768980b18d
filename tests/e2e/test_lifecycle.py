"""The whole stock-take lifecycle through the CLI against a `demo-server` process seeded from
Shopify product exports; every result is read back from the shop over HTTP, not from our cache."""

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

from inventra_desktop.cli import main


def start_server(*args: str) -> tuple[subprocess.Popen[str], str, str]:
    proc = subprocess.Popen([sys.executable, "-m", "inventra_desktop.cli", "demo-server", "--port", "0", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = token = ""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (url and token):
        line = proc.stdout.readline() if proc.stdout else ""
        if not line:
            break
        url = (re.match(r"Shop URL: (\S+)", line) or [None, url])[1]
        token = (re.match(r"Access token: (\S+)", line) or [None, token])[1]
    assert url and token
    return proc, url, token


def graphql(url: str, token: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    body = httpx.post(f"{url}/admin/api/2026-04/graphql.json", json={"query": query, "variables": variables or {}},
                      headers={"X-Shopify-Access-Token": token}, timeout=30).json()
    assert "errors" not in body, body
    return body["data"]


VARIANTS = """query($q: String!) { productVariants(first: 100, query: $q) { nodes { id sku product { id title tags }
  counts: metafield(namespace: "inventra", key: "counts") { jsonValue }
  status: metafield(namespace: "inventra", key: "status") { value }
  lastDone: metafield(namespace: "inventra", key: "last_done") { value }
  currentQty: metafield(namespace: "inventra", key: "current_qty") { value } } } }"""


@pytest.mark.slow
def test_install_tag_snapshot_count_finalize_release(shared_dir: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    fixtures = shared_dir / "fixtures"
    proc, url, token = start_server("--catalog", str(fixtures / "theme-demo-default.csv"),
                                    "--catalog", str(fixtures / "shopify-sample-home-and-garden.csv"))
    os.environ["INVENTRA_TOKEN"] = token
    try:
        def cli(*args: str, device: str = "backoffice") -> int:
            return main(["--shop", url, "--data-dir", str(tmp_path / device), "--device-name", device, *args])

        assert cli("install") == 0
        assert cli("install") == 0  # idempotent
        assert cli("session", "create", "Spring-26", "--query", "vendor:'Hygge Home'") == 0
        capsys.readouterr()
        assert cli("--json", "preflight", "Spring-26") == 0
        assert isinstance(json.loads(capsys.readouterr().out), list)
        assert cli("snapshot", "Spring-26") == 0
        nodes = graphql(url, token, VARIANTS, {"q": "tag:'Inventra-session-Spring-26'"})["productVariants"]["nodes"]
        assert nodes and all(n["status"]["value"] == "pending" and n["counts"]["jsonValue"]["session"] == "Spring-26"
                             for n in nodes)
        first, second = nodes[0], nodes[1]
        assert cli("count", "Spring-26", "--variant", first["id"], "--area", "showroom", "--add", "4",
                   device="kiosk-1") == 0
        assert cli("count", "Spring-26", "--variant", first["id"], "--area", "garage", "--set", "2", "--done",
                   device="kiosk-2") == 0
        assert cli("count", "Spring-26", "--variant", second["id"], "--area", "warehouse", "--set", "7", "--done",
                   device="kiosk-1") == 0
        assert cli("finalize", "Spring-26") == 1  # the gate: the rest is not done
        assert cli("finalize", "Spring-26", "--uncounted", "zero") == 0

        after = {n["id"]: n for n in graphql(url, token, VARIANTS, {"q": "tag:'Inventra-session-Spring-26'"})
                 ["productVariants"]["nodes"]}
        counts = after[first["id"]]["counts"]["jsonValue"]
        assert counts["areas"]["showroom"]["qty"] == 4 and counts["areas"]["showroom"]["by"] == "kiosk-1"
        assert counts["areas"]["garage"]["qty"] == 2 and counts["areas"]["garage"]["by"] == "kiosk-2"
        assert all(n["status"]["value"] == "done" and n["lastDone"]["value"] for n in after.values())
        tags = set(after[first["id"]]["product"]["tags"])
        assert {"Inventra-locations-showroom", "Inventra-locations-garage", "Inventra-alert-garage"} <= tags
        assert "Inventra-locations-warehouse" in after[second["id"]]["product"]["tags"]
        assert cli("count", "Spring-26", "--variant", first["id"], "--area", "showroom", "--add", "1") == 1

        assert cli("release", "Spring-26", "--yes") == 0
        released = graphql(url, token, VARIANTS, {"q": f"id:{first['id'].rsplit('/', 1)[1]}"})["productVariants"]["nodes"][0]
        assert "Inventra-session-Spring-26" not in released["product"]["tags"]
        assert "Inventra-alert-garage" in released["product"]["tags"]  # area tags and alerts stay
        assert released["status"]["value"] == "pending" and released["lastDone"]["value"]
        kept = released["counts"]["jsonValue"]
        assert all(a["qty"] == 0 and not a["counted"] for a in kept["areas"].values())
        assert kept["ops"] and kept["baseline"] == counts["baseline"]
        assert released["currentQty"]["value"] == str(sum(counts["baseline"].values()))
        capsys.readouterr()
        assert cli("--json", "sessions") == 0
        sessions = json.loads(capsys.readouterr().out)
        assert [s["state"] for s in sessions if s["name"] == "Spring-26"] == ["released"]
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
