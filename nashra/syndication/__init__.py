"""Each edition as IPTC ninjs 2.1, read-only, for partners' apps and sites.

``/<lang>/ninjs/`` lists the edition's latest items, ``sections/<path>/``, ``topics/<slug>/``
and ``authors/<slug>/`` a section's, topic's or author's, ``items/<id>/`` is one article.
Modules: ``views`` (the answers), ``paging`` (keyset pages), ``documents`` (an article as
ninjs), ``bodies`` (its body as sanitized HTML), ``addresses`` (the API's URLs) and
``purges`` (what a change purges).
"""
