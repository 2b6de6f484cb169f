"""The full-screen terminal UI (Textual). Only this package imports Textual."""
