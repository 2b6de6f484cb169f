"""Pure domain code: values, parsing and validation, rules. Imports neither Textual nor SQL."""
