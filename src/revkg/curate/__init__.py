"""Curating in the browser: ``revkg curate``, a local app to judge and add facts.

    workspace.py   what the app reads: essays, registry, extraction, decisions, versions
    reading.py     an essay as numbered paragraphs with its mentions and candidates marked
    shadow.py      a change tried on a copy of the curated files and checked there first
    changes.py     the changes a curator makes, written atomically, each one undoable
    rebuild.py     the graph rebuilt in the background after changes, one build at a time
    app.py         the WSGI app: token, CSRF token, routes, JSON answers
    pages.py       the pages, from Jinja2 templates (autoescaped) in templates/
    server.py      the app on waitress, bound to 127.0.0.1, with the address to open

Every change goes through the library (``extract.review`` for decisions, ``sources.edit``
for names and entities, ``sources.canonical`` for statements), is checked as ``revkg
validate`` checks the curated files before anything is written, and is refused when the
file changed on disk since the page was made.
"""
