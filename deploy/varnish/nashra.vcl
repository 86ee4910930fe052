# Varnish in front of Nashra (Varnish 7.1, Debian's varnish and varnish-modules packages).
#
# - Readers share one copy of each public page: cookies are dropped from their requests, and
#   of the query string only the parameters the application reads are kept, sorted.
# - Editors (a session cookie), the admin, previews, form posts and the view beacon pass.
# - Publishing purges by cache tag (the `xkey` header the app sends): soft purges, so the
#   old copy stays available as a fallback.
# - While the origin is down, or answers with an error, readers get the last good copy
#   for up to a day (grace), instead of an error page.
# - Text is stored gzipped; clients that don't take gzip get it unzipped.
#
# Two listeners (deploy/systemd/varnish.service.d-override.conf), told apart by name:
#   -a public=127.0.0.1:6081   readers, all of them forwarded by nginx from 127.0.0.1, so
#                              their address proves nothing: no PURGE is taken here.
#   -a purge=127.0.0.1:6083    purges from the application (VARNISH_URL=http://127.0.0.1:6083)
#                              and nothing else; nginx never forwards to it.
#   (-T localhost:6082 stays varnishadm's.)
# Purge with: curl -X PURGE -H 'xkey-purge: a:42 p:/en/' http://127.0.0.1:6083/
# (nashra.caching.backends.VarnishBackend does this on every change when VARNISH_URL is set).
#
# X-Forwarded-For: nginx appends the reader's address, Varnish (varnishd itself, before
# vcl_recv) appends nginx's, and gunicorn sees Varnish's: set NASHRA_TRUSTED_PROXIES=2, and
# the application takes the third address from the right, whatever a reader put before it.
vcl 4.1;

import std;
import xkey;

# Gunicorn. Scripts that run Varnish against another port rewrite the port line.
backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
    .probe = {
        .url = "/health/live/";
        .interval = 1s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

# Who may purge on the purge listener: add the application's hosts if it listens beyond loopback.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (local.socket == "purge") {
        call nashra_purge;
    }
    if (req.method == "PURGE") {
        return (synth(405, "Not allowed"));
    }
    if (req.restarts == 0) {
        # Only vcl_deliver may ask for the last good copy; a reader's header would too.
        unset req.http.nashra-stale-if-error;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # /en/_util/: Wagtail's login and password forms for private pages (they read ?next=).
    if (req.url ~ "^/(admin|django-admin|stats|health|documents)(/|$)"
        || req.url ~ "^(/[a-z-]+)?/_util/") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    call nashra_normalise_query;
    unset req.http.Cookie;
    if (req.http.nashra-stale-if-error) {
        # Restarted after an error from the origin: take the last good copy.
        set req.grace = 24h;
    } elseif (std.healthy(req.backend_hint)) {
        # A healthy origin renders a purged page afresh, so a publish shows at once;
        # the readers asking for it meanwhile wait for that one render, together.
        set req.grace = 0s;
    }
    return (hash);
}

sub nashra_purge {
    if (req.method != "PURGE" || client.ip !~ purgers) {
        return (synth(405, "Not allowed"));
    }
    if (req.http.xkey-purge) {
        set req.http.n-gone = xkey.softpurge(req.http.xkey-purge);
    } else {
        # A plain PURGE of a URL: every query string of its path.
        set req.http.n-gone = xkey.softpurge("p:" + regsub(req.url, "\?.*$", ""));
    }
    return (synth(200, "Purged " + req.http.n-gone));
}

# One cached copy per page and set of parameters the application reads, in one order; any
# other parameter (utm_*, fbclid, ?x=N) is dropped, before the application sees it too, so
# it cannot make a copy of its own. Read by the application:
#   page                                      every listing and the search results (core/pagination.py)
#   from                                      a live page's older updates (live/models.py)
#   q, section, type, since, until, sort      search (search/forms.py)
#   content                                   feeds (feeds/builders.py)
#   limit, before, after                      the ninjs API (syndication/paging.py)
# A new parameter in a public view must be added here, or the view never receives it.
sub nashra_normalise_query {
    if (req.url !~ "\?") {
        return;
    }
    set req.http.nashra-query = regsuball(
        regsub(req.url, "^[^?]*\?", "&"),
        "&(?!(page|from|q|section|type|since|until|sort|content|limit|before|after)(=|&|$))[^&]*",
        "");
    set req.url = regsub(req.url, "\?.*$", "") + regsub(req.http.nashra-query, "^&", "?");
    unset req.http.nashra-query;
    set req.url = std.querysort(req.url);
}

sub vcl_backend_response {
    if (beresp.status >= 500) {
        if (bereq.is_bgfetch) {
            return (abandon);
        }
        # Not kept at all, so the retry in vcl_deliver finds the last good copy instead.
        set beresp.ttl = 0s;
        set beresp.grace = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "private|no-store|no-cache") {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Kept a day past its lifetime, to serve while the origin is down.
    set beresp.grace = 24h;
    if (beresp.http.Content-Type ~ "^(text/|application/(json|xml|rss|atom|feed|javascript))") {
        set beresp.do_gzip = true;
    }
    return (deliver);
}

sub vcl_deliver {
    if (resp.status >= 500 && req.restarts == 0 && !req.http.nashra-stale-if-error) {
        set req.http.nashra-stale-if-error = "1";
        return (restart);
    }
    unset resp.http.xkey;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

sub vcl_synth {
    if (resp.status == 405) {
        if (local.socket == "purge") {
            set resp.http.Allow = "PURGE";
        } else {
            set resp.http.Allow = "GET, HEAD, POST";
        }
    }
}
