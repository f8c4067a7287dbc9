"""Agent reply HTML → plain text."""
from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bridge.helpdesks.html_text import html_to_text


def test_zammad_editor_lines_and_blank_lines():
    body = "<div>Hi Alice,</div><div><br></div><div>your parcel ships today.</div><div>Thanks!</div>"
    assert html_to_text(body) == "Hi Alice,\n\nyour parcel ships today.\nThanks!"


def test_br_is_a_line_break_and_p_a_paragraph():
    assert html_to_text("<p>One<br>two</p><p>three</p>") == "One\ntwo\n\nthree"


def test_signature_and_everything_after_it_is_dropped_at_any_depth():
    body = (
        "<div>Answer</div>"
        '<div data-signature="true"><p><span class="js-signatureMarker"></span>Jacob Smith</p><p>Support</p></div>'
        "<div>still signature</div>"
    )
    assert html_to_text(body) == "Answer"


def test_text_before_the_marker_in_the_same_element_is_kept():
    assert html_to_text('<div>Thanks! <span class="js-signatureMarker"></span>--<br>Jacob</div>') == "Thanks!"


def test_quoted_text_is_dropped():
    body = '<div>We fixed it.</div><blockquote type="cite"><div>It is broken</div></blockquote><div>Bye</div>'
    assert html_to_text(body) == "We fixed it.\nBye"


def test_runs_of_blank_lines_collapse_to_one():
    body = "<div><br></div><div>a</div><div><br></div><div><br></div><div><br></div><p></p><div>b</div><br><br>"
    assert html_to_text(body) == "a\n\nb"


def test_entities_are_unescaped_and_nbsp_is_a_space():
    assert html_to_text("<div>Tom &amp; Jerry &lt;3 &quot;caf&eacute;&quot;&nbsp;&#128578;</div>") == 'Tom & Jerry <3 "café" 🙂'


def test_source_whitespace_collapses_like_a_browser_shows_it():
    assert html_to_text("<div>\n  one\n   two  </div>\n\n<div>three</div>") == "one two\nthree"


def test_list_items_are_lines():
    assert html_to_text("<p>Try:</p><ul><li>restart</li><li>update</li></ul>") == "Try:\n\n- restart\n- update"


def test_link_keeps_its_address_when_the_text_hides_it():
    body = '<div>See <a href="https://status.example.com">our status page</a> or <a href="https://example.com/x">https://example.com/x</a></div>'
    assert html_to_text(body) == "See our status page (https://status.example.com) or https://example.com/x"


def test_comments_scripts_and_styles_are_not_text():
    assert html_to_text("<style>p{}</style><div>a<!-- hidden --></div><script>alert(1)</script>") == "a"


@pytest.mark.parametrize("content_type", ["text/plain", "TEXT/PLAIN; charset=utf-8"])
def test_plain_text_is_only_stripped(content_type):
    assert html_to_text("  keep <b>this</b> &amp;\n\n\n  as is \n", content_type) == "keep <b>this</b> &amp;\n\n\n  as is"


@pytest.mark.parametrize("content_type", ["text/html", None, ""])
def test_html_and_unknown_types_are_converted(content_type):
    assert html_to_text("<div>a</div><div>b</div>", content_type) == "a\nb"


def test_only_a_signature_leaves_nothing():
    assert html_to_text('<div><br></div><div><span class="js-signatureMarker"></span>Jacob</div>') == ""


@given(st.text(alphabet=st.characters(categories=("L", "N", "P", "S"), include_characters=" \n\t"), max_size=200))
def test_escaped_text_comes_back_with_whitespace_collapsed(text):
    assert html_to_text(html.escape(text)) == " ".join(text.split())


@given(st.lists(st.sampled_from(["<div>", "</div>", "<br>", "<p>", "</p>", "x", " ", "\n", "<li>", "&nbsp;"]), max_size=40))
def test_output_is_stripped_and_has_no_double_blank_lines(pieces):
    text = html_to_text("".join(pieces))
    assert text == text.strip()
    assert "\n\n\n" not in text
    assert all(line == line.strip() for line in text.split("\n"))


def test_a_body_that_looks_like_a_file_name_parses_without_a_warning_in_the_running_process():
    # in a process of its own: pytest resets warning filters for each test, serve does not
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-W", "default", "-c",
                             "from bridge.helpdesks.html_text import html_to_text; print(html_to_text('report.html'))"],
                            capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "report.html"
    assert "MarkupResemblesLocatorWarning" not in result.stderr
