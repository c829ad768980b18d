"""The user's language: Qt's own catalog and ours, loaded when the system language asks for one.

English is the source language: its catalog holds only the plural forms ("1 line", "2 lines"),
which the source text writes once as "%n line(s)". `INVENTRA_LANG` (`de`, `de_DE`, `en`, …)
overrides the system language (LANGUAGE, LC_ALL, LC_MESSAGES or LANG on Linux). The catalogs
are compiled by scripts/update-translations.sh from inventra_desktop/i18n/inventra_<lang>.ts.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..i18n import FOLDER


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[str]:
    """Installs `qtbase_<lang>` (standard buttons, wizard buttons, context menus) and
    `inventra_<lang>` for the first of the user's languages we have a catalog for; call it once,
    before the first window. English (also for a language we have no catalog for) gets only our
    English plural forms. Returns the files loaded, for the log."""
    override = os.environ.get("INVENTRA_LANG", "").strip()
    if override:
        locale = QLocale(override)
    elif locale is None:
        locale = QLocale.system()
    for name in locale.uiLanguages():  # the user's languages, preferred first
        language = QLocale(name)
        if language.language() in (QLocale.Language.English, QLocale.Language.C):
            break  # the source language comes before any we could offer
        ours = QTranslator()
        if not ours.load(language, "inventra", "_", str(FOLDER)):
            continue
        translators = [ours]
        qt = QTranslator()
        if qt.load(language, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            translators.append(qt)
        for translator in translators:
            translator.setParent(app)  # the app keeps them alive
            app.installTranslator(translator)
        return [translator.filePath() for translator in translators]
    return install_english_plurals(app)


def install_english_plurals(app: QCoreApplication) -> list[str]:
    """The English catalog: only the plural forms of "%n …(s)" sentences."""
    plurals = QTranslator()
    if not plurals.load(str(FOLDER / "inventra_en.qm")):
        return []
    plurals.setParent(app)
    app.installTranslator(plurals)
    return [plurals.filePath()]

