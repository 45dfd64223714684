"""Render every letter template with realistic data → PDF (LibreOffice) → ``docs/letters/<template>.png``.

    python scripts/render_letter_examples.py [--paper A4|F4] [--out docs/letters] [--keep DIR]

Goes through the real service (a throw-away office, numbering, archive, one batch PDF conversion), so the
pictures show exactly what a counter prints. Needs LibreOffice (soffice) and poppler (pdftoppm).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_office(data_dir: Path, paper: str = "A4"):
    """A fresh office with the example profile, officials and a counter officer; returns (office, actor)."""
    from app.context import open_office
    from app.documents import examples
    from app.services import letters, users
    from app.services import office as office_svc
    from app.services import settings as settings_svc

    office = open_office(data_dir)
    office_svc.save_profile(office, actor=None, first_run=True, values=examples.PROFILE,
                            emblem_png=examples.emblem_png())
    for key, title, name, nip, rank, acting in examples.OFFICIALS:
        office_svc.save_official(office, actor=None, first_run=True, position_key=key, position_title=title,
                                 name=name, nip=nip, rank=rank, acting=acting)
    admin = users.actor_for(users.create_first_admin(office, username="admin", full_name="Admin Kantor",
                                                     password="rahasia-123"))
    cfg = letters.load_settings(office)
    if paper != cfg.paper:
        settings_svc.save(office, actor=admin, section=letters.SECTION, value=replace(cfg, paper=paper))
    info = users.add_user(office, actor=admin, username="loket1", full_name="Yulia Safitri", password="rahasia-123",
                          roles=["front_office", "supervisor"])
    return office, users.actor_for(info)


def main(argv: list[str] | None = None) -> int:
    from app.documents.catalog import KINDS
    from app.documents.examples import example_data
    from app.services import letters

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--paper", default="A4")
    ap.add_argument("--out", default=str(ROOT / "docs" / "letters"))
    ap.add_argument("--keep", help="keep the rendered .docx/.pdf in this folder")
    ap.add_argument("--dpi", type=int, default=60)
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="loket-examples-") as tmp:
        office, actor = setup_office(Path(tmp) / "data", args.paper)
        try:
            issued = {}
            for key in KINDS:
                # the individual recommendation is signed a.n. by the Kabid, the rest by the Kepala Dinas
                signer = "kabid_linjamsos" if key == "rekomendasi_reaktivasi" else True
                info = letters.issue_letter(office, actor=actor, letter_type=key, data=example_data(key),
                                            signer=signer)
                issued[key] = info
                print(f"  {info.number:<32} {key}")
            summary = letters.convert_pdfs(office, actor=actor, letter_ids=[i.id for i in issued.values()])
            print(summary.message)
            if summary.failed:
                return 1
            for key, info in issued.items():
                pdf = summary.converted[info.id]
                target = out / f"{key}.png"
                subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), "-singlefile", str(pdf),
                                str(target.with_suffix(""))], check=True)
                pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
                n = next((ln.split()[-1] for ln in pages.splitlines() if ln.startswith("Pages:")), "1")
                for page in range(2, int(n) + 1):  # the attachment list of collective letters
                    subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), "-singlefile", "-f", str(page), "-l",
                                    str(page), str(pdf), str(out / f"{key}-{page}")], check=True)
                print(f"  {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}  ({n} halaman)")
                if args.keep:
                    keep = Path(args.keep)
                    keep.mkdir(parents=True, exist_ok=True)
                    shutil.copy(info.docx_path, keep / f"{key}.docx")
                    shutil.copy(pdf, keep / f"{key}.pdf")
            render_forms(office, actor, out, args.dpi)
        finally:
            office.close()
    return 0


def render_forms(office, actor, out: Path, dpi: int) -> None:
    """Every form handed to the applicant, filled from the example applicant → ``formulir_<key>.png``."""
    from app.documents import examples
    from app.services import forms

    for key, form in forms.FORMS.items():
        result = forms.render_form(office, actor=actor, key=key, person=examples.PERSON_INPUT,
                                   service_code=form.services[0], pdf=True)
        if result.pdf_path is None:
            raise SystemExit(f"{key}: PDF tidak dapat dibuat")
        pages = subprocess.run(["pdfinfo", str(result.pdf_path)], capture_output=True, text=True).stdout
        n = int(next((ln.split()[-1] for ln in pages.splitlines() if ln.startswith("Pages:")), "1"))
        for page in range(1, n + 1):
            name = f"formulir_{key}" + (f"-{page}" if page > 1 else "")
            subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-singlefile", "-f", str(page), "-l", str(page),
                            str(result.pdf_path), str(out / name)], check=True)
        print(f"  formulir_{key}.png  ({n} halaman)")


if __name__ == "__main__":
    raise SystemExit(main())
