"""The DTSEN import's fast path for well-formed CSV rows accepts only what ``clean_row`` accepts, and stores
exactly what ``clean_row`` would (the rules live in one place; the fast path only skips work)."""

from __future__ import annotations

import random

from app.errors import ValidationError
from app.importing.tabular import normalise_header
from app.sampledata import HEADER, people
from app.services.dtsen import _FIELDS, COLUMNS, _fast_cleaner, clean_row


def _mapping(header: list[str]) -> dict[str, int]:
    norm = [normalise_header(h) for h in header]
    return {c.key: norm.index(h) for c in COLUMNS for h in norm if c.matches(h)}


MUTATIONS = [
    lambda v: v.replace("-", "/"), lambda v: v.replace("-", "."), lambda v: f" {v}", lambda v: f"{v} ",
    lambda v: v.lower(), lambda v: "", lambda v: v[:-1], lambda v: v + "0", lambda v: v.replace("0", "O"),
    lambda v: "١" + v[1:], lambda v: "31-02-1990", lambda v: "1990-01-31", lambda v: "00-00-0000",
    lambda v: "laki-laki", lambda v: "p", lambda v: "11", lambda v: "10", lambda v: "-1", lambda v: "01",
    lambda v: "3.27E+15", lambda v: "1.234.567", lambda v: v + ".0", lambda v: "  A   B  ", lambda v: "x" * 130,
    lambda v: "00" + v[2:], lambda v: v[:2] + "00" + v[4:], lambda v: v[:4] + "00" + v[6:],
    lambda v: v[:6] + "35" + v[8:], lambda v: v[:6] + "72" + v[8:], lambda v: v[:8] + "13" + v[10:],
    lambda v: v[:12] + "0000", lambda v: "7", lambda v: "1234", lambda v: "=1+1", lambda v: "Jl.  Dua\tspasi",
]


def _compare(cells: list[str], header: list[str]) -> str:
    mapping = _mapping(header)
    fast = _fast_cleaner(mapping)(cells)
    n = len(cells)
    values = {k: (cells[i] if i < n else None) for k, i in mapping.items()}
    try:
        row = clean_row(values)
    except ValidationError:
        assert fast is None, (cells, fast)
        return "rejected"
    if fast is None:
        return "fallback"
    bd = row["birth_date"]
    assert fast == (*(row[f] for f in _FIELDS), bd.isoformat() if bd else None), cells
    return "fast"


def test_fast_path_matches_clean_row_on_generated_and_damaged_rows():
    rng = random.Random(5)
    header = list(HEADER)
    seen = {"fast": 0, "fallback": 0, "rejected": 0}
    for cells in people(3000, seed=11):
        cells = [str(c) for c in cells]
        seen[_compare(cells, header)] += 1
        damaged = list(cells)
        for _ in range(rng.randint(1, 2)):
            i = rng.randrange(len(damaged))
            damaged[i] = rng.choice(MUTATIONS)(damaged[i])
        seen[_compare(damaged, header)] += 1
        seen[_compare(cells[: rng.randrange(len(cells))], header)] += 1  # a short row
    assert seen["fast"] >= 3000  # every clean generated row went the fast way
    assert seen["rejected"] > 500 and seen["fallback"] > 50  # both other outcomes were exercised


def test_fast_path_without_optional_columns():
    header = ["NIK", "NO_KK", "NAMA", "DESIL"]
    assert _compare(["3273055608460001", "3273050612010001", "Dewi  Susanto", "3"], header) == "fast"
    assert _compare(["3273055608460001", "3273050612010001", "Dewi", "03"], header) == "fast"
    assert _compare(["3273055608460001", "3273050612010001", "Dewi", ""], header) == "rejected"


def test_store_form_is_the_row_as_written_with_the_row_hash():
    from app.services.dtsen import _row_hash

    header = list(HEADER)
    mapping = _mapping(header)
    plain, sqlite_form, pg_form = (_fast_cleaner(mapping), _fast_cleaner(mapping, (True, 7)),
                                   _fast_cleaner(mapping, (False, None)))
    checked = 0
    for cells in people(500, seed=12):
        cells = [str(c) for c in cells]
        out = plain(cells)
        if out is None:
            continue
        row = dict(zip(_FIELDS, out[:14], strict=True))
        assert sqlite_form(cells) == (*out[:4], out[14], *out[5:14], _row_hash(row), 7)
        assert pg_form(cells) == (*out[:14], _row_hash(row), None)
        checked += 1
    assert checked > 400
