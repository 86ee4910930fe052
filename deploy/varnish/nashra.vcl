# Varnish in front of Nashra (Varnish 7.1, Debian's varnish and varnish-modules packages).
#
# - Readers share one copy of each public page: cookies are dropped from their requests.
# - Editors (a session cookie), the admin, previews, form posts and the view beacon pass.
# - Publishing purges by cache tag (the `xkey` header the app sends): soft purges, so the
#   old copy stays available as a fallback.
# - While the origin is down, or answers with an error, readers get the last good copy
#   for up to a day (grace), instead of an error page.
# - Text is stored gzipped; clients that don't take gzip get it unzipped.
#
# Purge with: curl -X PURGE -H 'xkey-purge: a:42 p:/en/' http://127.0.0.1:6081/
# (nashra.caching.backends.VarnishBackend does this when VARNISH_URL is set).
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

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
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
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin|stats|health|documents)(/|$)") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Campaign parameters change nothing on the page: one copy for all of them.
    set req.url = regsuball(req.url, "([?&])(utm_[a-z]+|fbclid|gclid)=[^&]*", "\1");
    set req.url = regsub(req.url, "[?&]+$", "");
    set req.url = regsuball(req.url, "\?&+", "?");
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
