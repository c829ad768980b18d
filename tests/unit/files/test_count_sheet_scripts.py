"""Every title legible on paper (issue 12, item 7): Japanese, Korean, Thai, Hebrew and Arabic
titles, variants and vendors print with fonts found on the system, right-to-left text in reading
order, the text extractable; what no installed font has is named by the export.

The system fonts are the ones `scripts/setup.sh` installs (DejaVu, WenQuanYi Zen Hei, Loma)."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from builders import AREAS, session, variant

from inventra_desktop.files.count_sheet import write_count_sheet
from inventra_desktop.files.fonts import FontChain, FontFile, fontconfig_fonts, main_fonts
from inventra_desktop.files.printed_text import visual_order

TITLES = {
    1: ("抹茶マグカップ", "青 / L", "京都陶器"),  # Japanese
    2: ("한국 전통 머그잔", "Default Title", "서울상회"),  # Korean
    3: ("แก้วกาแฟเซรามิก", "ขาว", "บริษัทไทย"),  # Thai, with tone marks above the consonants
    4: ("ספל קפה שחור", "250 מ״ל", "כלי בית"),  # Hebrew, a number inside
    5: ("كوب قهوة عربية", "أسود", "شركة القهوة"),  # Arabic: letters join
    6: ("中文茶杯", "Default Title", "上海茶具"),  # Chinese
}


def field_variants() -> list:  # type: ignore[type-arg]
    return [variant(n, product=p, title=t, vendor=v, sku=f"SKU-{n}") for n, (p, t, v) in TITLES.items()]


def extract(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, timeout=60,
                         check=True).stdout
    return unicodedata.normalize("NFKC", out)  # Arabic is drawn in its joined (presentation) forms


@pytest.fixture(scope="module")
def system_chain() -> FontChain:
    regular, bold = main_fonts()
    return FontChain(regular, bold)


def test_titles_of_every_script_print_with_system_fonts(tmp_path: Path, system_chain: FontChain) -> None:
    path = tmp_path / "world.pdf"
    sheet = write_count_sheet(session(), AREAS, field_variants(), path, blind=True, group_by="vendor",
                              fonts=system_chain)
    assert sheet.illegible == [] and sheet.illegible_note() == ""
    assert any("wqy" in f or "Droid" in f for f in sheet.fonts) and any("tlwg" in f for f in sheet.fonts)
    text = extract(path)
    for n in (1, 2, 3, 6):  # left-to-right scripts come back exactly as they were written
        product, title, vendor = TITLES[n]
        assert product in text and vendor in text, (n, text)
    for n in (4, 5):  # right-to-left: every word is there, as text (in reading or in visual order)
        for word in " ".join(TITLES[n]).split():
            word = unicodedata.normalize("NFKC", word)
            assert word in text or word[::-1] in text, (word, text)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils): scripts/setup.sh --test")
def test_the_sheet_renders_glyphs_not_boxes(tmp_path: Path, system_chain: FontChain) -> None:
    """A page of Korean titles and one of the same titles with no font for Hangul differ in ink:
    the legible page has the glyphs, the other only what Latin fonts could draw."""
    korean = [variant(n, product="한국 전통 머그잔 " * 3, vendor="서울상회") for n in range(1, 30)]
    legible, blank = tmp_path / "legible.pdf", tmp_path / "blank.pdf"
    write_count_sheet(session(), AREAS, korean, legible, blind=True, fonts=system_chain)
    latin = FontChain(*main_fonts(), finder=lambda ch: [], folders=[])
    assert write_count_sheet(session(), AREAS, korean, blank, blind=True, fonts=latin).illegible
    ink = []
    for pdf in (legible, blank):
        subprocess.run(["pdftoppm", "-r", "50", "-gray", "-f", "1", "-l", "1", str(pdf), str(tmp_path / pdf.stem)],
                       check=True, timeout=60)
        page = next(tmp_path.glob(f"{pdf.stem}*.pgm")).read_bytes()
        ink.append(sum(1 for b in page[-200_000:] if b < 128))
    assert ink[0] > ink[1] * 1.5, ink


def test_right_to_left_lines_are_put_in_visual_order() -> None:
    assert visual_order("Mug") == "Mug"
    assert visual_order("שלום") == "םולש"
    assert visual_order("ספל 250") == "250 לפס"  # the number keeps its own order
    assert visual_order("Mug מוצר 2") == "Mug 2 רצומ"  # left-to-right line; the number joins the Hebrew run (UBA)
    shaped = visual_order("قهوة")
    assert all(0xFE70 <= ord(ch) <= 0xFEFF for ch in shaped)  # joined forms, not isolated letters
    assert unicodedata.normalize("NFKC", shaped)[::-1] == "قهوة"


def test_fonts_found_in_font_folders_without_fontconfig(tmp_path: Path) -> None:
    """Windows and macOS have no fontconfig: the font folders are searched, broken or CFF files skipped."""
    korean = next((f.path for f in fontconfig_fonts("한") or [] if f.path.endswith((".ttf", ".ttc"))), None)
    assert korean, "no TrueType font for Hangul: scripts/setup.sh installs fonts-wqy-zenhei"
    folder = tmp_path / "Fonts"
    folder.mkdir()
    (folder / "aaa-broken.ttf").write_bytes(b"not a font at all")
    shutil.copy(korean, folder / Path(korean).name)
    chain = FontChain("Helvetica", "Helvetica-Bold", finder=lambda ch: None, folders=[folder])
    assert chain.font_for("한") is not None and chain.lacks("한국 Mug") == ""
    assert chain.used_files == [str(folder / Path(korean).name)]


def test_a_font_reportlab_cannot_embed_is_passed_over(tmp_path: Path) -> None:
    bad = tmp_path / "postscript.ttc"
    bad.write_bytes(b"ttcf" + b"\x00" * 64)
    good = [f for f in fontconfig_fonts("ก") or []]
    chain = FontChain("Helvetica", "Helvetica-Bold", finder=lambda ch: [FontFile(str(bad))] + good, folders=[])
    assert chain.font_for("ก") is not None
    assert str(bad) not in chain.used_files


def test_characters_no_font_has_are_named(tmp_path: Path, system_chain: FontChain) -> None:
    private = "\ue123"  # a private-use character: no installed font has a glyph for it
    vs = field_variants() + [variant(9, product=f"Mug {private}", vendor="Acme", sku="PUA-1")]
    sheet = write_count_sheet(session(), AREAS, vs, tmp_path / "s.pdf", blind=False, fonts=system_chain)
    assert sheet.illegible == ["Mug \ue123 (U+E123)"]
    assert "Mug \ue123" in sheet.illegible_note() and "Install a font" in sheet.illegible_note()
