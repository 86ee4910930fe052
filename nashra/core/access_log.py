"""gunicorn's access log with the reader's address, not the proxy's.

Behind nginx and Varnish every request reaches gunicorn from 127.0.0.1, so its access log
would name nobody. This logger writes the address ``nashra.core.clients`` tells (the same one
lockout, the contact limit and the view beacon use) in the log's ``%(h)s`` field.
``deploy/gunicorn.conf.py`` names it as ``logger_class``.
"""

from types import SimpleNamespace

from gunicorn.glogging import Logger

from .clients import client_address


class AccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["h"] = client_address(SimpleNamespace(META=environ)) or "-"
        return atoms
