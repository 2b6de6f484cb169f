"""``python -m backjournal`` runs the command line, exactly like the ``backjournal`` script."""

from backjournal.launch import main

if __name__ == "__main__":
    main()
