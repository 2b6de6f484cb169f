"""The app's dialogs: every ``ModalScreen``, one module per dialog or family of dialogs.

Each is a typed modal (``ModalScreen[T]``) that returns what the user chose with ``dismiss``;
the screen that opened it does the work (through the journal). Each dialog's own styles sit in a
``.tcss`` beside it (``CSS_PATH``), loaded when it first shows; the look every dialog shares (the
``.dialog`` box, its buttons and fields) stays in ``tui/app.tcss``.

- ``confirm``: yes/no before data is lost (delete? save/discard/cancel unsaved changes?).
- ``prompts``: one field each (a date, a folder, a line of text).
- ``mark``: one body-map region's intensity and qualities.
- ``odi``: the Oswestry Disability Index check-in.
- ``library``: the exercise picker and the form of one's own exercise.
- ``programme``: the Exercises screen's programme editor.
"""
