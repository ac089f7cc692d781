"""Real PDF files, written byte by byte, for the thumbnail tests.

Each page is one filled rectangle in one colour over the page's top half, so a
test can tell from the rendered pixels which page was drawn, and that it was.
"""

from __future__ import annotations

WIDTH, HEIGHT = 612, 792
"""US Letter, in points."""


def text_lines(seed: int) -> str:
    """Drawing operators for rows of word-sized blocks below the top half: a page of "text"."""
    ops = ["0.2 0.2 0.2 rg"]
    state = seed
    for row in range(40):
        x = 54.0
        while x < WIDTH - 80:
            state = (state * 1103515245 + 12345) % 2**31
            word = 12 + state % 50
            ops.append(f"{x:.0f} {HEIGHT // 2 - 20 - row * 9} {word} 5 re f")
            x += word + 5
    return " ".join(ops)


def make_pdf(colours: list[tuple[float, float, float]], text: int | None = None) -> bytes:
    """A valid PDF with one page per colour; each page's top half is filled with it.

    With `text` (a seed), the first page also has rows of "words" under the colour,
    which compress about as a page of a paper does.
    """
    objects: list[bytes] = []
    pages = len(colours)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    for index, (red, green, blue) in enumerate(colours):
        content = f"{red} {green} {blue} rg 0 {HEIGHT // 2} {WIDTH} {HEIGHT // 2} re f".encode()
        if text is not None and index == 0:
            content += b" " + text_lines(text).encode()
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {WIDTH} {HEIGHT}] "
            f"/Contents {4 + 2 * index} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


BLACK = (0.0, 0.0, 0.0)
RED = (1.0, 0.0, 0.0)
BLUE = (0.0, 0.0, 1.0)
