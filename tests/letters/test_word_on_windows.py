"""Word → PDF on a Windows PC, with fakes of the Windows objects (none of this runs on Linux).

The real docx2pdf 0.1.8 is driven (its ``windows()`` path, selected by ``sys.platform``) against a fake
``win32com.client`` module that behaves like Word's COM server: ``Dispatch`` attaches to the running Word or
starts one, ``GetActiveObject`` finds a running one or raises, documents are opened, saved as PDF and closed.
"""

from __future__ import annotations

import logging
import sys
import types
from pathlib import Path

import pytest

from app.documents import pdf as pdf_mod


class ComError(Exception):
    """What pywintypes.com_error is for GetActiveObject without a running Word."""


class FakeDocument:
    def __init__(self, word: FakeWord, path: str) -> None:
        self.word, self.path = word, path

    def SaveAs(self, target: str, FileFormat: int) -> None:  # noqa: N802 (COM names)
        assert FileFormat == 17  # wdFormatPDF
        Path(target).write_bytes(b"%PDF-1.7 " + Path(self.path).read_bytes())

    def Close(self, save_changes: int) -> None:  # noqa: N802
        self.word.open_docs.remove(self)


class FakeDocuments:
    def __init__(self, word: FakeWord) -> None:
        self.word = word

    def Open(self, path: str) -> FakeDocument:  # noqa: N802
        doc = FakeDocument(self.word, path)
        self.word.open_docs.append(doc)
        return doc

    @property
    def Count(self) -> int:  # noqa: N802
        return len(self.word.open_docs)


class FakeWord:
    def __init__(self, officer_docs: int = 0) -> None:
        self.open_docs: list = [object() for _ in range(officer_docs)]  # the officer's own documents
        self.Documents = FakeDocuments(self)
        self.quit_calls = 0

    def Quit(self) -> None:  # noqa: N802
        self.quit_calls += 1
        self.open_docs.clear()  # Word closes (the officer would lose unsaved work)


class FakeCom:
    """The machine's Word: at most one instance, as Word's COM server behaves."""

    def __init__(self, running: FakeWord | None) -> None:
        self.word = running
        self.started: list[FakeWord] = []

    def Dispatch(self, name: str) -> FakeWord:  # noqa: N802
        assert name == "Word.Application"
        if self.word is None or self.word.quit_calls:
            self.word = FakeWord()
            self.started.append(self.word)
        return self.word

    def GetActiveObject(self, name: str) -> FakeWord:  # noqa: N802
        assert name == "Word.Application"
        if self.word is None or self.word.quit_calls:
            raise ComError("Operation unavailable")
        return self.word


@pytest.fixture
def windows(monkeypatch):
    """A Windows PC with Word installed; returns a function that sets which Word is running."""
    import docx2pdf  # imported (with tqdm) before sys.platform changes

    def machine(running: FakeWord | None) -> FakeCom:
        com = FakeCom(running)
        client = types.ModuleType("win32com.client")
        client.Dispatch = com.Dispatch
        client.GetActiveObject = com.GetActiveObject
        package = types.ModuleType("win32com")
        package.client = client
        monkeypatch.setitem(sys.modules, "win32com", package)
        monkeypatch.setitem(sys.modules, "win32com.client", client)
        return com

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(pdf_mod, "word_available", lambda: True)
    monkeypatch.setattr(pdf_mod, "find_soffice", lambda: None)  # no LibreOffice: Word must do it
    assert docx2pdf.__version__ == "0.1.8"
    return machine


def _letters(tmp_path: Path, n: int) -> list[Path]:
    folder = tmp_path / "arsip"
    folder.mkdir()
    files = []
    for i in range(n):
        f = folder / f"surat{i}.docx"
        f.write_bytes(f"surat {i}".encode())
        files.append(f)
    return files


def test_the_officers_running_word_is_never_closed(windows, tmp_path):
    officers = FakeWord(officer_docs=2)  # Word is open with two of the officer's documents
    com = windows(officers)
    files = _letters(tmp_path, 3)
    result = pdf_mod.convert_to_pdf(files)
    assert result.ok and result.converter == "word", result.message
    assert [result.done[f].read_bytes() for f in files] == [f"%PDF-1.7 surat {i}".encode() for i in range(3)]
    assert officers.quit_calls == 0 and len(officers.open_docs) == 2
    assert com.started == []  # attached to the officer's Word, started none


def test_a_word_started_for_the_conversion_is_closed_once(windows, tmp_path, monkeypatch):
    com = windows(None)
    monkeypatch.setattr(pdf_mod, "CHUNK", 2)  # three files in two docx2pdf calls
    files = _letters(tmp_path, 3)
    result = pdf_mod.convert_to_pdf(files)
    assert result.ok and len(result.done) == 3
    assert len(com.started) == 1 and com.started[0].quit_calls == 1  # one Word for both calls, then closed


def test_a_word_started_here_that_the_officer_opened_a_document_in_stays_open(windows, tmp_path, monkeypatch):
    com = windows(None)
    real_convert = __import__("docx2pdf").convert

    def officer_opens_a_file_meanwhile(src, dst, *, keep_active):
        real_convert(src, dst, keep_active=keep_active)
        com.word.open_docs.append(object())  # a double-clicked .docx lands in the automation instance

    monkeypatch.setattr("docx2pdf.convert", officer_opens_a_file_meanwhile)
    result = pdf_mod.convert_to_pdf(_letters(tmp_path, 1))
    assert result.ok
    assert com.started[0].quit_calls == 0 and len(com.started[0].open_docs) == 1


def test_the_windowed_program_converts_with_word(windows, tmp_path, monkeypatch):
    """LoketPBI.exe (console=False): sys.stdout and sys.stderr are None, docx2pdf's tqdm bar writes to stderr.

    Without the launcher's redirect the bar fails and every letter falls back to LibreOffice (here: none);
    with it the letters are converted by Word and the bar ends up in the log.
    """
    windows(FakeWord())
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    files = _letters(tmp_path, 2)
    broken = pdf_mod.convert_to_pdf(files)
    assert not broken.ok and len(broken.failed) == 2  # the bug the redirect fixes

    from app.logfile import redirect_stdio_to_log

    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logging.getLogger("stderr").addHandler(handler)
    try:
        assert redirect_stdio_to_log() == ["stdout", "stderr"]
        result = pdf_mod.convert_to_pdf(files)
        sys.stderr.flush()
    finally:
        logging.getLogger("stderr").removeHandler(handler)
    assert result.ok and result.converter == "word" and len(result.done) == 2
    assert any("2/2" in r.getMessage() for r in records)  # tqdm's finished bar, in the log


def test_the_windowed_program_logs_warnings(tmp_path, monkeypatch):
    import warnings

    from app.logfile import setup_file_logging

    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    try:
        setup_file_logging(tmp_path / "logs")
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            warnings.warn("contoh peringatan pustaka", UserWarning, stacklevel=1)
    finally:
        for h in root.handlers[len(before):]:
            h.close()
            root.removeHandler(h)
        root.setLevel(level)
        logging.captureWarnings(False)
    text = (tmp_path / "logs" / "loket-pbi.log").read_text(encoding="utf-8")
    assert "py.warnings" in text and "contoh peringatan pustaka" in text
