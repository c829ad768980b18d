"""`inventra`: the headless command line over the same services as the GUI.

Global options go before the subcommand. Exit 0 on success, 2 on usage errors, 1 on any
other failure with one clear sentence on stderr (a traceback only with --debug).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from pathlib import Path

from .. import __version__
from .output import EXIT_FAILURE, EXIT_OK, EXIT_SAVED, EXIT_USAGE, UsageError, default_device_name

COUNTING = ("count", "done", "reopen", "import-counts")  # commands that record taps (exit 1 vs 3 matters)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 with one sentence
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _variant_ref(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--variant", metavar="ID", help="the variant's id (gid or number)")
    group.add_argument("--sku", metavar="SKU")
    group.add_argument("--barcode", metavar="CODE")


def _count_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-wait", action="store_true", help="record on this device only; `inventra sync` delivers")
    p.add_argument("--key", metavar="K", help="your key for this count: the same command repeated with the same key "
                   "(on this device) counts nothing again and exits as the first did")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="inventra", description="Stock-takes for Shopify, from the command line.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--shop", metavar="URL_OR_DOMAIN", help="the shop (my-shop, my-shop.myshopify.com, or a "
                        "loopback URL of the demo server); remembered in the data dir")
    parser.add_argument("--data-dir", type=Path, help="journal, device identity and settings (one dir = one device)")
    parser.add_argument("--device-name", help="this device's name in counts (default: the host name)")
    parser.add_argument("--client-id", help="connect with the client-credentials grant; the secret comes from "
                        "INVENTRA_CLIENT_SECRET or the keyring")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logging")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    sub.add_parser("install", help="create the metafield definitions, default areas and settings (idempotent)")
    areas = sub.add_parser("areas", help="print the storage areas, or replace them")
    areas.add_argument("--set", type=Path, metavar="FILE.json", dest="set_file")
    sub.add_parser("locations", help="list the shop's locations: the IDs an areas file maps to")
    omit = sub.add_parser("omit", help="the persistent 'never count this' flag")
    _variant_ref(omit)
    omit.add_argument("--undo", action="store_true")
    sub.add_parser("sessions", help="list the sessions")
    session = sub.add_parser("session", help="create a session or omit a variant in it")
    ssub = session.add_subparsers(dest="session_command", required=True, parser_class=_Parser)
    create = ssub.add_parser("create")
    create.add_argument("name")
    how = create.add_mutually_exclusive_group(required=True)
    how.add_argument("--query", help="Shopify product search (default statuses: active and draft)")
    how.add_argument("--product-id", nargs="+", dest="product_ids", metavar="ID")
    somit = ssub.add_parser("omit")
    somit.add_argument("name")
    _variant_ref(somit)
    somit.add_argument("--undo", action="store_true")
    for name in ("preflight", "status"):
        sub.add_parser(name).add_argument("name")
    release_p = sub.add_parser("release", help="end a finalized session: its counts are cleared, its tags removed")
    release_p.add_argument("name")
    release_p.add_argument("--yes", action="store_true", help="release without asking (scripts)")
    snap = sub.add_parser("snapshot")
    snap.add_argument("name")
    snap.add_argument("--force", action="store_true", help="snapshot again although counts exist (they are lost)")
    count = sub.add_parser("count", help="record a count in one area")
    count.add_argument("name")
    _variant_ref(count)
    count.add_argument("--area", required=True)
    what = count.add_mutually_exclusive_group(required=True)
    what.add_argument("--add", type=int, metavar="N")
    what.add_argument("--set", type=int, metavar="N", dest="set_value")
    what.add_argument("--counted", action="store_true")
    count.add_argument("--done", action="store_true")
    _count_options(count)
    for name in ("done", "reopen"):
        p = sub.add_parser(name)
        p.add_argument("name")
        _variant_ref(p)
        _count_options(p)
    reset = sub.add_parser("reset", help="rewrite one variant's stock-take data (e.g. after a hand edit)")
    reset.add_argument("name")
    _variant_ref(reset)
    sub.add_parser("sync", help="deliver the operations waiting in this device's journal")
    fin = sub.add_parser("finalize")
    fin.add_argument("name")
    fin.add_argument("--uncounted", choices=["zero", "omit"])
    sub.add_parser("drift", help="what moved in Shopify since the snapshot").add_argument("name")
    review = sub.add_parser("review", help="variances above the threshold, for a manager")
    review.add_argument("name")
    review.add_argument("--threshold", type=int, metavar="N", help="units (default: the shop's settings)")
    decide = review.add_mutually_exclusive_group()
    decide.add_argument("--accept", action="store_true", help="accept the listed variances (recorded)")
    decide.add_argument("--recount", nargs="+", metavar="SKU", help="send these lines back for a recount")
    apply_p = sub.add_parser("apply", help="write the counted quantities to Shopify's inventory")
    apply_p.add_argument("name")
    apply_p.add_argument("--keep", choices=["difference", "counted"], default="difference",
                         help="keep the difference (default: what sold during the count stays sold) or the counted quantity")
    apply_p.add_argument("--yes", action="store_true", help="apply without asking (scripts)")
    apply_p.add_argument("--fix", action="store_true",
                         help="turn tracking on and stock items at locations where a line needs it")
    revert_p = sub.add_parser("revert", help="post the opposite of the last apply")
    revert_p.add_argument("name")
    revert_p.add_argument("--yes", action="store_true")
    report_p = sub.add_parser("report", help="the session report or a count sheet")
    report_p.add_argument("name")
    report_p.add_argument("--format", choices=["csv", "xlsx", "pdf"], required=True)
    report_p.add_argument("-o", "--output", required=True, type=Path)
    report_p.add_argument("--blind", action="store_true", help="count sheet without expected quantities")
    imp = sub.add_parser("import-counts", help="record paper counts from a CSV (by SKU or barcode)")
    imp.add_argument("name")
    imp.add_argument("file", type=Path)
    imp.add_argument("--area", required=True)
    journal = sub.add_parser("journal")
    jsub = journal.add_subparsers(dest="journal_command", required=True, parser_class=_Parser)
    export = jsub.add_parser("export")
    export.add_argument("name")
    export.add_argument("-o", "--output", required=True, type=Path)
    plan = sub.add_parser("plan", help="what to count next (cycle counting), or create the session from it")
    budget = plan.add_mutually_exclusive_group()
    budget.add_argument("--budget", type=int, metavar="N", help="at most N variants (default 50)")
    budget.add_argument("--minutes", type=float, metavar="M", help="about M minutes at this shop's counting pace")
    plan.add_argument("--area", metavar="KEY", help="plan the location this area maps to (its areas are counted)")
    plan.add_argument("--create", metavar="NAME", help="create session NAME from the plan (then preflight, snapshot)")
    history = sub.add_parser("history", help="how accurate the stock has been (IRA per session, shrinkage)")
    history.add_argument("--by", choices=["vendor", "type", "area", "counter"], help="shrinkage at cost by this")
    history.add_argument("--format", choices=["csv", "xlsx"], help="write the accuracy tables to -o FILE")
    history.add_argument("-o", "--output", type=Path, metavar="FILE")
    settings = sub.add_parser("settings", help="the shop's settings (review threshold, cycle counting …), or change them")
    settings.add_argument("--set", action="append", metavar="KEY=VALUE",
                          help="e.g. count_every_days.A=14, sales_window_days=60 (repeatable)")

    demo = sub.add_parser("demo-server", help="serve the embedded Shopify simulator on this machine")
    demo.add_argument("--host", default="127.0.0.1", help="loopback address to listen on (default 127.0.0.1)")
    demo.add_argument("--port", type=_port, default=8787)
    demo.add_argument("--token", default=None, help="the Admin API access token clients must send")
    demo.add_argument("--admin-token", default=None, help="the secret the simulator's own /_simulator/* endpoints "
                      "require in X-Simulator-Admin-Token (default: a random one, printed at start)")
    demo.add_argument("--catalog", action="append", type=Path, default=[], metavar="CSV",
                      help="seed from a Shopify product CSV export (repeatable)")
    demo.add_argument("--inventory", action="append", type=Path, default=[], metavar="CSV",
                      help="stock per location from a Shopify inventory CSV export (repeatable; applied after "
                      "the catalogs)")
    demo.add_argument("--synthetic", type=int, default=None, metavar="N", help="add N synthetic products")
    demo.add_argument("--seed", type=int, default=0, help="seed of the synthetic catalog and the sales history")
    demo.add_argument("--orders", type=int, default=None, metavar="N",
                      help="order lines in the seeded sales history of 180 days (default: the demo shop's 2,400, or "
                      "four per sellable variant; 0: none)")
    demo.add_argument("--state", type=Path, default=None, metavar="FILE",
                      help="persist the shop to FILE (loaded at start when it exists); every acknowledged "
                      "write is on disk (FILE.wal) before its answer")
    demo.add_argument("--plan", choices=["standard", "advanced", "plus", "enterprise"], default="standard")
    return parser


# ---------------------------------------------------------------- demo server
def _port(text: str) -> int:
    """A TCP port, 1-65535 (0: any free port); anything else is a usage error, not a traceback."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1 to 65535)")
    return port


def _demo_server(args: argparse.Namespace) -> int:
    from ..services.demo_store import DemoServer, DemoStoreRefused, ServerOptions

    options = ServerOptions(host=args.host, port=args.port, token=args.token, admin_token=args.admin_token,
                            catalogs=args.catalog, inventories=args.inventory, synthetic=args.synthetic,
                            seed=args.seed, orders=args.orders, state=args.state, plan=args.plan)
    try:
        server = DemoServer(options).start()
    except DemoStoreRefused as exc:
        for problem in exc.problems:
            print(problem, flush=True)
        print(f"inventra: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    signal.signal(signal.SIGTERM, lambda *_: server.request_exit())
    print(f"Shop URL: {server.url}", flush=True)
    print(f"Access token: {server.token}", flush=True)
    print(f"Simulator admin token: {server.admin_token} (X-Simulator-Admin-Token, for /_simulator/* only)", flush=True)
    for notice in server.notices:
        print(notice, flush=True)
    for source in server.sources:
        print(f"Loaded {source}", flush=True)
    if server.resumed and (args.catalog or args.inventory or args.synthetic):
        print(f"The --catalog/--inventory/--synthetic options were not used: the shop continues from "
              f"{args.state.name} (delete that file to start afresh from them).", flush=True)
    products, variants, locations = server.figures
    print(f"Products: {products}, variants: {variants}, locations: {locations}, plan: {args.plan}", flush=True)
    print("Serving until stopped (Ctrl+C).", flush=True)
    try:
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return EXIT_OK


async def run_command(args: argparse.Namespace) -> int:
    """Connect as this device and run the command's handler over the services."""
    from ..services.connecting import open_shop
    from .close_commands import HANDLERS as CLOSE
    from .count_commands import HANDLERS as COUNT
    from .plan_commands import HANDLERS as PLAN
    from .setup_commands import HANDLERS as SETUP

    name = args.command
    if name in ("session", "journal"):
        name = f"{name} {getattr(args, name + '_command')}"
    handler = {**SETUP, **COUNT, **CLOSE, **PLAN}[name]
    async with open_shop(args.shop, args.client_id, args.data_dir, args.device_name or default_device_name()) as shop:
        return await handler(args, shop)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.ERROR,
                        format="%(levelname)s %(name)s: %(message)s")
    if not args.debug:
        logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        if args.command == "demo-server":
            return _demo_server(args)
        code = asyncio.run(run_command(args))
        sys.stdout.flush()  # a reader gone away shows here, as BrokenPipeError, not at exit
        return code
    except UsageError as exc:
        print(f"inventra: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        if getattr(args, "recorded", None):
            print("inventra: interrupted; the count is saved on this device, not delivered yet. `inventra sync` "
                  "delivers it; do not count it again.", file=sys.stderr)
            return EXIT_SAVED
        print("inventra: interrupted; " + ("nothing was recorded: it is safe to run it again."
                                           if args.command in COUNTING else "whatever was recorded is safe in the "
                                           "journal."), file=sys.stderr)
        return EXIT_FAILURE
    except BrokenPipeError:
        # Whoever read the output stopped reading (`inventra status X | head -1`): no file is at
        # fault and what the command did stands. Output goes nowhere from here, so that the flush at
        # exit is quiet too (Python's documented way, "Note on SIGPIPE").
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_SAVED if getattr(args, "recorded", None) else 0
    except Exception as exc:  # one sentence, never a traceback unless --debug
        if args.debug:
            raise
        from ..services.counting import not_recorded
        from ..services.messages import UNEXPECTED, describe, is_usage

        said = describe(exc)
        unexpected = said == UNEXPECTED
        if unexpected:
            said = f"something unexpected went wrong ({type(exc).__name__}). Run again with --debug for details."
        if getattr(args, "recorded", None):  # taps are durable: never "failed, safe to repeat"
            print(f"inventra: {said.rstrip('.')}. The count is saved on this device, not delivered yet: "
                  "`inventra sync` delivers it; do not count it again.", file=sys.stderr)
            return EXIT_SAVED
        if args.command in COUNTING and not is_usage(exc):
            said = f"{said} Nothing was recorded." if unexpected else not_recorded(exc)
        print(f"inventra: {said}", file=sys.stderr)
        return EXIT_USAGE if is_usage(exc) else EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
