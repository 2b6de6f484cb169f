"""The report for a physiotherapist or doctor (``backjournal report``): one page read in a
minute, then the detail, as a PDF (fpdf2, charts by matplotlib) or as Markdown.

Imported only by the report command and the app's report worker: fpdf2 and matplotlib are slow
to import, and nothing else may pay for them (tests/test_import_hygiene.py proves it).
``data`` gathers every number into one dataclass; ``pdf``, ``markdown`` and ``charts`` only lay
it out.
"""
