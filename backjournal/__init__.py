"""backjournal: a terminal training journal for runners who live with back pain.

The package is layered (see DESIGN.md): ``domain`` is pure Python, ``store`` is the only code that
speaks SQL, ``cli`` and ``tui`` are two faces of the same journal calls.
"""

__version__ = "0.1.0"
