"""One module per concern, each with a ``ZH`` and an ``EN`` table of message id → text."""
