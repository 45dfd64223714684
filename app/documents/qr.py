"""The verification QR code printed on every letter: it carries the number and a hash of the data."""

from __future__ import annotations

import io

import qrcode
from qrcode.constants import ERROR_CORRECT_M

PREFIX = "LOKETPBI"


def payload(number: str, data_sha256: str) -> str:
    """``LOKETPBI|400.9.11/12/Dinsos/I/2027|<first 16 hex of the data hash>``.

    Sixteen hex digits (64 bits) are enough to match a printed letter against the archive offline and
    keep the code small enough to scan from a photocopy.
    """
    return f"{PREFIX}|{number}|{data_sha256[:16]}"


def parse(text: str) -> tuple[str, str] | None:
    """``(number, hash prefix)`` from a scanned payload, or ``None`` if it is not ours."""
    parts = text.strip().split("|")
    if len(parts) != 3 or parts[0] != PREFIX:
        return None
    return parts[1], parts[2]


def qr_png(text: str, *, box_size: int = 6, border: int = 1) -> bytes:
    """A black-on-white PNG of ``text``."""
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=border)
    qr.add_data(text)
    qr.make(fit=True)
    img = qr.make_image(fill_color="black", back_color="white")
    buf = io.BytesIO()
    img.save(buf)  # qrcode's PIL image writes PNG (its kind)
    return buf.getvalue()
