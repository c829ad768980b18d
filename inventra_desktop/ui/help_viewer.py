"""The user guide (docs/user-guide.md) in a window: Qt renders Markdown and its images itself."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget


def user_guide() -> Path | None:
    """The guide beside the package (a source checkout), or in the bundle's docs/ folder."""
    roots = [Path(__file__).resolve().parents[2]]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.insert(0, Path(bundle))
    return next((root / "docs" / "user-guide.md" for root in roots if (root / "docs" / "user-guide.md").is_file()),
                None)


class HelpWindow(QDialog):
    def __init__(self, parent: QWidget | None, guide: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Inventra Desktop — user guide"))
        self.resize(900, 760)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)  # links inside the guide scroll; links out go to the browser
        self.browser.anchorClicked.connect(self._follow)
        self.browser.document().setDocumentMargin(24)
        self.browser.setSearchPaths([str(guide.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(guide)), QTextDocument.ResourceType.MarkdownResource)
        layout.addWidget(self.browser)

    def _follow(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif url.hasFragment() and (not url.path() or url.path() == self.browser.source().path()):
            self.browser.scrollToAnchor(url.fragment())
        else:
            self.browser.setSource(url)
