#!/usr/bin/env python3
"""Builds the one-folder bundle dist/inventra-desktop/ from a RUNTIME-ONLY environment and
smoke-tests it headless. Fails (non-zero) on any failure.

    python3 packaging/build.py                # fresh venv, install, PyInstaller, smoke test
    python3 packaging/build.py --skip-venv    # reuse build/packaging-venv; reinstall only the project
    python3 packaging/build.py --test-only    # only smoke-test an existing dist/inventra-desktop/

Steps:
1. build/packaging-venv: a new venv (`--clear`) with the project installed NON-editable from a
   clean copy of the source (build/packaging-src, so no stale build/lib leaks into the wheel) and
   no test extra, plus the pinned PyInstaller below. Nothing from .venv is used.
2. PyInstaller with packaging/inventra-desktop.spec, run from build/ so that the source tree is
   not on sys.path: the bundle gets the installed package, as a user's pip would.
3. Smoke test, with QT_QPA_PLATFORM=offscreen, INVENTRA_DATA_DIR=<temp>,
   PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring, cwd=<temp>:
   - inventra-desktop --self-test --screenshot build/selftest.png: exit 0, a real PNG of the
     main window (size, dimensions, many colours);
   - inventra --version and inventra-desktop --version print the version in pyproject.toml;
   - inventra --help exits 0; the data files the app reads are in the bundle;
   - with a German catalog in the package: the self-test again with INVENTRA_LANG=de
     (build/selftest-de.png) must show a menu bar other than the English one (a warning, or an
     error with --strict-i18n).
4. Prints bundle size (MB), build time (s) and the self-test start time (s).

The version has one source, pyproject.toml [project] version: the bundle reads it from the
shipped dist-info, and the Windows installer takes it on the ISCC command line
(`iscc /DAppVersion=<version> packaging/windows/inventra-desktop.iss`), which this script prints.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
VENV = BUILD / "packaging-venv"
SRC_COPY = BUILD / "packaging-src"
WORK = BUILD / "pyinstaller"
DIST = ROOT / "dist"
BUNDLE = DIST / "inventra-desktop"
SPEC = ROOT / "packaging" / "inventra-desktop.spec"
SCREENSHOT = BUILD / "selftest.png"
STRICT_I18N = False  # set by --strict-i18n

# Pinned so that a rebuild is the same build. Bump both together.
PYINSTALLER = ["pyinstaller==6.22.3", "pyinstaller-hooks-contrib==2026.9"]

EXE_SUFFIX = ".exe" if os.name == "nt" else ""
GUI = BUNDLE / f"inventra-desktop{EXE_SUFFIX}"
CLI = BUNDLE / f"inventra{EXE_SUFFIX}"


class BuildError(Exception):
    pass


def say(message: str) -> None:
    print(f"build.py: {message}", flush=True)


def run(cmd: list[str | Path], **kwargs) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    say("$ " + " ".join(str(c) for c in cmd))
    result = subprocess.run([str(c) for c in cmd], **kwargs)
    if result.returncode != 0:
        raise BuildError(f"{Path(str(cmd[0])).name} exited {result.returncode}")
    return result


def venv_bin(name: str) -> Path:
    folder = VENV / ("Scripts" if os.name == "nt" else "bin")
    return folder / f"{name}{EXE_SUFFIX}"


def project_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["version"]


def copy_source() -> Path:
    """What pip needs to build the wheel, without build/, .venv or caches of the working tree."""
    if SRC_COPY.exists():
        shutil.rmtree(SRC_COPY)
    SRC_COPY.mkdir(parents=True)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, SRC_COPY / name)
    shutil.copytree(ROOT / "inventra_desktop", SRC_COPY / "inventra_desktop",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
    return SRC_COPY


def make_venv(python: str) -> None:
    say(f"creating {VENV.relative_to(ROOT)} with {python}")
    run([python, "-m", "venv", "--clear", VENV])
    pip = [venv_bin("python"), "-m", "pip", "--disable-pip-version-check", "--no-input"]
    run([*pip, "install", "--quiet", "--upgrade", "pip"])
    install_project()
    run([*pip, "install", "--quiet", *PYINSTALLER])


def install_project(reinstall: bool = False) -> None:
    pip = [venv_bin("python"), "-m", "pip", "--disable-pip-version-check", "--no-input"]
    # Non-editable, no extras: the runtime dependencies only.
    source = copy_source()
    if reinstall:
        run([*pip, "install", "--quiet", "--force-reinstall", "--no-deps", source])
    run([*pip, "install", "--quiet", source])
    frozen = run([*pip, "list", "--format=freeze"], capture_output=True, text=True).stdout
    for tool in ("pytest", "pytest-qt", "import-linter"):
        if any(line.lower().startswith(f"{tool}==") for line in frozen.splitlines()):
            raise BuildError(f"{tool} is in the packaging venv: it must be runtime-only")
    where = run([venv_bin("python"), "-c", "import inventra_desktop; print(inventra_desktop.__file__)"],
                capture_output=True, text=True, cwd=BUILD).stdout.strip()
    if "site-packages" not in where:
        raise BuildError(f"inventra_desktop is imported from {where}, not from an installed copy")


def pyinstaller() -> float:
    started = time.monotonic()
    run([venv_bin("pyinstaller"), "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", DIST, "--workpath", WORK, SPEC], cwd=BUILD)
    return time.monotonic() - started


def clean_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "QT_PLUGIN_PATH", "QT_QPA_PLATFORM_PLUGIN_PATH")}
    env.update(QT_QPA_PLATFORM="offscreen", INVENTRA_DATA_DIR=str(data_dir),
               PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    return env


def png_facts(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise BuildError(f"{path} is not a PNG")
    return struct.unpack(">II", data[16:24])


def count_colours(path: Path) -> int:
    """Distinct colours in the screenshot, with the venv's Pillow (it comes with reportlab)."""
    code = ("import sys; from PIL import Image; im = Image.open(sys.argv[1]).convert('RGB');"
            "print(len(im.getcolors(1 << 24)))")
    out = run([venv_bin("python"), "-c", code, path], capture_output=True, text=True).stdout
    return int(out.strip())


def version_of(exe: Path, env: dict[str, str], cwd: Path) -> tuple[str, float]:
    started = time.monotonic()
    result = run([exe, "--version"], env=env, cwd=cwd, capture_output=True, text=True, timeout=60)
    elapsed = time.monotonic() - started
    words = (result.stdout or result.stderr).split()
    if len(words) != 2:
        raise BuildError(f"{exe.name} --version printed {result.stdout!r} {result.stderr!r}")
    return words[1], elapsed


def expected_data() -> list[Path]:
    """Files that the bundle must carry, relative to its contents folder."""
    pkg = ROOT / "inventra_desktop"
    need = [Path("inventra_desktop/simulator/schema.graphql"),
            Path("inventra_desktop/icons/inventra.svg"),
            Path("inventra_desktop/icons/inventra-256.png")]
    need += [p.relative_to(ROOT) for p in sorted((pkg / "simulator" / "data").glob("*.csv"))]
    need += [p.relative_to(ROOT) for p in sorted((pkg / "shopify" / "documents").glob("*.graphql"))]
    need += [p.relative_to(ROOT) for p in sorted((pkg / "i18n").glob("*.qm"))]
    need += [p.relative_to(ROOT) for p in [ROOT / "docs" / "user-guide.md"] if p.is_file()]
    need += [p.relative_to(ROOT) for p in sorted((ROOT / "docs" / "screenshots").glob("*.png"))]
    return need


def contents_dir() -> Path:
    internal = BUNDLE / "_internal"
    return internal if internal.is_dir() else BUNDLE


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def smoke_test(version: str) -> dict[str, float]:
    for exe in (GUI, CLI):
        if not exe.is_file():
            raise BuildError(f"{exe} was not built")
    missing = [str(p) for p in expected_data() if not (contents_dir() / p).is_file()]
    if missing:
        raise BuildError(f"missing from the bundle: {missing}")
    say(f"the bundle carries all {len(expected_data())} data files the source tree has")

    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="inventra-selftest-") as tmp:
        tmp_path = Path(tmp)
        env = clean_env(tmp_path / "data")
        cli_version, figures["cli --version (s)"] = version_of(CLI, env, tmp_path)
        if os.name == "nt":  # a windowed exe has no stdout to print to: trust the shared __version__
            gui_version, figures["gui --version (s)"] = cli_version, float("nan")
        else:
            gui_version, figures["gui --version (s)"] = version_of(GUI, env, tmp_path)
        say(f"inventra-desktop --version: {gui_version}; inventra --version: {cli_version}; pyproject: {version}")
        if not (gui_version == cli_version == version):
            raise BuildError(f"versions differ: gui {gui_version}, cli {cli_version}, pyproject {version}")
        run([CLI, "--help"], env=env, cwd=tmp_path, capture_output=True, timeout=60)

        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        SCREENSHOT.unlink(missing_ok=True)
        started = time.monotonic()
        try:
            result = subprocess.run([str(GUI), "--self-test", "--screenshot", str(SCREENSHOT)], env=env,
                                    cwd=tmp_path, capture_output=True, text=True, timeout=180)
        except subprocess.TimeoutExpired as exc:
            raise BuildError("inventra-desktop --self-test did not finish in 180 s") from exc
        figures["self-test start (s)"] = time.monotonic() - started
        if result.returncode != 0:
            log = env["INVENTRA_DATA_DIR"] + "/logs/inventra-desktop.log"
            tail = Path(log).read_text(errors="replace")[-3000:] if Path(log).is_file() else "(no log)"
            raise BuildError(f"--self-test exited {result.returncode}\nstdout: {result.stdout[-2000:]}\n"
                             f"stderr: {result.stderr[-3000:]}\nlog: {tail}")
        if not SCREENSHOT.is_file():
            raise BuildError(f"--self-test exited 0 but wrote no {SCREENSHOT}")
        width, height = png_facts(SCREENSHOT)
        size = SCREENSHOT.stat().st_size
        colours = count_colours(SCREENSHOT)
        say(f"self-test screenshot {SCREENSHOT.relative_to(ROOT)}: {width}x{height}, {size} bytes, {colours} colours")
        if width < 400 or height < 300 or size < 10_000 or colours < 50:
            raise BuildError("the self-test screenshot looks empty (too small or too few colours)")
        german_check(env, tmp_path)
    return figures


def german_check(env: dict[str, str], cwd: Path) -> None:
    """With a German catalog in the package, the self-test in German must show a German menu bar:
    the catalog is in the bundle AND loaded. Reported, not fatal (--strict-i18n)."""
    if not list((ROOT / "inventra_desktop" / "i18n").glob("*_de.qm")):
        return
    german = SCREENSHOT.with_name("selftest-de.png")
    german.unlink(missing_ok=True)
    result = subprocess.run([str(GUI), "--self-test", "--screenshot", str(german)],
                            env={**env, "INVENTRA_LANG": "de"}, cwd=cwd, capture_output=True, timeout=180)
    if result.returncode != 0 or not german.is_file():
        raise BuildError(f"--self-test with INVENTRA_LANG=de exited {result.returncode}")
    # Compare the menu bar only (Shop/Session/Help → Shop/Inventur/Hilfe): the status bar below
    # changes from run to run with timing (the API bucket, the sync state).
    code = ("import sys; from PIL import Image; a, b = (Image.open(f).convert('RGB') for f in sys.argv[1:3]);"
            "box = (0, 0, min(a.width, b.width), 24); print(a.crop(box).tobytes() != b.crop(box).tobytes())")
    differs = run([venv_bin("python"), "-c", code, SCREENSHOT, german], capture_output=True, text=True).stdout
    if differs.strip() == "True":
        say(f"German: the menu bar in {german.relative_to(ROOT)} differs from English (catalog loaded)")
    elif STRICT_I18N:
        raise BuildError("INVENTRA_LANG=de shows the English menu bar: the German catalog is not loaded in the bundle")
    else:
        say("WARNING: INVENTRA_LANG=de shows the English menu bar: the German catalog is not loaded")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python", default=sys.executable, help="interpreter for the venv (3.11-3.13, shared libpython)")
    parser.add_argument("--skip-venv", action="store_true",
                        help="reuse build/packaging-venv and its dependencies; the project is reinstalled")
    parser.add_argument("--test-only", action="store_true", help="only smoke-test the existing bundle")
    parser.add_argument("--strict-i18n", action="store_true",
                        help="fail when INVENTRA_LANG=de does not change the self-test window")
    args = parser.parse_args()
    global STRICT_I18N
    STRICT_I18N = args.strict_i18n

    version = project_version()
    BUILD.mkdir(exist_ok=True)
    total_started = time.monotonic()
    try:
        build_s = None
        if not args.test_only:
            if args.skip_venv:
                if not venv_bin("pyinstaller").is_file():
                    raise BuildError(f"{VENV} has no PyInstaller: run without --skip-venv")
                install_project(reinstall=True)
            else:
                make_venv(args.python)
            build_s = pyinstaller()
        figures = smoke_test(version)
    except (BuildError, subprocess.TimeoutExpired) as exc:
        print(f"build.py: FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    total_s = time.monotonic() - total_started

    say(f"OK: {BUNDLE.relative_to(ROOT)}/ version {version}")
    print(f"  bundle size:              {folder_mb(BUNDLE):.1f} MB ({sum(1 for _ in BUNDLE.rglob('*'))} files)")
    if build_s is not None:
        print(f"  PyInstaller build time:   {build_s:.1f} s")
    print(f"  whole run (venv+build+test): {total_s:.1f} s")
    print(f"  self-test start time:     {figures['self-test start (s)']:.2f} s "
          "(process start -> demo store up -> main window rendered -> exit; includes the self-test's 0.5 s settle)")
    print(f"  --version start time:     gui {figures['gui --version (s)']:.2f} s, cli {figures['cli --version (s)']:.2f} s")
    print(f"  Windows installer (on Windows, Inno Setup 6): "
          f"iscc /DAppVersion={version} packaging\\windows\\inventra-desktop.iss")
    return 0


if __name__ == "__main__":
    sys.exit(main())
