"""The one script the public site runs inline, and the CSP source that allows only it.

A reader's chosen theme (light or dark, kept in localStorage by js/site.js) must be set
before the first paint, or every page would flash in the other theme; a script file would
block rendering for a round trip, so these few bytes run inline, allowed by their hash.
Imported by the settings, so it imports nothing from Django.
"""

import base64
import hashlib

THEME_SCRIPT = (
    'try{var t=localStorage.getItem("nashra-theme");'
    'if(t=="dark"||t=="light")document.documentElement.dataset.theme=t}catch(e){}'
)


def csp_hash(script):
    """Return the CSP source ('sha256-…') that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


THEME_SCRIPT_SOURCE = csp_hash(THEME_SCRIPT)
