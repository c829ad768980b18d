"""Fonts for printed text in any script: a main font, then the system's fonts character by character.

reportlab embeds TrueType-outline fonts only (a CFF-flavoured OpenType font such as Noto Sans CJK
is refused with "postscript outlines are not supported"), and one font never covers Latin,
Japanese, Korean, Thai, Hebrew and Arabic at once. So a `FontChain` starts with a main font
(DejaVu Sans, Arial; Helvetica when there is no TrueType font at all) and, for a character the
fonts so far lack, asks the system for one that has it: fontconfig (`fc-list :charset=…`) on
Linux, the font folders on Windows and macOS (and on Linux without fontconfig). Characters no
installed font has are reported, never silently dropped (the count sheet names their titles).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

MAX_FONTCONFIG_QUERIES = 64  # per chain: each is a subprocess; a script's font answers for thousands of characters
MAX_FONTS_LOADED = 40  # per chain, when font folders are searched file by file
_FC_TIMEOUT = 10.0

_MAIN_FONTS = [
    # (regular, bold): a Unicode font where the system has one, for titles beyond Latin-1.
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    (os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts", "arial.ttf"),
     os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts", "arialbd.ttf")),
    ("/System/Library/Fonts/Supplemental/Arial.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf"),
    ("/Library/Fonts/Arial.ttf", "/Library/Fonts/Arial Bold.ttf"),
]

# Searched first in font folders (Windows, macOS): the usual TrueType fonts per script.
_PREFERRED_FILES = [
    "arial", "segoeui", "tahoma", "leelawui", "leelawad", "msgothic", "yugothm", "meiryo", "malgun", "gulim",
    "msyh", "simsun", "simhei", "mingliu", "msjh", "nirmala", "arialuni", "ヒラギノ角ゴシック w3", "applegothic",
    "applesdgothicneo", "arial unicode", "thonburi", "ayuthaya", "geezapro", "arialhb", "lucidagrande",
]


def font_folders() -> list[Path]:
    """Where this system keeps font files (Windows, macOS, then the Linux/X11 places)."""
    home = Path.home()
    if sys.platform == "win32":
        return [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts",
                Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local")) / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"), Path("/Library/Fonts"),
                home / "Library" / "Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local" / "share" / "fonts",
            home / ".fonts"]


@dataclass(frozen=True)
class FontFile:
    path: str
    index: int = 0  # the face inside a .ttc collection
    bold: bool = False


@lru_cache(maxsize=4096)
def fontconfig_fonts(char: str) -> list[FontFile] | None:
    """The TrueType fonts fontconfig knows that have `char`, regular faces and sans families
    first; None when fontconfig is not there."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        out = subprocess.run([fc_list, "--format", "%{file}\t%{index}\t%{fontformat}\t%{style}\t%{family}\n",
                              f":charset={ord(char):x}"], capture_output=True, text=True, timeout=_FC_TIMEOUT,
                             check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found: list[tuple[tuple[int, int, str], FontFile]] = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) < 5 or parts[2] != "TrueType":  # CFF outlines cannot be embedded by reportlab
            continue
        style, family = parts[3].casefold(), parts[4].casefold()
        bold = "bold" in style
        plain = not any(w in style for w in ("bold", "italic", "oblique", "light", "thin", "black", "mono"))
        rank = (0 if plain else 1, 0 if "sans" in family or "gothic" in family else 1, parts[0])
        found.append((rank, FontFile(parts[0], int(parts[1] or 0), bold)))
    return [f for _, f in sorted(found, key=lambda x: x[0])]


def folder_fonts(folders: list[Path] | None = None) -> list[FontFile]:
    """Every .ttf/.ttc file in the font folders, the usual fallback fonts first."""
    files: list[Path] = []
    for folder in folders if folders is not None else font_folders():
        try:
            files += [p for p in folder.rglob("*") if p.suffix.casefold() in (".ttf", ".ttc")]
        except OSError:
            continue

    def rank(p: Path) -> tuple[int, str]:
        stem = p.stem.casefold()
        return (_PREFERRED_FILES.index(stem) if stem in _PREFERRED_FILES else len(_PREFERRED_FILES), str(p))
    return [FontFile(str(p)) for p in sorted(dict.fromkeys(files), key=rank)]


@dataclass
class _Face:
    name: str  # as registered with reportlab
    chars: frozenset[int] | None  # code points it has; None: the built-in Helvetica (WinAnsi)

    def has(self, ch: str) -> bool:
        if self.chars is None:
            try:
                ch.encode("cp1252")
                return ch.isprintable() or ch == " "
            except UnicodeEncodeError:
                return False
        return ord(ch) in self.chars


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Mc", "Me")


@dataclass
class FontChain:
    """The fonts a document draws with: the main face first, then fallbacks found as needed.

    `finder(char)` lists font files that may have `char` (fontconfig's answer, or None to search
    the font folders). A font file is loaded and registered with reportlab once per process."""

    regular: str = "Helvetica"
    bold: str = "Helvetica-Bold"
    finder: Callable[[str], list[FontFile] | None] = fontconfig_fonts
    folders: list[Path] | None = None
    _faces: dict[bool, list[_Face]] = field(default_factory=dict)
    _missing: set[str] = field(default_factory=set)
    _queries: int = 0
    _tried: set[tuple[str, int]] = field(default_factory=set)
    _folder_list: list[FontFile] | None = None
    used_files: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._faces = {False: [_face_of(self.regular)], True: [_face_of(self.bold)]}

    @property
    def unicode(self) -> bool:
        return self._faces[False][0].chars is not None

    def font_for(self, ch: str, bold: bool = False) -> str | None:
        """The font that draws `ch` (None: no installed font has it)."""
        for face in self._faces[bold]:
            if face.has(ch):
                return face.name
        if not bold:
            return self._fallback(ch)
        return self._fallback(ch, bold=True) or self.font_for(ch)

    def runs(self, text: str, bold: bool = False) -> list[tuple[str, str]]:
        """`text` cut into (font, part) runs; characters no font has are left out and recorded in
        `missing`. A combining mark stays with its base character's font when that font has it."""
        first = self._faces[bold][0]
        if first.chars is not None and first.chars.issuperset(map(ord, text)):
            return [(first.name, text)] if text else []  # the common case, decided in C
        out: list[tuple[str, str]] = []
        for ch in text:
            font = None
            if out and _is_mark(ch) and pdf_font_has(out[-1][0], ch):
                font = out[-1][0]
            font = font or self.font_for(ch, bold)
            if font is None:
                self._missing.add(ch)
                continue
            if out and out[-1][0] == font:
                out[-1] = (font, out[-1][1] + ch)
            else:
                out.append((font, ch))
        return out

    def lacks(self, text: str) -> str:
        """The characters of `text` no installed font can draw."""
        main = self._faces[False][0].chars
        if main is not None and main.issuperset(map(ord, text)):
            return ""
        return "".join(dict.fromkeys(ch for ch in text if not ch.isspace() and self.font_for(ch) is None))

    # -- finding fonts ------------------------------------------------------------------------
    def _fallback(self, ch: str, bold: bool = False) -> str | None:
        if ch in self._missing or not ch.isprintable():
            return None
        candidates = None
        if self._queries < MAX_FONTCONFIG_QUERIES:
            self._queries += 1
            candidates = self.finder(ch)
        if candidates is None:
            if self._folder_list is None:
                self._folder_list = folder_fonts(self.folders)
            candidates = self._folder_list
        ordered = sorted(candidates, key=lambda f: f.bold != bold)  # the wanted weight first, then any
        for font in ordered:
            key = (font.path, font.index)
            if key not in self._tried and len(self._tried) >= MAX_FONTS_LOADED:
                break
            self._tried.add(key)
            face = _load(font)
            if face is not None and face.has(ch):
                self._faces[bold].append(face)
                self.used_files.append(font.path)
                return face.name
        self._missing.add(ch)
        return None


_LOADED: dict[tuple[str, int], _Face | None] = {}
_LOADING = threading.Lock()  # exports run on worker threads


def _load(font: FontFile) -> _Face | None:
    """`font` registered with reportlab (once per process), or None when it cannot be embedded."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    key = (font.path, font.index)
    with _LOADING:
        if key in _LOADED:
            return _LOADED[key]
        name = f"InventraFallback-{len(_LOADED)}"
        try:
            ttf = TTFont(name, font.path, subfontIndex=font.index)
            pdfmetrics.registerFont(ttf)
            face: _Face | None = _Face(name, frozenset(ttf.face.charToGlyph))
        except Exception:  # CFF outlines, a broken or restricted file: not a font reportlab can embed
            face = None
        _LOADED[key] = face
        return face


def pdf_font_has(name: str, ch: str) -> bool:
    from reportlab.pdfbase import pdfmetrics

    font = pdfmetrics.getFont(name)
    face = getattr(font, "face", None)
    return ord(ch) in face.charToGlyph if face is not None and hasattr(face, "charToGlyph") else \
        _Face(name, None).has(ch)


def _face_of(name: str) -> _Face:
    from reportlab.pdfbase import pdfmetrics

    face = getattr(pdfmetrics.getFont(name), "face", None)
    chars = getattr(face, "charToGlyph", None)
    return _Face(name, frozenset(chars) if chars is not None else None)


def main_fonts() -> tuple[str, str]:
    """(regular, bold) registered with reportlab: the first TrueType pair this system has, else Helvetica."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    registered = pdfmetrics.getRegisteredFontNames()
    if "InventraSans" in registered and "InventraSans-Bold" in registered:
        return "InventraSans", "InventraSans-Bold"
    for regular, bold in _MAIN_FONTS:
        if Path(regular).is_file() and Path(bold).is_file():
            try:
                pdfmetrics.registerFont(TTFont("InventraSans", regular))
                pdfmetrics.registerFont(TTFont("InventraSans-Bold", bold))
                return "InventraSans", "InventraSans-Bold"
            except Exception:  # a broken font file: try the next, else the built-in font
                continue
    return "Helvetica", "Helvetica-Bold"
