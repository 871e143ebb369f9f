"""jixiao's terminal front end: the command line and the Textual assistant."""
