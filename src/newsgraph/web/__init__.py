"""Server-rendered pages (Jinja2 templates, local static assets) for ``newsgraph serve``."""
