"""Markdown people write: HTML written in it is shown as text, never as markup; links keep only web and mail
addresses."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from network.markdown import ALLOWED_TAGS, render


class _Elements(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text = ""
        self.comments: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data

    def handle_comment(self, data):
        self.comments.append(data)


RAW_HTML = {
    "inline-link": 'Read <a href="https://evil.example/">this</a> now',
    "inline-script": "Hello <script>alert(1)</script> there",
    "inline-image-with-handler": "<img src=x onerror=alert(1)>",
    "inline-svg": "<svg onload=alert(1)><circle r=1 /></svg>",
    "block-div": '<div class="x" onclick="alert(1)">\nA block\n</div>',
    "block-iframe": '<iframe src="https://evil.example/"></iframe>',
    "block-style": "<style>body{display:none}</style>",
    "block-form": '<form action="https://evil.example/"><input name=p></form>',
    "comment": "Before <!-- <script>alert(1)</script> --> after",
    "processing-instruction": "<?php echo 1; ?>",
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
    "details": "<details open ontoggle=alert(1)>x</details>",
    "html-in-a-table-cell": "| a | b |\n|---|---|\n| <b onmouseover=alert(1)>x</b> | y |",
    "html-in-a-list": "- one\n- <a href=javascript:alert(1)>two</a>",
    "html-in-a-blockquote": "> <object data=x></object>",
    "uppercase-and-broken-tags": "<SCRIPT >alert(1)</SCRIPT ><a\nhref=x>y</a>",
}


@pytest.mark.parametrize("text", list(RAW_HTML.values()), ids=list(RAW_HTML))
def test_raw_html_is_shown_as_text_and_makes_no_element(text):
    html = render(text)
    parsed = _Elements(html)
    tags = {tag for tag, _ in parsed.elements}
    assert tags <= {"p", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "blockquote"}, html
    assert not parsed.comments
    # What was written is there to read, as written (only spacing between lines may change).
    assert " ".join(text.split()).replace("| ", "").split("<")[1][:3] in parsed.text


def test_a_raw_link_is_not_a_link():
    html = render('Read <a href="https://evil.example/">this</a> now')
    assert html == '<p>Read &lt;a href="https://evil.example/"&gt;this&lt;/a&gt; now</p>'


LINKS = {
    "javascript-link": "[x](javascript:alert(1))",
    "javascript-link-with-entity": "[x](&#106;avascript:alert(1))",
    "javascript-link-with-tab": "[x](java\tscript:alert(1))",
    "javascript-reference-link": "[x][1]\n\n[1]: javascript:alert(1)",
    "vbscript-link": "[x](vbscript:msgbox(1))",
    "data-uri-link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "javascript-autolink": "<javascript:alert(1)>",
    "javascript-image": "![x](javascript:alert(1))",
    "data-uri-image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "image-reference": "![x][i]\n\n[i]: https://tracker.example/pixel.png",
    "link-title-breakout": '[x](https://ok.example/ "a\\" onmouseover=\\"alert(1))',
    "file-link": "[x](file:///etc/passwd)",
}


@pytest.mark.parametrize("text", list(LINKS.values()), ids=list(LINKS))
def test_links_and_images_keep_only_web_and_mail_addresses(text):
    html = render(text)
    for tag, attributes in _Elements(html).elements:
        assert tag in ALLOWED_TAGS and tag != "img", html
        assert not any(name.startswith("on") for name in attributes), html
        href = attributes.get("href")
        if href is not None:
            # Browsers drop tabs and line breaks inside a URL before reading its scheme.
            scheme = urlsplit(re.sub(r"[\t\n\r]", "", href).strip()).scheme.lower()
            assert scheme in {"", "http", "https", "mailto"}, html


def test_markdown_links_keep_working_with_their_rel():
    html = render('[site](https://www.city.example/ "Title"), <https://a.example/> and <mail@city.example>')
    links = [attributes for tag, attributes in _Elements(html).elements if tag == "a"]
    assert [link["href"] for link in links] == [
        "https://www.city.example/",
        "https://a.example/",
        "mailto:mail@city.example",
    ]
    assert all(link["rel"] == "nofollow noopener noreferrer" for link in links)


def test_entities_are_characters_and_code_shows_its_html():
    assert render("&eacute; &amp; &lt;b&gt; & <") == "<p>é &amp; &lt;b&gt; &amp; &lt;</p>"
    assert render("`<b>bold</b>`") == "<p><code>&lt;b&gt;bold&lt;/b&gt;</code></p>"


def test_markdown_itself_still_renders():
    html = render("# Title\n\nSome *emphasis* and **strength**.\n\n> quoted\n\n1. one\n2. two")
    assert html.startswith("<h2>Title</h2>")
    assert "<em>emphasis</em>" in html and "<strong>strength</strong>" in html
    assert "<blockquote>" in html and "<ol>" in html
