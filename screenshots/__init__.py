"""The screenshots in this folder, and the scenes that make them (also used by snapshot tests)."""
