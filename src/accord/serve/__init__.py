"""``accord serve``: the reviewer's workbench, a local web application over the PO files.

Only ``accord serve`` imports this package (and through it Starlette and uvicorn):
every other task starts without them.

    snapshot   one PO file as a page read it: bytes, version token, catalog
    actions    the writes (edit, approve, reject, approve clean, apply a fix), under the
               repository lock, refused when the file changed since the page read it
    history    who last changed each msgstr line (one ``git blame`` per file)
    pages      page models (overview, locale, article with filters) and their HTML
    app        the Starlette application: routes, Host check, CSRF token, headers
    server     uvicorn on a socket bound to 127.0.0.1; a thread for tests
"""
