"""`inventra`: the headless command line over the same services as the GUI.

So far it runs the embedded Shopify (`inventra demo-server`); the stock-take commands
arrive with the engine (issue 4).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path

from . import __version__

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 with one sentence
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="inventra", description="Stock-takes for Shopify, from the command line.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logging")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    demo = sub.add_parser("demo-server", help="serve the embedded Shopify simulator on this machine")
    demo.add_argument("--host", default="127.0.0.1", help="loopback address to listen on (default 127.0.0.1)")
    demo.add_argument("--port", type=int, default=8787)
    demo.add_argument("--token", default=None, help="the Admin API access token clients must send")
    demo.add_argument("--catalog", action="append", type=Path, default=[], metavar="CSV",
                      help="seed from a Shopify product CSV export (repeatable)")
    demo.add_argument("--synthetic", type=int, default=None, metavar="N", help="add N synthetic products")
    demo.add_argument("--seed", type=int, default=0, help="seed of the synthetic catalog")
    demo.add_argument("--state", type=Path, default=None, metavar="FILE",
                      help="persist the shop to FILE (loaded at start when it exists)")
    demo.add_argument("--plan", choices=["standard", "advanced", "plus", "enterprise"], default="standard")
    return parser


def _demo_server(args: argparse.Namespace) -> int:
    from .simulator.embedded import DEMO_TOKEN, EmbeddedShop, ShopConfig

    if args.host not in ("127.0.0.1", "localhost", "::1") and not args.host.startswith("127."):
        print("inventra: the demo server listens on loopback addresses only (127.0.0.1, ::1).", file=sys.stderr)
        return EXIT_USAGE
    missing = [str(p) for p in args.catalog if not p.is_file()]
    if missing:
        print(f"inventra: catalog file not found: {', '.join(missing)}", file=sys.stderr)
        return EXIT_FAILURE
    config = ShopConfig(token=args.token or DEMO_TOKEN, catalogs=args.catalog, synthetic=args.synthetic,
                        seed=args.seed, state_file=args.state, plan=args.plan)
    shop = EmbeddedShop(config, host=args.host, port=args.port)
    signal.signal(signal.SIGTERM, lambda *_: shop.server.request_exit())
    try:
        shop.start()
    except RuntimeError:
        print(f"inventra: could not listen on {args.host}:{args.port} (is the port in use?)", file=sys.stderr)
        return EXIT_FAILURE
    print(f"Shop URL: {shop.url}", flush=True)
    print(f"Access token: {shop.token}", flush=True)
    print(f"Products: {len(shop.state.products)}, variants: {len(shop.state.variants)}, plan: {args.plan}", flush=True)
    print("Serving until stopped (Ctrl+C).", flush=True)
    try:
        shop.server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        shop.stop()
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.command == "demo-server":
            return _demo_server(args)
    except Exception as exc:  # one sentence, never a traceback unless --debug
        if args.debug:
            raise
        print(f"inventra: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
