"""One module per screen; each screen is a mode of the app, reached by a number key."""
