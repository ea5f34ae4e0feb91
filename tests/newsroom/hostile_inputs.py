"""Inputs that try to run script, break markup, confuse text handling or break the server.

The texts (``ALL``) are pushed through every rich and plain field by
test_hostile_input.py; the requests and files below by test_hostile_requests.py.
"""

SCRIPT = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script type=text/javascript>alert(1)</script>",
    '<script>document.write("<img src=x onerror=alert(1)>")</script>',
    "<<script>alert(1);//<</script>",
    '<script\x20type="text/javascript">alert(1)</script>',
    "<script/xss src=//evil.example/x.js></script>",
    "</script><script>alert(1)</script>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]
HANDLERS = [
    "<img src=x onerror=alert(1)>",
    '<img src=x onerror="alert(1)"/>',
    "<body onload=alert(1)>",
    '<div onmouseover="alert(1)">hover me</div>',
    "<p onclick=alert(1)>click</p>",
    '<a href="#" onfocus=alert(1) autofocus>focus</a>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<marquee onstart=alert(1)>move</marquee>",
    '<img src="x" ONERROR=alert(1)>',
    "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)>",
]
URLS = [
    '<a href="javascript:alert(1)">link</a>',
    '<a href="JaVaScRiPt:alert(1)">link</a>',
    '<a href="jav&#x09;ascript:alert(1)">link</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">link</a>',
    '<a href=" javascript:alert(1)">link</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">link</a>',
    '<a href="vbscript:msgbox(1)">link</a>',
    '<img src="javascript:alert(1)">',
    '<a href="java\nscript:alert(1)">link</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<a href="https://example.com" target="_blank">safe link</a>',
]
SVG_MATHML = [
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math href="javascript:alert(1)">click</math>',
    "<svg><foreignObject><iframe src=javascript:alert(1)></iframe></foreignObject></svg>",
]
EMBEDS = [
    '<iframe src="https://evil.example"></iframe>',
    '<object data="evil.swf"></object>',
    '<embed src="evil.swf">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<p style="expression(alert(1))">styled</p>',
]
JSONLD_BREAKERS = [
    "</script>",
    "<!--",
    "<!-- </script> -->",
    '" } ] } </script><script>alert(1)</script>',
    "\\u003c/script\\u003e",
    "&lt;/script&gt;",
    "\u2028line\u2029paragraph",
    "back\\slash and \"quotes\" and 'apostrophes'",
]
BROKEN = [
    "<p>unclosed <b>bold <i>italic",
    "</div></div></article></main>",
    "<p <p <p>",
    '<a href="https://example.com">unterminated',
    "<table><tr><td>cell",
    "<" * 50,
    "<div>" * 300 + "deep" + "</div>" * 300,
    "word " * 3000,
]
TEXT = [
    "\u202eevil.exe\u202c reversed",
    "zero\u200bwidth\u200cjoin\u200dhere\ufeff",
    "مرحبا بالعالم right to left",
    "שלום עולם",
    "emoji 📰🗞️👩‍💻🏳️‍🌈",
    "ümlaut café naïve Ångström",
    "5 < 6 && 7 > 2",
    "Tom & Jerry &amp; friends",
]

# What Word and careless pastes leave behind: characters XML 1.0 cannot carry.
CONTROL = [
    "Budget\x0bvote",  # vertical tab: a line break in Word
    "page\x0cbreak",  # form feed
    "nul\x00byte",
    "bell\x07and escape\x1b[31m",
    "not characters \ufffe\uffff",
    "beyond the first plane, which XML allows: \U0001fffe \U0010fffd",
]

ALL = SCRIPT + HANDLERS + URLS + SVG_MATHML + EMBEDS + JSONLD_BREAKERS + BROKEN + TEXT + CONTROL


# Requests ----------------------------------------------------------------------

# Page numbers that are not plain ASCII digits, or that no page has.
PAGE_NUMBERS = [
    "²", "①", "٣", "1²", "१", "１", "abc", "-1", "0", "1.5", "1e3", " 1", "1 ", "+1",
    "%00", "99999999999999999999999", "2147483648", "0x10",
]  # fmt: skip
# Methods no reader page answers (GET and HEAD only).
METHODS = ["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND"]
# Where a sign-in must not send anyone.
NEXT_URLS = [
    "https://evil.example/steal",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "http://127.0.0.1:8000@evil.example/",
    " https://evil.example/",
]
# Addresses that arrive from forged or chained proxies (X-Forwarded-For).
FORWARDED_FOR = [
    "198.51.100.66",
    "198.51.100.66, 203.0.113.5",
    "not-an-address",
    "",
    "1.2.3.4, , 5.6.7.8",
    "::1",
    "10.0.0.1" * 100,
]
