"""What the public site runs and styles inline, and the CSP sources that allow only that.

A reader's chosen theme (light or dark, kept in localStorage by js/site.js) must be set
before the first paint, or every page would flash in the other theme; a script file would
block rendering for a round trip, so these few bytes run inline, allowed by their hash.
The lite edition (nashra/lite) carries its few lines of style inline for the same reason: on a
slow connection a stylesheet would cost a round trip more than the page itself.
Imported by the settings, so it imports nothing from Django.
"""

import base64
import hashlib

THEME_SCRIPT = (
    'try{var t=localStorage.getItem("nashra-theme");'
    'if(t=="dark"||t=="light")document.documentElement.dataset.theme=t}catch(e){}'
)


def csp_hash(text):
    """Return the CSP source ('sha256-…') that allows exactly this inline script or style."""
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


THEME_SCRIPT_SOURCE = csp_hash(THEME_SCRIPT)

# Readable on any phone: a measure, some air, and long words and addresses that wrap.
LITE_STYLE = (
    "body{max-width:40em;margin:0 auto;padding:0 1em;line-height:1.6;overflow-wrap:anywhere}"
    "blockquote{margin-inline:1em 0}"
    ".skip:not(:focus){position:absolute;clip-path:inset(50%)}"
)
LITE_STYLE_SOURCE = csp_hash(LITE_STYLE)
