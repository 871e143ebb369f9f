"""Message tables written as Python modules (``ZH`` and ``EN`` dicts of id → text) are taken into the gettext
catalogues by ``python -m domain.messages.maintain import``, which removes them; nothing reads them at run
time."""
