vcl 4.1;

# Varnish in front of Newsroom. Pages are stored under the dependency tags the
# app sends in Surrogate-Key, and the app purges those tags after every write:
# set NEWSROOM_CDN_PURGERS=varnish and VARNISH_PURGE_URLS=http://<this varnish>:<port>
# on every app server and management host. Needs vmod xkey (Debian: varnish-modules).

import xkey;

backend newsroom {
    .host = "127.0.0.1";
    .port = "8000";
}

# Who may purge: the app servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the tags to purge in xkey-purge"));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone + " objects"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff pages, and anyone signed in, go to the app every time.
    if (req.url ~ "^/(admin|richtext)/" || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # A reader's cookies (analytics, consent) never change a page.
    unset req.http.Cookie;
    # Campaign and click-id parameters never change a page either: one object for all.
    set req.url = regsuball(req.url, "(?i)([?&])(utm_[a-z_]+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|igshid|mc_cid|mc_eid|_ga|_gl|li_fat_id|s_cid|ref_src)=[^&]*", "\1");
    set req.url = regsuball(req.url, "&{2,}", "&");
    set req.url = regsub(req.url, "\?&", "?");
    set req.url = regsub(req.url, "[?&]+$", "");
    return (hash);
}

sub vcl_backend_response {
    # vmod xkey reads the tags from this header.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # The lifetime comes from s-maxage; it never runs past the next scheduled
    # story, so pages leave on time instead of being served stale in grace.
    set beresp.grace = 0s;
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Edge-Cache = "HIT";
    } else {
        set resp.http.X-Edge-Cache = "MISS";
    }
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Surrogate-Control;
    unset resp.http.Cache-Tag;
}
