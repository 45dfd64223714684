"""``loket-pbi self-test``: can this installation (also the frozen bundle) do its job?

Creates a database in a throw-away data folder, checks every bundled resource (service definitions,
Word templates, icons), issues one real letter from the bundled templates and re-reads it, verifies
the audit chain, and — when started by the launcher, which hands over ``gui_check`` — shows the login window
offscreen. Exit 0 only if all of that works.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from app.commands._common import out


def register(sub, parent) -> None:
    p = sub.add_parser("self-test", parents=[parent], help="uji mandiri instalasi (basis data, sumber daya, surat)")
    p.add_argument("--no-gui", action="store_true", help="lewati uji jendela")
    p.add_argument("--pdf", action="store_true", help="juga ubah surat ke PDF (perlu Word atau LibreOffice)")
    p.set_defaults(handler=cmd_self_test)


def _check_resources() -> list[str]:
    from app.documents.catalog import kind
    from app.paths import resource_path
    from app.servicedefs.loader import check_all

    problems: list[str] = []
    expected = {"pbi-baru", "jamkesda", "reaktivasi-sk", "reaktivasi-rekom", "penonaktifan"}
    missing = expected - set(check_all())  # a broken definition raises with its file and line
    if missing:
        problems.append(f"Definisi layanan tidak ada: {', '.join(sorted(missing))}.")
    templates = sorted(resource_path("templates").glob("*.docx"))
    if not templates:
        problems.append(f"Tidak ada templat surat di {resource_path('templates')}.")
    for t in templates:
        kind(t.stem)  # an unknown template name raises
    for icon in ("loket-pbi.png",):
        if not resource_path("icons", icon).exists():
            problems.append(f"Ikon {icon} tidak ada.")
    return problems


def cmd_self_test(args: argparse.Namespace) -> int:
    from docx import Document

    from app.context import open_office
    from app.documents.examples import example_data
    from app.errors import LoketError
    from app.paths import resource_path
    from app.services import letters, setup, users
    from app.services.integrity import run_checks

    started = time.perf_counter()
    folder = Path(args.data_dir) if getattr(args, "data_dir", None) else Path(tempfile.mkdtemp(prefix="loket-uji-"))
    keep = bool(getattr(args, "data_dir", None))
    try:
        problems = _check_resources()
        if problems:
            for p in problems:
                out(f"GAGAL: {p}")
            return 1
        out(f"OK: sumber daya lengkap ({len(list(resource_path('templates').glob('*.docx')))} templat surat, "
            f"{len(list(resource_path('services').glob('*.toml')))} definisi layanan).")
        office = open_office(folder)
        try:
            setup.first_run(office, setup.FirstRun(
                profile={"government": "PEMERINTAH KOTA UJI", "region_name": "Uji", "city": "Uji"},
                admin_username="admin", admin_full_name="Administrator Uji", admin_password="uji-mandiri-1",
                officials=[setup.OfficialInput("kepala_dinas", "Kepala Dinas Sosial", "Drs. Uji Coba",
                                               "197201031995031001", "Pembina (IV/a)")]))
            actor = users.login(office, username="admin", password="uji-mandiri-1")
            out(f"OK: basis data dibuat di {folder}.")
            info = letters.issue_letter(office, actor=actor, letter_type="rekomendasi_pbi",
                                        data=example_data("rekomendasi_pbi"), pdf=args.pdf)
            text = "\n".join(p.text for p in Document(str(info.docx_path)).paragraphs)
            if info.number not in text and info.number not in _table_text(info.docx_path):
                out(f"GAGAL: nomor {info.number} tidak ada di surat {info.docx_path}.")
                return 1
            out(f"OK: surat {info.number} diterbitkan dari templat bawaan ({info.docx_path.name}).")
            if args.pdf:
                out(f"OK: PDF {info.pdf_path}" if info.pdf_path else "CATATAN: tidak ada pengubah PDF; .docx saja.")
            problem = _check_preview(office, actor, info.id)
            if problem:
                out(f"GAGAL: {problem}")
                return 1
            report = run_checks(office)
            if not report.ok:
                for line in report.lines:
                    out(line)
                return 1
            out("OK: pemeriksaan basis data, log audit dan arsip surat.")
        finally:
            office.close()
        gui_check = getattr(args, "gui_check", None)
        if args.no_gui:
            pass
        elif gui_check is None:
            out("CATATAN: uji jendela dilewati (jalankan self-test lewat loket-pbi, bukan python -m app).")
        else:
            gui_check(folder)
            out("OK: jendela masuk tampil (Qt).")
        out(f"UJI MANDIRI BERHASIL ({time.perf_counter() - started:.1f} detik).")
        return 0
    except LoketError as exc:
        out(f"GAGAL: {exc}")
        return 1
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


def _check_preview(office, actor, letter_id: int) -> str:
    """Render page 1 of the issued letter with pypdfium2 (the bundle must carry its native library); without
    Word or LibreOffice a generated blank page is rendered instead. Returns a problem, or "" if all is well."""
    from app.documents import preview
    from app.documents.pdf import available_converter
    from app.services import letter_preview

    try:
        if available_converter() is not None:
            pv = letter_preview.preview(office, actor=actor, letter_id=letter_id, dpi=50, max_pages=1)
            page = pv.pages[0]
            if page.rgb.count(255) == len(page.rgb):
                return "halaman 1 pratinjau surat kosong (putih semua)."
            out(f"OK: pratinjau surat halaman 1 dari {pv.letter.page_count} ({page.width}×{page.height} piksel, "
                f"kertas {pv.letter.paper or '-'}).")
        else:
            import io

            import pypdfium2 as pdfium

            doc = pdfium.PdfDocument.new()
            doc.new_page(595, 842)
            buf = io.BytesIO()
            doc.save(buf)
            doc.close()
            page = preview.render_pages(buf.getvalue(), dpi=20)[0]
            out(f"OK: pustaka pratinjau PDF (pypdfium2) berjalan ({page.width}×{page.height}); tanpa Word/LibreOffice "
                "pratinjau surat tidak tersedia.")
    except Exception as exc:  # a missing native library raises OSError/ImportError: say what failed
        return f"pratinjau surat tidak dapat dibuat ({type(exc).__name__}: {exc})."
    return ""


def _table_text(path: Path) -> str:
    from docx import Document

    doc = Document(str(path))
    return "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
