"""The course's Chinese font: a subset of Noto Sans CJK SC 2.004, made from the upstream release.

A maintainers' tool, not part of the package learners install. The pictures
(``src/keras_functional_guide/pictures.py``) draw every text in the font this
writes, so that Chinese draws on a machine with no CJK font (Colab, Docker, a
fresh Linux). Run it from the repository's root, in an environment with the
``maintain`` dependency group (``.venv/bin/pip install --group maintain``):

    .venv/bin/python tools/make_font.py NotoSansCJK-Regular.ttc          # write the font
    .venv/bin/python tools/make_font.py NotoSansCJK-Regular.ttc --check  # compare with the committed one

The source is ``Sans/OTC/NotoSansCJK-Regular.ttc`` of Noto Sans CJK 2.004 (tag
``Sans2.004`` of https://github.com/notofonts/noto-cjk, git blob a2033d0e), whose
SHA-256 this tool checks. Debian ships the same bytes (the same git blob) in
fonts-noto-cjk 1:20220127+repack1-1 (bookworm), the copy the committed font was
made from; to get it without installing the font system-wide:

    apt-get download fonts-noto-cjk=1:20220127+repack1-1
    dpkg-deb -x fonts-noto-cjk_*_all.deb noto
    # -> noto/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

or from GitHub: https://github.com/notofonts/noto-cjk/raw/Sans2.004/Sans/OTC/NotoSansCJK-Regular.ttc

What it keeps: printable ASCII, GB2312 level 1 (rows 16-55 of the GB2312 table:
the 3,755 most common Simplified Chinese characters, so a learner's own titles
draw too), common Chinese punctuation, and every character (beyond ASCII) of the
lessons' code cells and of pictures.py that the source has. A lesson that adds
a rarer character makes ``tests/test_pictures.py`` fail until this is run again.

What it changes: the outlines become TrueType (quadratic, fontTools' cu2qu, as
fontTools' ``Snippets/otf2ttf.py`` does), which matplotlib embeds in PDF files
(``pdf.fonttype`` 3 or 42) as well as drawing them; the family is renamed ``KFG
Sans SC``, so that the subset does not go by the whole font's name and matplotlib
never takes an installed Noto Sans CJK SC for it, or the reverse. Only the
``kern`` layout feature is kept (the others, ``locl`` and ``vert`` among them,
pull in thousands of glyphs that matplotlib does not use); vertical metrics and
glyph names are dropped; hinting is lost with the CFF outlines. Copyright,
licence and credits stay in the name table.

The output repeats byte for byte with the fontTools that made the committed file
(FONTTOOLS below; the timestamps are the source's, never today's). Another
fontTools may write the same outlines with other bytes: 4.69.1 writes a glyf
table 2 bytes shorter. ``--check`` says which version it ran with.
"""

import argparse
import hashlib
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
FONTS = ROOT / "src" / "keras_functional_guide" / "fonts"
OUTPUT = FONTS / "KFGSansSC-Regular.ttf"

SOURCE_SHA256 = "b76b0433203017ca80401b2ee0dd69350349871c4b19d504c34dbdd80541690a"
SOURCE_FACE = "Noto Sans CJK SC"  # One face of the collection (index 2 in 2.004).
FAMILY = "KFG Sans SC"
POSTSCRIPT_NAME = "KFGSansSC-Regular"
LIMIT = 3 * 1024 * 1024  # Bytes: the package carries it to every learner.
FONTTOOLS = "4.68.0"  # The fontTools that made the committed font.

PUNCTUATION = "，。：；！？“”‘’（）《》、…—·"


def gb2312_level1():
    """The 3,755 characters of GB2312 level 1: rows 16-55, decoded with Python's gb2312 codec.

    Each row has 94 cells (second byte 0xA1-0xFE); row 55 ends after 89, and the
    codec refuses the 5 empty cells.
    """
    characters = []
    for row in range(16, 56):
        for cell in range(1, 95):
            try:
                characters.append(bytes((0xA0 + row, 0xA0 + cell)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return characters


def course_characters(root=ROOT):
    """Every character beyond ASCII in the lessons' code cells and in pictures.py."""
    texts = [(root / "src" / "keras_functional_guide" / "pictures.py").read_text(encoding="utf-8")]
    for path in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                source = cell["source"]
                texts.append(source if isinstance(source, str) else "".join(source))
    return {character for text in texts for character in text if ord(character) > 0x7E}


def wanted_characters(root=ROOT):
    """The characters the font must draw, whether or not the source has them all."""
    ascii_printable = {chr(code) for code in range(0x20, 0x7F)}
    return ascii_printable | set(gb2312_level1()) | set(PUNCTUATION) | course_characters(root)


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _open_face(source):
    from fontTools.ttLib import TTCollection

    collection = TTCollection(source)
    for font in collection.fonts:
        if font["name"].getDebugName(4) == SOURCE_FACE:
            return font
    raise SystemExit(f"{source} has no face named {SOURCE_FACE!r}")


def _to_quadratic(font):
    """CFF (cubic) outlines to TrueType (quadratic) ones, as fontTools' Snippets/otf2ttf.py does."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        # An error of 1 unit in 1,000 per em; CFF contours run counter-clockwise, TrueType's clockwise.
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    # Left side bearings are the outlines' left edges in TrueType.
    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():
        glyph.recalcBounds(glyf)
        advance, _ = hmtx[name]
        hmtx[name] = (advance, getattr(glyph, "xMin", 0))

    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 3.0  # No glyph names: CID numbers mean nothing to a reader.
    post.extraNames, post.mapping = [], {}
    font.sfntVersion = "\x00\x01\x00\x00"


def _rename(font):
    """The family renamed (see the top of this file); copyright, licence and credits kept."""
    name = font["name"]
    version = name.getDebugName(5).split(";")[0]  # "Version 2.004"
    new = {
        1: FAMILY,
        2: "Regular",
        3: f"{version.split()[-1]};KFG;{POSTSCRIPT_NAME}",
        4: FAMILY,
        5: f"{version}; subset of Noto Sans CJK SC by keras-functional-guide tools/make_font.py",
        6: POSTSCRIPT_NAME,
    }
    name.names = [record for record in name.names if record.nameID not in new and record.nameID < 16]
    for name_id, text in new.items():
        name.setName(text, name_id, 3, 1, 0x409)
    name.names.sort(key=lambda record: (record.platformID, record.platEncID, record.langID, record.nameID))


def make_font(source, root=ROOT):
    """The subset as a ``fontTools.ttLib.TTFont``, and the wanted characters the source lacks."""
    from fontTools import subset

    font = _open_face(source)
    wanted = wanted_characters(root)
    available = set(font.getBestCmap())
    missing = sorted(character for character in wanted if ord(character) not in available)
    options = subset.Options()
    options.name_IDs = ["*"]  # Keep copyright, licence and credits.
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["BASE", "VORG", "vhea", "vmtx"]  # matplotlib never sets text vertically.
    options.layout_features = ["kern"]  # See the top of this file.
    options.hinting = False
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(character) for character in wanted if ord(character) in available])
    subsetter.subset(font)
    _to_quadratic(font)
    _rename(font)
    font.recalcTimestamp = False
    return font, missing


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=pathlib.Path, help="NotoSansCJK-Regular.ttc of Noto Sans CJK 2.004")
    parser.add_argument("--check", action="store_true",
                        help=f"make the font and compare it with {OUTPUT.relative_to(ROOT)} instead of writing it")
    parser.add_argument("--output", type=pathlib.Path, default=OUTPUT)
    options = parser.parse_args(argv)

    digest = _sha256(options.source)
    if digest != SOURCE_SHA256:
        print(f"{options.source}: SHA-256 {digest}, expected {SOURCE_SHA256} (Noto Sans CJK 2.004, "
              "Sans/OTC/NotoSansCJK-Regular.ttc); see the top of tools/make_font.py", file=sys.stderr)
        return 1
    import io

    font, missing = make_font(options.source)
    buffer = io.BytesIO()
    font.save(buffer)
    data = buffer.getvalue()
    characters = len(font.getBestCmap())
    print(f"{characters} characters, {len(font.getGlyphOrder())} glyphs, {len(data):,} bytes, "
          f"SHA-256 {hashlib.sha256(data).hexdigest()}")
    if missing:
        print("not in the source (drawn with DejaVu Sans where it has them): "
              + " ".join(f"{character} U+{ord(character):04X}" for character in missing))
    if len(data) > LIMIT:
        print(f"larger than {LIMIT:,} bytes", file=sys.stderr)
        return 1
    if options.check:
        import fontTools

        same = options.output.is_file() and options.output.read_bytes() == data
        print(f"{options.output}: {'identical' if same else 'DIFFERS'} (fontTools {fontTools.version}; "
              f"the committed font was made with {FONTTOOLS})")
        return 0 if same else 1
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_bytes(data)
    print(f"wrote {options.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
