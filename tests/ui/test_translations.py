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
    assert counter.counted_button.text() == "Bereich abhaken"
    assert counter._status_badge.text() == "In Arbeit"
    assert counter._baseline.text() == "Soll in allen Bereichen zusammen: 3"


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
    # Strings passed to translate() as variables (marked with QT_TRANSLATE_NOOP where they are defined).
    from inventra_desktop.ui.status_words import session_state_word, status_word
    assert status_word("in_progress") == "In Arbeit" and session_state_word("released") == "Freigegeben"
    assert QCoreApplication.translate("ManagerActions", "finalize") == "die Inventur abzuschließen"
    # Plurals as German has them: never "1 Differenzen".
    assert QCoreApplication.translate("ScanBar", "%n scan(s) not counted:", "", 1) == "1 Scan nicht gezählt:"
    assert QCoreApplication.translate("ScanBar", "%n scan(s) not counted:", "", 2) == "2 Scans nicht gezählt:"


def test_english_loads_only_its_plural_forms(install, qtbot, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    assert names(install("en")) == {"inventra_en.qm"}
    assert QCoreApplication.translate("ScanBar", "%n scan(s) not counted:", "", 1) == "1 scan not counted:"
    assert QCoreApplication.translate("ScanBar", "%n scan(s) not counted:", "", 3) == "3 scans not counted:"
    dialog = ConnectDialog(shop="my-shop")
    qtbot.addWidget(dialog)
    assert dialog.connect_button.text() == "Connect"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"


def test_the_locale_decides_without_the_variable(install) -> None:  # type: ignore[no-untyped-def]
    assert names(install(locale=QLocale("de_AT"))) == {"inventra_de.qm", "qtbase_de.qm"}


def test_the_variable_overrides_the_locale(install) -> None:  # type: ignore[no-untyped-def]
    assert names(install("en", QLocale("de_DE"))) == {"inventra_en.qm"}


def test_a_language_without_our_catalog_stays_english(install) -> None:  # type: ignore[no-untyped-def]
    # Not half French (Qt's buttons), half English: English, with its plural forms.
    assert names(install(locale=QLocale("fr_FR"))) == {"inventra_en.qm"}


def unfinished(ts: Path) -> list[str]:
    root = ET.parse(ts).getroot()
    return [f"[{context.findtext('name')}] {message.findtext('source')!r}"
            for context in root.iter("context") for message in context.iter("message")
            if message.find("translation").get("type") == "unfinished"]  # type: ignore[union-attr]


CATALOGS = ["de", "en"]  # en: the English plural forms only


@pytest.mark.parametrize("lang", CATALOGS)
def test_every_string_in_the_catalog_is_translated(lang: str) -> None:
    ts = FOLDER / f"inventra_{lang}.ts"
    missing = unfinished(ts)
    assert not missing, (f"{len(missing)} strings in {ts.name} have no translation yet; translate them "
                         "and run scripts/update-translations.sh:\n" + "\n".join(missing))


@pytest.mark.parametrize("lang", CATALOGS)
def test_every_string_in_the_code_is_in_the_catalog(tmp_path, lang: str) -> None:  # type: ignore[no-untyped-def]
    lupdate = qt_tool("pyside6-lupdate")
    ts = tmp_path / f"inventra_{lang}.ts"
    shutil.copy(FOLDER / ts.name, ts)
    sources = sorted(str(p) for p in (ROOT / "inventra_desktop" / "ui").glob("*.py"))
    only = ["-pluralonly"] if lang == "en" else []
    subprocess.run([lupdate, "-silent", "-no-obsolete", "-locations", "none", *only, *sources,
                    str(ROOT / "inventra_desktop" / "app.py"), "-ts", str(ts)], check=True, timeout=60)
    missing = unfinished(ts)
    assert not missing, (f"{len(missing)} strings in the code are not in {ts.name}: run "
                         "scripts/update-translations.sh, translate them, and run it again:\n" + "\n".join(missing))


@pytest.mark.parametrize("lang", CATALOGS)
def test_the_compiled_catalog_matches_its_source(tmp_path, lang: str) -> None:  # type: ignore[no-untyped-def]
    lrelease = qt_tool("pyside6-lrelease")
    source, shipped = FOLDER / f"inventra_{lang}.ts", FOLDER / f"inventra_{lang}.qm"
    qm = tmp_path / shipped.name
    subprocess.run([lrelease, "-silent", "-nounfinished", str(source), "-qm", str(qm)], check=True, timeout=60)
    assert qm.read_bytes() == shipped.read_bytes(), f"{shipped.name} is stale: run scripts/update-translations.sh"


def test_sentences_of_the_qt_free_layers_speak_german_and_stay_english_for_the_cli(install) -> None:  # type: ignore[no-untyped-def]
    from inventra_desktop.shopify.errors import MissingScopes, ShopUnavailable
    from inventra_desktop.stocktake.lookup import ScanResult
    from inventra_desktop.ui.sentences import describe, translated

    unknown = ScanResult("unknown", "4006381333931").sentence()
    assert unknown == "Nothing in this session has the code 4006381333931. Nothing was counted."  # the CLI's words
    offline = ShopUnavailable("timed out")
    english = str(offline)
    install("de")
    assert translated(unknown) == "Nichts in dieser Inventur hat den Code 4006381333931. Nichts wurde gezählt."
    assert describe(offline).startswith("Der Shop ist gerade nicht erreichbar (timed out).")
    assert "write_inventory" in describe(MissingScopes(["write_inventory"])) and "Berechtigungen" in describe(
        MissingScopes(["write_inventory"]))
    assert str(offline) == english  # the exception itself stays English (logs, the CLI)


def test_the_sentence_catalog_holds_every_sentence_of_the_code() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "extract_sentences.py"), "--check"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
