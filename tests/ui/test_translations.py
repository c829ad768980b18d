"""Translations end to end: the German catalogs load when asked for, real widgets then speak
German (ours and Qt's own buttons), English loads nothing, and the committed catalog is complete
and compiled."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QDialogButtonBox

from inventra_desktop.i18n import FOLDER
from inventra_desktop.ui.connect_dialog import ConnectDialog
from inventra_desktop.ui.counter_dialog import CounterDialog, CounterView
from inventra_desktop.ui.grid_model import COL_TITLE, ProductGridModel
from inventra_desktop.ui.theme import Theme
from inventra_desktop.ui.translations import install_translators

ROOT = Path(__file__).resolve().parents[2]
TS = FOLDER / "inventra_de.ts"
QM = FOLDER / "inventra_de.qm"


def qt_tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this interpreter or on PATH; skips without it."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


@pytest.fixture
def install(qapp, monkeypatch) -> Iterator:  # type: ignore[no-untyped-def]
    """install_translators for one test; every translator it added is removed afterwards, so the
    other tests stay English."""
    monkeypatch.delenv("INVENTRA_LANG", raising=False)
    before = set(qapp.findChildren(QTranslator))

    def run(lang: str | None = None, locale: QLocale | None = None) -> list[str]:
        if lang is not None:
            monkeypatch.setenv("INVENTRA_LANG", lang)
        return install_translators(qapp, locale)

    yield run
    for translator in set(qapp.findChildren(QTranslator)) - before:
        qapp.removeTranslator(translator)
        translator.setParent(None)


def names(loaded: list[str]) -> set[str]:
    return {Path(path).name for path in loaded}


def test_german_loads_qt_and_our_catalog(install) -> None:  # type: ignore[no-untyped-def]
    assert names(install("de")) == {"inventra_de.qm", "qtbase_de.qm"}


def test_a_real_dialog_speaks_german(install, qtbot, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    install("de")
    dialog = ConnectDialog(shop="my-shop")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Mit Ihrem Shopify-Shop verbinden"
    assert dialog.connect_button.text() == "Verbinden"
    assert dialog.demo.text() == "Demo-Shop ausprobieren"
    assert dialog.shop_hint.text() == "Verbindet mit https://my-shop.myshopify.com"  # a placeholder filled in


def test_the_counter_speaks_german(install, qtbot) -> None:  # type: ignore[no-untyped-def]
    install("de")
    counter = CounterDialog(theme=Theme(kiosk=False))
    qtbot.addWidget(counter)
    counter.show_view(CounterView(variant_id="v1", title="Zelt", areas=[("floor", "Laden")], qty={"floor": 2},
                                  status="in_progress", baseline=3))
    assert counter.done_button.text() == "✓  Erledigt"
    assert counter.counted_button.text() == "Abhaken"
    assert counter._status_badge.text() == "In Arbeit"
    assert counter._baseline.text() == "Soll: 3"


def test_qt_standard_buttons_speak_german(install, qtbot) -> None:  # type: ignore[no-untyped-def]
    install("de")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Save)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"
    assert box.button(QDialogButtonBox.StandardButton.Save).text() == "Speichern"


def test_models_and_marked_strings_are_translated(install, qtbot) -> None:  # type: ignore[no-untyped-def]
    install("de")
    model = ProductGridModel()
    assert model.headerData(COL_TITLE, Qt.Orientation.Horizontal) == "Titel"
    # Strings main_window and the controller pass to tr() as variables (marked in translations.py).
    assert QCoreApplication.translate("MainWindow", "in progress") == "in Arbeit"
    assert QCoreApplication.translate("MainController", "finalize") == "die Inventur abzuschließen"


def test_english_loads_nothing(install, qtbot, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    assert install("en") == []
    dialog = ConnectDialog(shop="my-shop")
    qtbot.addWidget(dialog)
    assert dialog.connect_button.text() == "Connect"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"


def test_the_locale_decides_without_the_variable(install) -> None:  # type: ignore[no-untyped-def]
    assert names(install(locale=QLocale("de_AT"))) == {"inventra_de.qm", "qtbase_de.qm"}


def test_the_variable_overrides_the_locale(install) -> None:  # type: ignore[no-untyped-def]
    assert install("en", QLocale("de_DE")) == []


def test_a_language_without_our_catalog_stays_english(install) -> None:  # type: ignore[no-untyped-def]
    assert install(locale=QLocale("fr_FR")) == []  # not half French (Qt's buttons), half English


def unfinished(ts: Path) -> list[str]:
    root = ET.parse(ts).getroot()
    return [f"[{context.findtext('name')}] {message.findtext('source')!r}"
            for context in root.iter("context") for message in context.iter("message")
            if message.find("translation").get("type") == "unfinished"]  # type: ignore[union-attr]


def test_every_string_in_the_catalog_is_translated() -> None:
    missing = unfinished(TS)
    assert not missing, (f"{len(missing)} strings in {TS.name} have no German translation yet; translate them "
                         "and run scripts/update-translations.sh:\n" + "\n".join(missing))


def test_every_string_in_the_code_is_in_the_catalog(tmp_path) -> None:  # type: ignore[no-untyped-def]
    lupdate = qt_tool("pyside6-lupdate")
    ts = tmp_path / TS.name
    shutil.copy(TS, ts)
    sources = sorted(str(p) for p in (ROOT / "inventra_desktop" / "ui").glob("*.py"))
    subprocess.run([lupdate, "-silent", "-no-obsolete", "-locations", "none", *sources,
                    str(ROOT / "inventra_desktop" / "app.py"), "-ts", str(ts)], check=True, timeout=60)
    missing = unfinished(ts)
    assert not missing, (f"{len(missing)} strings in the code are not in {TS.name}: run "
                         "scripts/update-translations.sh, translate them, and run it again:\n" + "\n".join(missing))


def test_the_compiled_catalog_matches_its_source(tmp_path) -> None:  # type: ignore[no-untyped-def]
    lrelease = qt_tool("pyside6-lrelease")
    qm = tmp_path / QM.name
    subprocess.run([lrelease, "-silent", "-nounfinished", str(TS), "-qm", str(qm)], check=True, timeout=60)
    assert qm.read_bytes() == QM.read_bytes(), f"{QM.name} is stale: run scripts/update-translations.sh"
