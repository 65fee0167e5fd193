#!/usr/bin/env python3
"""The reference reader's verdict on exchange files, in the format of the exchange-verdicts tool.

    reference_verdicts.py FILE...

One line per file: its name, then for the file as it is and with its checksum recomputed, without
and with the vector folder key, `ok` or the error name of SPEC.md section 10. An exception other
than the reader's Failure prints `other:<exception>`: a reader bug.
"""

import hashlib
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Protocol", "reference"))
import touchbase_reader as reader  # noqa: E402


def verdict(data, key):
    try:
        header, payload = reader.open_file(data, key)
        reader.decode_payload(header, payload)
        return "ok"
    except reader.Failure as e:
        return e.code
    except Exception as e:  # a reader bug
        return "other:%s" % type(e).__name__


def main(paths):
    key_file = os.path.join(ROOT, "Protocol", "vectors", "good", "touchbase-folder.key")
    key = reader.unlock(reader.load_key_file(key_file), "correct horse battery staple")
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        views = [data]
        if len(data) >= reader.BASE_HEADER + 32:
            views.append(data[:-32] + hashlib.sha256(data[:-32]).digest())
        print(" ".join([path] + [verdict(v, k) for v in views for k in (None, key)]))


if __name__ == "__main__":
    main(sys.argv[1:])
