"""The injection corpus: payloads that would run script or make markup if any page, export or API answer showed
what people write without escaping it, and the registry of the fields people write and the places that show them.

Every payload carries the word "pwned": if it ran it would open a dialog saying so, or create an element or
attribute whose name holds it, or (template syntax) print 7777778 (a number no id or date of the tests reaches). The
browser test writes the payloads into every registered field, loads every sink in Chromium and finds none of that.

To add a field: register a writer with `@field(...)`, naming the sinks that show it; to add a page, export or API
answer: add a `Sink` to SINKS. Both are data, read by tests/security/test_injection.py.
"""

from collections.abc import Callable
from dataclasses import dataclass

# (kind, payload). Kept short so that short fields take many of them at once.
PAYLOADS: list[tuple[str, str]] = [
    ("script", "<script>alert('pwned')</script>"),
    ("script", "<SCRIPT SRC=//pwned.example/x.js></SCRIPT>"),
    ("script", "<script>document.write('<pwned-a>')</script>"),
    ("script", "<scr<script>ipt>alert('pwned')</scr</script>ipt>"),
    ("script", "</textarea><script>alert('pwned')</script>"),
    ("script", "</title><script>alert('pwned')</script>"),
    ("script", "</script><script>alert('pwned')</script>"),
    ("handler", "<img src=x onerror=alert('pwned')>"),
    ("handler", "<img/src/onerror=alert('pwned')>"),
    ("handler", "<body onload=alert('pwned')>"),
    ("handler", "<details open ontoggle=alert('pwned')>"),
    ("handler", "<input autofocus onfocus=alert('pwned')>"),
    ("handler", "<video><source onerror=alert('pwned')>"),
    ("handler", "<marquee onstart=alert('pwned')>"),
    ("handler", "<b data-pwned onmouseover=alert(1)>x</b>"),
    ("handler", "<select autofocus onfocus=alert('pwned')>"),
    ("url", "<a href=javascript:alert('pwned')>a</a>"),
    ("url", "<a href='JaVaScRiPt:alert(`pwned`)'>b</a>"),
    ("url", "<a href=&#106;avascript:alert('pwned')>c</a>"),
    ("url", "<iframe src=javascript:alert('pwned')>"),
    ("url", "<form action=javascript:alert('pwned')><button>d"),
    ("url", "<object data=javascript:alert('pwned')>"),
    ("url", "<embed src=data:text/html,pwned>"),
    ("url", "<iframe srcdoc='<script>alert(`pwned`)</script>'>"),
    ("url", "<meta http-equiv=refresh content='0;url=javascript:alert(`pwned`)'>"),
    ("url", "<base href=//pwned.example/>"),
    ("svg", "<svg onload=alert('pwned')>"),
    ("svg", "<svg><script>alert('pwned')</script></svg>"),
    ("svg", "<svg><animate onbegin=alert('pwned') attributeName=x>"),
    ("svg", "<svg><a xlink:href=javascript:alert('pwned')><text>e</text></a>"),
    ("svg", "<math><mtext><img src=x onerror=alert('pwned')>"),
    ("breakout", "\"><img src=x onerror=alert('pwned')>"),
    ("breakout", "'><svg onload=alert('pwned')>"),
    ("breakout", '" onmouseover="alert(\'pwned\')" data-pwned="'),
    ("breakout", "' onfocus='alert(`pwned`)' autofocus data-pwned='"),
    ("breakout", "\" autofocus onfocus=alert('pwned') x=\""),
    ("breakout", "--><pwned-b>"),
    ("breakout", "]]><pwned-c>"),
    ("breakout", "';alert('pwned');//"),
    ("breakout", "\\\";alert('pwned');//"),
    ("template", "{{ 7777777|add:1 }}"),
    ("template", "{% now 'Y' %}{{7777777|add:'1'}}"),
    ("template", "{{constructor.constructor('alert(`pwned`)')()}}"),
    ("template", "${alert('pwned')}"),
    ("template", "#{alert('pwned')}"),
    ("css", "<style>*{background:url(//pwned.example)}</style>"),
    ("css", "<div style=\"background:url('javascript:alert(`pwned`)')\">f</div>"),
    ("css", "<p style=x:expression(alert('pwned'))>g</p>"),
    ("css", "<link rel=stylesheet href=//pwned.example/x.css>"),
    ("markdown", "[h](javascript:alert('pwned'))"),
    ("markdown", "![i](x \"onerror=alert('pwned')\")"),
    ("markdown", "[j](data:text/html;base64,cHduZWQ=)"),
    ("markdown", "<javascript:alert('pwned')>"),
    ("markdown", "[k][pwned]\n\n[pwned]: javascript:alert(1)"),
    ("unicode", "\uff1cscript\uff1ealert('pwned')\uff1c/script\uff1e"),
    ("unicode", "<img src=x onerror=\u0061lert('pwned')>"),
    ("unicode", "\u202e<pwned-d>\u202c"),
    ("unicode", "java\u200bscript:alert('pwned')"),
    ("unicode", "<a href=\"java&#x09;script:alert('pwned')\">l</a>"),
    ("entity", "&lt;pwned-e&gt;"),
    ("entity", "&#60;img src=x onerror=alert('pwned')&#62;"),
    ("entity", "&#x3C;svg onload=alert('pwned')&#x3E;"),
    ("entity", "%3Cscript%3Ealert('pwned')%3C/script%3E"),
    ("polyglot", "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert('pwned') )//"),
    ("polyglot", "'\"--></style></script><svg onload=alert('pwned')>"),
    ("polyglot", "<!--<img src=\"--><img src=x onerror=alert('pwned')//\">"),
    ("polyglot", "<noscript><p title=\"</noscript><img src=x onerror=alert('pwned')>\">"),
]

# For web address fields: addresses a URL validator may accept but that try to leave the attribute they land in.
URL_PAYLOADS = [
    "https://x.example/?q=\"><script>alert('pwned')</script>",
    "https://x.example/#'onmouseover='alert(`pwned`)",
    "https://x.example/\"onmouseover=\"alert('pwned')",
    "https://x.example/<svg/onload=alert('pwned')>",
]


def interleaved() -> list[str]:
    """The payloads one kind after another (a script, a handler, a URL, ...), so that the first values of a short
    field already hold every kind."""
    by_kind: dict[str, list[str]] = {}
    for kind, payload in PAYLOADS:
        by_kind.setdefault(kind, []).append(payload)
    queues = list(by_kind.values())
    ordered = []
    while any(queues):
        for queue in queues:
            if queue:
                ordered.append(queue.pop(0))
    return ordered


def chunks(payloads: list[str], capacity: int, separator: str = " ") -> list[str]:
    """The payloads packed into values of at most `capacity` characters, in order."""
    values, current = [], ""
    for payload in payloads:
        candidate = f"{current}{separator}{payload}" if current else payload
        if len(candidate) <= capacity:
            current = candidate
        else:
            values.append(current)
            current = payload[:capacity]
    return [*values, current] if current else values


@dataclass(frozen=True)
class Sink:
    """A place that shows what people write: an HTML page, a JSON answer (loaded as the browser would) or a file to
    download. `path` takes the world the test built."""

    name: str
    role: str  # anonymous, reader_fr (a visitor reading in French), participant, lead, staff, reviewer
    path: Callable[[object], str]
    kind: str = "page"  # page, json, download


@dataclass(frozen=True)
class Field:
    """A field people write. `write(world, value)` writes `value` through the service people use; `capacity` is
    what it holds; `urls` marks a web address field (it gets URL_PAYLOADS); `sinks` name the places that show it."""

    name: str
    write: Callable[[object, str], None]
    capacity: int
    sinks: tuple[str, ...]
    urls: bool = False


FIELDS: dict[str, Field] = {}


def field(name: str, *, capacity: int, sinks: tuple[str, ...], urls: bool = False):
    def register(write):
        FIELDS[name] = Field(name=name, write=write, capacity=capacity, sinks=sinks, urls=urls)
        return write

    return register
