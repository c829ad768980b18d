"""Packaging and desktop integration, fast (no PyInstaller build: packaging/build.py does that):
the launcher entry and the AppStream metainfo validate, the icons exist at every size, the app
finds its packaged icon, and the PyInstaller spec builds both entry points."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "resources" / "linux"
DESKTOP = LINUX / "inventra-desktop.desktop"
METAINFO = LINUX / "io.inventra.InventraDesktop.metainfo.xml"
HICOLOR = ROOT / "resources" / "icons" / "hicolor"
SPEC = ROOT / "packaging" / "inventra-desktop.spec"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def pyproject() -> dict:  # type: ignore[type-arg]
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_passes_desktop_file_validate() -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (apt-get install desktop-file-utils)")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr  # no hint either


def test_desktop_file_names_the_installed_command_and_icon() -> None:
    entry = desktop_entry()
    gui_scripts = pyproject()["project"]["gui-scripts"]
    assert entry["Exec"].split()[0] in gui_scripts  # the command pip and the bundle install
    assert entry["TryExec"] == entry["Exec"].split()[0]
    assert entry["StartupWMClass"] == entry["Exec"].split()[0]  # Qt's WM_CLASS instance: argv[0]
    assert entry["Terminal"] == "false"
    icon = entry["Icon"]
    assert (HICOLOR / "scalable" / "apps" / f"{icon}.svg").is_file()
    assert all((HICOLOR / f"{n}x{n}" / "apps" / f"{icon}.png").is_file() for n in SIZES)


def test_metainfo_passes_appstreamcli_validate() -> None:
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli is not installed (apt-get install appstream)")
    result = subprocess.run([tool, "validate", "--no-net", "--no-color", str(METAINFO)],
                            capture_output=True, text=True, timeout=30)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert not re.search(r"^\s*[EW]: ", output, re.MULTILINE), output  # no error, no warning


def test_metainfo_matches_the_desktop_file_and_the_version() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    binaries = {b.text for b in root.iterfind("provides/binary")}
    project = pyproject()["project"]
    assert binaries == set(project["scripts"]) | set(project["gui-scripts"])
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == project["version"], (
        "add a <release> for the version in pyproject.toml to the metainfo")


@pytest.mark.parametrize("size", SIZES)
def test_hicolor_png_has_its_size(size: int) -> None:
    from PIL import Image

    with Image.open(HICOLOR / f"{size}x{size}" / "apps" / "inventra-desktop.png") as image:
        assert image.format == "PNG"
        assert image.size == (size, size)
        assert image.mode == "RGBA"  # transparent corners


def test_windows_icon_has_every_frame() -> None:
    from PIL import Image

    with Image.open(ROOT / "resources" / "icons" / "inventra.ico") as ico:
        assert {(n, n) for n in (16, 24, 32, 48, 256)} <= set(ico.info["sizes"])


def test_the_app_finds_its_icon_inside_the_package() -> None:
    from inventra_desktop import icons

    files = icons.icon_files()  # what app.py turns into the window icon
    assert files and files[0].suffix == ".svg"
    assert all(f.is_file() and f.is_relative_to(Path(icons.__file__).resolve().parent) for f in files)
    # the package copy is the source icon, and a non-editable install ships it
    assert icons.SVG.read_bytes() == (ROOT / "resources" / "icons" / "inventra.svg").read_bytes()
    package_data = pyproject()["tool"]["setuptools"]["package-data"]["inventra_desktop.icons"]
    assert "*.svg" in package_data and "*.png" in package_data


def test_the_spec_builds_both_entry_points() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    project = pyproject()["project"]
    entries = {**{name: (target, "entry_cli.py", True) for name, target in project["scripts"].items()},
               **{name: (target, "entry_gui.py", False) for name, target in project["gui-scripts"].items()}}
    assert set(entries) == {"inventra", "inventra-desktop"}
    for name, (target, script, console) in entries.items():
        module, function = target.split(":")
        entry = (ROOT / "packaging" / script).read_text(encoding="utf-8")
        assert f"from {module} import {function}" in entry, script
        assert script in spec
        # each EXE(...) block: its name and whether it gets a console window
        block = re.search(rf'EXE\((?:(?!EXE\().)*?name="{re.escape(name)}"(?:(?!EXE\().)*?\)\n', spec, re.DOTALL)
        assert block is not None, f"no EXE named {name} in the spec"
        assert f"console={console}" in block.group(0), name
    assert 'COLLECT(' in spec and 'name="inventra-desktop"' in spec
    assert 'copy_metadata("inventra-desktop")' in spec  # --version reads the dist-info
