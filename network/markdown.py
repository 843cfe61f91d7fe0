"""Markdown that people write, turned into HTML that is safe to show: rendered without raw HTML, then cleaned with
nh3."""

import markdown as markdown_lib
import nh3
from markdown.extensions import Extension

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol", "p", "pre", "strong",
    "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


class _NoRawHtml(Extension):
    """Markdown passes HTML written in the text through as it is; without these two steps, it is text like any
    other, and comes out escaped (`<a href>` shows as typed)."""

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def render(text: str, *, user_content: bool = False) -> str:
    """HTML for `text`: headings start at h2 (the page has its own h1); raw HTML in the text is shown as text.
    `user_content` (what people post, as opposed to the network's editorial text) marks its links "ugc" too."""
    html = markdown_lib.markdown(text or "", extensions=["tables", "sane_lists", _NoRawHtml()], output_format="html")
    # Bring an h1 written in the text down to h2, so the page keeps one h1.
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    # Cleaned all the same: links keep only web and mail addresses, and nothing but the tags Markdown makes survives.
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener noreferrer" if user_content else "nofollow noopener noreferrer",
    )
