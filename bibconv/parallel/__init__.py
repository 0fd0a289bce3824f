"""``--jobs N``: one big input converted by N worker processes, the result byte for byte
the one-process result.

How. ``formats/_split.py`` cuts the file into chunks of whole entries (records, array
elements); a worker decodes, reads and writes one chunk at a time; the parent joins the
texts and the diagnostics in input order. What a chunk's entries need from elsewhere in
the file travels with the chunk:

- ``@string``s: the parent scans only the ``@string`` ranges, once; the macros defined
  before a chunk start its scan (``syntax.parse(before=)``) and, for a .bib output, the
  writer's record of what the output's macros mean (``keep.Keeper``);
- crossref/xdata parents: the parent scans the entries a crossref or xdata may name
  (``Split.parents``), each with the macros of its place; every worker gets them once;
- duplicate keys: the keys earlier chunks used, and where first, found by a pattern pass
  over the bytes; the reader's warning and the BibTeX writer's note start from them;
- the diagnostics in one reader's and one writer's order: every chunk's syntax-layer
  diagnostics, then every chunk's mapping diagnostics, then the writer's notes, then what
  the output format leaves out (counted over the whole input); CSL-JSON's array is
  framed once.

The workers report what they read (keys, the parents they looked up, whether a chunk
ends in an unclosed entry); the parent checks the pattern pass against it and redoes a
chunk whose earlier keys were mispredicted. Whatever cannot be made identical is left to
one process: these functions return ``None`` and the caller reads the usual way
(standard input, ``--strict``, formats other than BibTeX/BibLaTeX/RIS/CSL-JSON in or
BibTeX/BibLaTeX/RIS/CSL-JSON out, input that is not UTF-8, an entry without a key, a
chunk that ends in an unclosed entry or holds no entry, RIS or CSL-JSON input with any
diagnostic, the same RIS/CSL-JSON id in two chunks, a parent the pattern pass missed).
"""

from __future__ import annotations

from bibconv._jobs import PARALLEL_FROM_BYTES, cores, default_jobs
from bibconv.parallel.check import check_file
from bibconv.parallel.convert import Converted, convert_file

__all__ = [
    "PARALLEL_FROM_BYTES",
    "Converted",
    "check_file",
    "convert_file",
    "cores",
    "default_jobs",
]
