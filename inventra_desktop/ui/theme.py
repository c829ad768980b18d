"""Sizes, type and colours for every screen, in one place.

Touch targets, font sizes and spacing grow in kiosk mode (a touchscreen read at arm's length);
colours come in a light and a dark table, each checked for WCAG AA contrast (4.5:1 for text,
3:1 for borders and dots) by the UI tests.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

STATUSES = ("pending", "in_progress", "done", "omitted", "problem")
KIOSK_TYPE = 1.25  # the application font in kiosk mode; theme.font() roles scale on their own


@dataclass(frozen=True)
class StatusColors:
    """A status as a badge: `fill` behind `text`. `fill` also reads as text on the window."""

    fill: str
    text: str


# Light: saturated fills with white text. Dark: light tints with near-black text, because
# saturated fills on a dark window look muddy and white-on-tint fails contrast.
_STATUS_LIGHT: Mapping[str, StatusColors] = {
    "pending": StatusColors("#5B6470", "#FFFFFF"),
    "in_progress": StatusColors("#1A56C4", "#FFFFFF"),
    "done": StatusColors("#17753A", "#FFFFFF"),
    "omitted": StatusColors("#6B4FA0", "#FFFFFF"),
    "problem": StatusColors("#B3261E", "#FFFFFF"),
    "warning": StatusColors("#8A5A00", "#FFFFFF"),
}
_STATUS_DARK: Mapping[str, StatusColors] = {
    "pending": StatusColors("#AEB6C0", "#111418"),
    "in_progress": StatusColors("#8AB4FF", "#0B1A33"),
    "done": StatusColors("#6FD08C", "#06210F"),
    "omitted": StatusColors("#C7B3F0", "#1E1236"),
    "problem": StatusColors("#FF9A8F", "#3A0A06"),
    "warning": StatusColors("#F2C14E", "#2B1D00"),
}


@dataclass(frozen=True)
class SurfaceColors:
    """The neutral colours a palette and the style sheets are built from."""

    window: str
    base: str
    alternate_base: str
    text: str
    muted_text: str
    button: str
    button_pressed: str
    border: str
    highlight: str
    highlighted_text: str
    focus: str
    disabled_text: str


_SURFACE_LIGHT = SurfaceColors(
    window="#F4F5F7", base="#FFFFFF", alternate_base="#EEF0F3", text="#15181C",
    muted_text="#4E5661", button="#E4E7EB", button_pressed="#CDD2D9", border="#7D8591",
    highlight="#1A56C4", highlighted_text="#FFFFFF", focus="#0B3F9E", disabled_text="#6A717B",
)
_SURFACE_DARK = SurfaceColors(
    window="#1B1E23", base="#121418", alternate_base="#22262C", text="#EEF0F3",
    muted_text="#B4BBC4", button="#2D3239", button_pressed="#3B414A", border="#8A929C",
    highlight="#8AB4FF", highlighted_text="#0B1A33", focus="#C9DCFF", disabled_text="#8F97A1",
)


@dataclass(frozen=True)
class Theme:
    """Sizes and colours for one mode. `kiosk` enlarges everything; `dark` picks the colour table;
    `compact` fits a low screen (1024×600): smaller pictures, quantities and gaps, with touch
    targets still at least 48 px in kiosk mode."""

    kiosk: bool = False
    dark: bool = False
    compact: bool = False

    # -- sizes (device-independent pixels) ------------------------------------------------
    @property
    def touch_target(self) -> int:
        """Smallest side of anything a finger taps."""
        if self.compact:
            return 52 if self.kiosk else 44
        return 64 if self.kiosk else 48

    @property
    def big_button(self) -> int:
        """Height of the counting buttons (+1, −1, +5, +10)."""
        if self.compact:
            return 60 if self.kiosk else 52
        return 96 if self.kiosk else 72

    @property
    def spacing(self) -> int:
        if self.compact:
            return 8
        return 16 if self.kiosk else 12

    @property
    def margin(self) -> int:
        if self.compact:
            return 10
        return 24 if self.kiosk else 18

    @property
    def radius(self) -> int:
        return 12 if self.kiosk else 8

    @property
    def image_size(self) -> int:
        if self.compact:
            return 48
        return 96 if self.kiosk else 80

    # -- type ------------------------------------------------------------------------------
    @property
    def font_scale(self) -> float:
        """Kiosk type is larger: read standing, at arm's length."""
        if self.kiosk:
            return 1.15 if self.compact else 1.4
        return 1.0

    def font_pt(self, role: str) -> float:
        """Point size for a text role (body, small, caption, title, button, big_button, quantity)."""
        base = {
            "small": 10.0, "body": 11.0, "caption": 13.0, "button": 12.0, "title": 19.0,
            "big_button": 20.0, "quantity": 64.0,
        }[role]
        if self.compact and role in ("quantity", "title", "big_button"):
            base *= {"quantity": 0.6, "title": 0.8, "big_button": 0.8}[role]
        return round(base * self.font_scale, 1)

    def font(self, role: str, base: QFont | None = None, *, bold: bool = False) -> QFont:
        font = QFont(base) if base is not None else QFont()
        font.setPointSizeF(self.font_pt(role))
        font.setBold(bold)
        return font

    # -- colours ---------------------------------------------------------------------------
    @property
    def surface(self) -> SurfaceColors:
        return _SURFACE_DARK if self.dark else _SURFACE_LIGHT

    def status_colors(self, status: str) -> StatusColors:
        """Badge colours for a variant status, or for `warning` (waiting, offline)."""
        table = _STATUS_DARK if self.dark else _STATUS_LIGHT
        return table.get(status, table["pending"])


COMPACT_KIOSK_BELOW = 800  # available height (px) under which the kiosk theme goes compact


def theme_for_screen(kiosk: bool, available_height: int) -> Theme:
    """The theme for a screen this high: kiosk sizes shrink on a low screen (1024×600) so that
    every screen still fits, with touch targets that stay above 48 px."""
    return Theme(kiosk=kiosk, compact=kiosk and available_height < COMPACT_KIOSK_BELOW)


_current = Theme()
_follow_system = False
_follow_system_connected = False


def current_theme() -> Theme:
    return _current


def set_theme(theme: Theme) -> None:
    """Sets the theme new widgets pick up; the app shell calls it once (kiosk or not)."""
    global _current
    _current = theme


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def palette_is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def build_palette(surface: SurfaceColors) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    pairs = {
        role.Window: surface.window, role.WindowText: surface.text, role.Base: surface.base,
        role.AlternateBase: surface.alternate_base, role.Text: surface.text,
        role.Button: surface.button, role.ButtonText: surface.text,
        role.Highlight: surface.highlight, role.HighlightedText: surface.highlighted_text,
        role.ToolTipBase: surface.base, role.ToolTipText: surface.text,
        role.PlaceholderText: surface.muted_text, role.Link: surface.highlight,
        role.BrightText: "#FFFFFF", role.Mid: surface.border, role.Dark: surface.border,
        role.Light: surface.base, role.Midlight: surface.alternate_base, role.Shadow: "#000000",
    }
    for r, colour in pairs.items():
        palette.setColor(r, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, r, QColor(surface.disabled_text))
    return palette


def apply_palette(app: QApplication, dark: bool | None = None) -> None:
    """Fusion with our palette; `dark=None` follows the system colour scheme, also when it changes."""
    global _follow_system, _follow_system_connected
    if app.style().name().lower() != "fusion":
        # Setting a style again resets the palette to the style's own (light) one first, and
        # a later dark-to-light switch would then look like no change to the widgets.
        app.setStyle("Fusion")
    _follow_system = dark is None
    is_dark = system_is_dark() if dark is None else dark
    set_theme(replace(_current, dark=is_dark))
    app.setPalette(build_palette(_current.surface))
    if _current.kiosk and not app.property("inventra_kiosk_type"):
        # Kiosk: every text a size larger (read standing, at arm's length), once.
        font = app.font()
        font.setPointSizeF(font.pointSizeF() * KIOSK_TYPE)
        app.setFont(font)
        app.setProperty("inventra_kiosk_type", True)
    if _follow_system and not _follow_system_connected:
        _follow_system_connected = True

        def on_scheme_changed(_scheme: Qt.ColorScheme) -> None:
            if _follow_system:  # an explicit light/dark choice since then wins over the system
                apply_palette(app)

        QGuiApplication.styleHints().colorSchemeChanged.connect(on_scheme_changed)


def leave_kiosk(app: QApplication) -> None:
    """Back to the desktop's sizes and type (the manager left kiosk mode)."""
    set_theme(replace(_current, kiosk=False, compact=False))
    if app.property("inventra_kiosk_type"):
        font = app.font()
        font.setPointSizeF(font.pointSizeF() / KIOSK_TYPE)
        app.setFont(font)
        app.setProperty("inventra_kiosk_type", False)


def contrast_ratio(a: str | QColor, b: str | QColor) -> float:
    """WCAG 2 contrast ratio between two colours (1.0 to 21.0)."""

    def luminance(colour: str | QColor) -> float:
        c = QColor(colour)

        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
