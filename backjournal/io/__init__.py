"""Files in and out: CSV and JSON, as text <-> rows. Pure Python: no Textual, no SQL (a test
checks); the store reads and writes the rows, these modules only read and write the text."""
