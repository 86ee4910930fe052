from nashra.ingest.html import (
    first_sentences,
    html_to_blocks,
    html_to_text,
    sanitize,
    text_to_blocks,
)

HOSTILE = (
    '<p onclick="steal()">Hello <img src=x onerror="alert(1)"><a href="javascript:alert(2)">'
    'click</a> <a href="jav&#x09;ascript:alert(3)">tab</a> <a href="/relative">rel</a>'
    ' <a href="https://example.org/a?b=1&amp;c=2" target="_blank" style="x">ok</a>'
    ' <a href="mailto:desk@example.org">mail</a></p>'
    "<script>alert('script')</script><style>body{display:none}</style>"
    "<!-- secret comment --><![CDATA[ cdata payload ]]>"
    '<iframe src="https://evil.example">frame text</iframe>'
)

HOSTILE_TRACES = (
    "script",
    "alert",
    "onclick",
    "onerror",
    "javascript",
    "secret comment",
    "cdata payload",
    "iframe",
    "frame text",
)


def block_types(blocks):
    return [name for name, _value in blocks]


def test_sanitize_removes_scripts_handlers_bad_links_and_comments():
    cleaned = sanitize(HOSTILE)

    for gone in HOSTILE_TRACES + ("<img", "CDATA", "style", "display:none", "/relative", "target"):
        assert gone not in cleaned
    assert '<a href="https://example.org/a?b=1&amp;c=2">ok</a>' in cleaned
    assert '<a href="mailto:desk@example.org">mail</a>' in cleaned


def test_sanitize_keeps_only_the_allowed_tags():
    cleaned = sanitize(
        "<div class='x'><h1>Title</h1><h2>Sub</h2><span>text</span><table><tr><td>cell</td></tr>"
        "</table><figure><figcaption>cap</figcaption></figure><footer>foot</footer></div>"
    )

    assert cleaned == "<h2>Sub</h2>textcell<figure><figcaption>cap</figcaption></figure>foot"


def test_html_to_blocks_splits_headings_and_quotes_and_groups_paragraphs():
    blocks = html_to_blocks(
        "<section><p>One <strong>bold</strong> <em>it</em></p><p>Two</p><ul><li>item</li></ul>"
        "<h3>Heading <b>three</b></h3><blockquote><p>First.</p><p>Second.</p>"
        "<footer>— Someone</footer></blockquote>loose <i>text</i><h4>Last</h4></section>"
    )

    assert block_types(blocks) == ["paragraph", "subheading", "quote", "paragraph", "subheading"]
    assert blocks[0][1].source == "<p>One <b>bold</b> <i>it</i></p><p>Two</p><ul><li>item</li></ul>"
    assert blocks[1][1] == "Heading three"
    assert blocks[2][1] == {"quote": "First.\n\nSecond.", "attribution": "Someone"}
    assert blocks[3][1].source == "<p>loose <i>text</i></p>"


def test_html_to_blocks_reads_a_pull_quote_figure_and_drops_a_bare_figure():
    blocks = html_to_blocks(
        "<figure><blockquote><p>Quoted</p></blockquote><figcaption>– Name, <cite>Paper</cite>"
        "</figcaption></figure><figure><img src='a.jpg'><figcaption>lost caption</figcaption>"
        "</figure><blockquote>Bare <cite>Cited</cite></blockquote>"
    )

    assert blocks == [
        ("quote", {"quote": "Quoted", "attribution": "Name, Paper"}),
        ("quote", {"quote": "Bare", "attribution": "Cited"}),
    ]


def test_html_to_blocks_stores_no_hostile_markup():
    blocks = html_to_blocks(HOSTILE)
    stored = "".join(str(getattr(value, "source", value)) for _name, value in blocks)

    for gone in HOSTILE_TRACES:
        assert gone not in stored
    assert "Hello" in stored


def test_text_to_blocks_splits_paragraphs_on_blank_lines_and_escapes():
    blocks = text_to_blocks("First line\nsecond line\n\n\nNext <script>x</script> & co\n")

    assert block_types(blocks) == ["paragraph"]
    assert blocks[0][1].source == (
        "<p>First line<br/>second line</p><p>Next &lt;script&gt;x&lt;/script&gt; &amp; co</p>"
    )


def test_html_to_text_and_first_sentences():
    assert html_to_text("<p>One <b>two</b></p><p>Three<script>no</script></p>") == "One two Three"
    assert first_sentences("First one. Second one! Third one?") == "First one. Second one!"
    assert first_sentences("word " * 200).endswith("…")
