"""Text on a PDF page in any script: the glyphs from a chain of fonts, right-to-left text in order.

reportlab draws a string left to right with one font, and its own right-to-left support needs
`rlbidi`, which is not on PyPI. So text here is prepared the way a plain PDF writer must: Arabic
letters take their joined forms (arabic-reshaper), a line with right-to-left text is put in
visual order (python-bidi, the Unicode bidirectional algorithm), and the result is cut into runs
drawn each with a font that has its characters (fonts.py). Every run is real text in an embedded
font, so the page stays searchable and its text can be copied or extracted.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

from .fonts import FontChain, main_fonts

_RTL_CLASSES = ("R", "AL", "RLE", "RLO", "RLI")


def has_rtl(text: str) -> bool:
    return not text.isascii() and any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text)


@lru_cache(maxsize=20_000)
def visual_order(text: str) -> str:
    """`text` as it is drawn left to right: Arabic shaped into its joining forms, right-to-left
    runs reversed (the paragraph's direction is its first strong character's, as in a browser)."""
    if not has_rtl(text):
        return text
    from bidi import get_display

    if any(unicodedata.bidirectional(ch) == "AL" for ch in text):
        import arabic_reshaper

        text = arabic_reshaper.reshape(text)
    return str(get_display(text))


class PrintedText:
    """Measuring, fitting and drawing strings with a font chain. `font` arguments are the chain's
    regular or bold name (`self.regular`, `self.bold`)."""

    def __init__(self, chain: FontChain | None = None) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        if chain is None:
            regular, bold = main_fonts()
            chain = FontChain(regular, bold)
        self.chain = chain
        self.regular, self.bold = chain.regular, chain.bold
        self._string_width = stringWidth
        self._runs: dict[tuple[str, bool], list[tuple[str, str]]] = {}

    @property
    def unicode(self) -> bool:
        return self.chain.unicode

    def clean(self, text: str) -> str:
        """Kept for callers of the old one-font helper: text is drawn as it is now."""
        return text

    def runs(self, text: str, bold: bool) -> list[tuple[str, str]]:
        key = (text, bold)
        if key not in self._runs:
            if len(self._runs) > 50_000:
                self._runs.clear()
            self._runs[key] = self.chain.runs(visual_order(text), bold)
        return self._runs[key]

    def width(self, text: str, font: str, size: float) -> float:
        return float(sum(self._string_width(part, name, size) for name, part in self.runs(text, font == self.bold)))

    def fit(self, text: str, font: str, size: float, width: float) -> str:
        """`text`, or its longest beginning that fits in `width` with an ellipsis (in reading order)."""
        if self.width(text, font, size) <= width:
            return text
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.width(text[:mid].rstrip() + "…", font, size) <= width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + "…"

    def wrap2(self, text: str, font: str, size: float, width: float) -> list[str]:
        """At most two lines; the second ends in an ellipsis when the text is longer. A text
        without spaces (Japanese, Thai, Chinese) is cut where the width ends."""
        if self.width(text, font, size) <= width:
            return [text]
        words = text.split(" ")
        first = ""
        for i, word in enumerate(words):
            trial = f"{first} {word}".strip()
            if self.width(trial, font, size) > width:
                if not first:  # one long word: as much as fits, then the rest
                    head = self._longest(word, font, size, width)
                    if head == 0:
                        return [self.fit(text, font, size, width)]
                    rest = " ".join([word[head:], *words[i + 1:]]).strip()
                    return [word[:head]] + ([self.fit(rest, font, size, width)] if rest else [])
                return [first, self.fit(" ".join(words[i:]), font, size, width)]
            first = trial
        return [first]

    def _longest(self, text: str, font: str, size: float, width: float) -> int:
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.width(text[:mid], font, size) <= width:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def draw(self, canvas: Any, x: float, y: float, text: str, font: str, size: float, *,
             align: str = "left") -> None:
        """Draw `text` with its baseline at `y`, starting at `x` (or ending there: align="right")."""
        runs = self.runs(text, font == self.bold)
        if align == "right":
            x -= sum(self._string_width(part, name, size) for name, part in runs)
        for name, part in runs:
            if (canvas._fontname, canvas._fontsize) != (name, size):  # each setFont writes to the page
                canvas.setFont(name, size)
            canvas.drawString(x, y, part)
            if len(runs) > 1:
                x += self._string_width(part, name, size)

    def lacks(self, text: str) -> str:
        """The characters of `text` no installed font can print."""
        return self.chain.lacks(visual_order(text))
