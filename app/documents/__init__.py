"""Documents: pure functions of paths and data (no database, no Qt).

- :mod:`app.documents.placeholders` — the documented placeholders and the template check;
- :mod:`app.documents.render` — rendering a Word template with docxtpl (kop, QR, paper size);
- :mod:`app.documents.dates` — Indonesian dates ("Pangkalpinang, 2 Januari 2027");
- :mod:`app.documents.qr` — the verification QR code;
- :mod:`app.documents.pdf` — .docx → PDF (Microsoft Word via docx2pdf, else LibreOffice headless);
- :mod:`app.documents.catalog` — the letter kinds (template, title, signer, paraf chain).
"""
