"""Reading the spreadsheets and CSV files offices receive."""
