"""One module per bibliographic file format; each exposes ``read``, ``write`` and ``FORMAT``."""
