"""How the counter looks: its style sheet (light or dark, normal or kiosk) and the picture it
shows for a variant without a photo. Colours and sizes come from the theme (theme.py)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap

from .theme import Theme


def counter_style_sheet(t: Theme) -> str:
    s = t.surface
    r = t.radius
    primary_pressed = QColor(s.highlight).darker(125) if not t.dark else QColor(s.highlight).lighter(118)
    primary_hover = QColor(s.highlight).darker(110) if not t.dark else QColor(s.highlight).lighter(108)
    done = t.status_colors("done")
    problem = t.status_colors("problem")
    rules = [
        f"QDialog#counterDialog {{ background: {s.window}; }}",
        f"QFrame#card {{ background: {s.base}; border: 1px solid {s.button_pressed}; border-radius: {r + 4}px; }}",
        f"QLabel {{ color: {s.text}; background: transparent; border: none; }}",
        f'QLabel[role="muted"] {{ color: {s.muted_text}; }}',
        "QLabel#productImage { background: transparent; }",
        f"QLabel#keypadDisplay {{ background: {s.alternate_base}; border: 2px solid {s.border};"
        f" border-radius: {r}px; padding: 0 {t.spacing}px; }}",
        f"QLabel#statusBadge {{ border-radius: {r}px; padding: 4px {t.spacing}px; }}",
        f"QLabel#message {{ background: {problem.fill}; color: {problem.text}; border-radius: {r}px;"
        f" padding: {t.spacing // 2}px {t.spacing}px; }}",
        f"QPushButton {{ background: {s.button}; color: {s.text}; border: 2px solid {s.border};"
        f" border-radius: {r}px; padding: 4px {t.spacing}px; }}",
        f"QPushButton:hover {{ background: {s.alternate_base}; }}",
        f"QPushButton:pressed {{ background: {s.button_pressed}; }}",
        f"QPushButton:focus {{ border: 3px solid {s.focus}; }}",
        f"QPushButton:disabled {{ background: {s.alternate_base}; color: {s.disabled_text};"
        f" border: 2px dashed {s.button_pressed}; }}",
        f'QPushButton[role="primary"] {{ background: {s.highlight}; color: {s.highlighted_text};'
        f" border-color: {s.highlight}; }}",
        f'QPushButton[role="primary"]:hover {{ background: {primary_hover.name()}; }}',
        f'QPushButton[role="primary"]:pressed {{ background: {primary_pressed.name()}; }}',
        f'QPushButton[role="primary"]:focus {{ border: 3px solid {s.focus}; }}',
        f'QPushButton[role="primary"]:disabled {{ background: {s.alternate_base}; color: {s.disabled_text};'
        f" border: 2px dashed {s.button_pressed}; }}",
        f'QPushButton[role="area"]:checked {{ background: {s.highlight}; color: {s.highlighted_text};'
        f" border: 3px solid {s.focus}; }}",
        f'QPushButton[role="counted"]:checked {{ background: {done.fill}; color: {done.text};'
        f" border-color: {done.fill}; }}",
        f'QPushButton[role="counted"]:checked:focus {{ border: 3px solid {s.focus}; }}',
        f'QPushButton[role="done"][state="done"] {{ background: {done.fill}; color: {done.text};'
        f" border-color: {done.fill}; }}",
        f'QPushButton[role="done"][state="done"]:pressed {{ background: {QColor(done.fill).darker(120).name()}; }}',
        f'QPushButton[role="done"]:focus {{ border: 3px solid {s.focus}; }}',
    ]
    for status in ("pending", "in_progress", "done", "omitted", "problem"):
        c = t.status_colors(status)
        rules.append(f'QLabel#statusBadge[status="{status}"] {{ background: {c.fill}; color: {c.text}; }}')
    dot = round(10 * t.font_scale)
    for state, status in (("saved", "done"), ("waiting", "warning"), ("offline", "warning"),
                          ("error", "problem")):
        c = t.status_colors(status)
        rules.append(f'QLabel#savedDot[state="{state}"] {{ background: {c.fill}; border-radius: {dot // 2}px; }}')
    return "\n".join(rules)


def placeholder_pixmap(theme: Theme, size: int, ratio: float) -> QPixmap:
    """A framed picture outline: says "no photo" without words."""
    surface = theme.surface
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = QRectF(1, 1, size - 2, size - 2)
    painter.setPen(QPen(QColor(surface.border), 1.5))
    painter.setBrush(QColor(surface.alternate_base))
    painter.drawRoundedRect(box, theme.radius, theme.radius)
    ink = QColor(surface.muted_text)
    pen = QPen(ink, max(2.0, size / 36))
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    frame = QRectF(size * 0.26, size * 0.3, size * 0.48, size * 0.4)
    painter.drawRoundedRect(frame, 3, 3)
    hills = QPainterPath(QPointF(frame.left() + 2, frame.bottom() - 3))
    hills.lineTo(frame.left() + frame.width() * 0.38, frame.top() + frame.height() * 0.45)
    hills.lineTo(frame.left() + frame.width() * 0.6, frame.top() + frame.height() * 0.7)
    hills.lineTo(frame.left() + frame.width() * 0.75, frame.top() + frame.height() * 0.55)
    hills.lineTo(frame.right() - 2, frame.bottom() - 3)
    painter.drawPath(hills)
    painter.setBrush(ink)
    painter.drawEllipse(QPointF(frame.left() + frame.width() * 0.74, frame.top() + frame.height() * 0.28),
                        size / 30, size / 30)
    painter.end()
    return pixmap
