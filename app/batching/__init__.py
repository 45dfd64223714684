"""Pure writers for the monthly collective batch (no database): cells, XLSX/CSV, manifest, atomic ZIP."""
