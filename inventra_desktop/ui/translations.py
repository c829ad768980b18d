"""The user's language: Qt's own catalog and ours, loaded when the system language asks for one.

English is the source language and needs no catalog. `INVENTRA_LANG` (`de`, `de_DE`, `en`, …)
overrides the system language (LANGUAGE, LC_ALL, LC_MESSAGES or LANG on Linux). The catalogs
are compiled by scripts/update-translations.sh from inventra_desktop/i18n/inventra_<lang>.ts.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..i18n import FOLDER


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[str]:
    """Installs `qtbase_<lang>` (standard buttons, wizard buttons, context menus) and
    `inventra_<lang>` for the first of the user's languages we have a catalog for; call it once,
    before the first window. Returns the files loaded, for the log; [] means English."""
    override = os.environ.get("INVENTRA_LANG", "").strip()
    if override:
        locale = QLocale(override)
    elif locale is None:
        locale = QLocale.system()
    for name in locale.uiLanguages():  # the user's languages, preferred first
        language = QLocale(name)
        if language.language() in (QLocale.Language.English, QLocale.Language.C):
            return []  # the source language comes before any we could offer
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
    return []


# Strings other modules pass to tr() as variables, marked here so that lupdate extracts them
# under the context that translates them at run time.
_VARIABLE_STRINGS = (
    # main_window.STATUS_FILTERS: the status filter's items
    QT_TRANSLATE_NOOP("MainWindow", "all"),
    QT_TRANSLATE_NOOP("MainWindow", "not done"),
    QT_TRANSLATE_NOOP("MainWindow", "pending"),
    QT_TRANSLATE_NOOP("MainWindow", "in progress"),
    QT_TRANSLATE_NOOP("MainWindow", "done"),
    QT_TRANSLATE_NOOP("MainWindow", "omitted"),
    QT_TRANSLATE_NOOP("MainWindow", "problems"),
    # SessionState values under each name in the sessions list (released sessions are not listed)
    QT_TRANSLATE_NOOP("MainWindow", "open"),
    QT_TRANSLATE_NOOP("MainWindow", "snapshotted"),
    QT_TRANSLATE_NOOP("MainWindow", "finalized"),
    QT_TRANSLATE_NOOP("MainWindow", "applied"),
    # MainController._guarded: the action in "Enter the manager PIN to %1."
    QT_TRANSLATE_NOOP("MainController", "finalize"),
    QT_TRANSLATE_NOOP("MainController", "release"),
    QT_TRANSLATE_NOOP("MainController", "settings"),
    QT_TRANSLATE_NOOP("MainController", "leave kiosk mode"),
    QT_TRANSLATE_NOOP("MainController", "reset a variant"),
)
