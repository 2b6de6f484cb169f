"""The app's dialogs: every ``ModalScreen``, one module per dialog or family of dialogs.

Each is a typed modal (``ModalScreen[T]``) that returns what the user chose with ``dismiss``;
the screen that opened it does the work (through the journal). Each dialog's own styles sit in a
``.tcss`` beside it (``CSS_PATH``), loaded when it first shows; the look every dialog shares (the
``.dialog`` box, its buttons and fields) stays in ``tui/app.tcss``.

A new dialog: a module here (or a class in its family's module), ``compose`` inside
``Vertical(classes="dialog")``, and a ``.tcss`` beside it named by its ``CSS_PATH`` that starts
with ``NewDialog { align: center middle; background: $background 60%; }`` (the dimmed backdrop
the dialogs listed in ``app.tcss`` share), so that no two dialogs edit the same line.

- ``confirm``: yes/no before data is lost (delete? save/discard/cancel unsaved changes?).
- ``prompts``: one field each (a date, a folder, a line of text).
- ``mark``: one body-map region's intensity and qualities.
- ``odi``: the Oswestry Disability Index check-in.
- ``library``: the exercise picker and the form of one's own exercise.
- ``programme``: the Exercises screen's programme editor.
- ``safety``: When to get help (f1), a red flag's outcome, the profile (issue #13).
- ``clinical_form``: what the clinical record's dialogs share (and their styles); ``treatment``,
  ``appointment``, ``psfs`` and ``factors``: Today's clinical record (issue #17).
"""
