"""What "fits a phone" means, measured in the browser: the page is no wider than the window, no visible element
reaches past its right edge (unless it sits in a box that scrolls sideways on purpose, or is clipped by one
that hides its overflow), and no word is split across two lines."""

from playwright.sync_api import Page

# Each element's box, cut by the ancestors that clip it; an ancestor that scrolls sideways exempts it. Only the
# ancestors from the containing block up clip: an absolutely positioned element escapes a static scrolling box.
_TOO_WIDE = """() => {
  const edge = document.documentElement.clientWidth + 0.5;
  const visibleRight = (el) => {
    let right = el.getBoundingClientRect().right;
    let position = getComputedStyle(el).position;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      const contains = position === 'fixed' ? style.transform !== 'none'
        : position !== 'absolute' || style.position !== 'static' || style.transform !== 'none';
      if (!contains) continue;
      position = style.position;
      if (style.overflowX === 'auto' || style.overflowX === 'scroll') return null;
      if (style.overflowX === 'hidden' || style.overflowX === 'clip') {
        right = Math.min(right, a.getBoundingClientRect().right);
      }
    }
    return right;
  };
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
    const right = visibleRight(el);
    if (right !== null && right > edge) {
      const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + [...el.classList].map(c => '.' + c).join('');
      found.push(`${name} reaches ${Math.round(right)} px: ${(el.textContent || '').trim().slice(0, 60)}`);
    }
  }
  return found;
}"""

# A word (a run of letters and digits) whose text is laid out on more than one line was broken inside.
# Longer than 20 characters it is a code or a file name, which may break rather than widen the page.
_BROKEN_WORDS = """(root) => {
  const broken = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/[\\p{L}\\p{N}\\p{M}]+/gu)) {
      if (match[0].length > 20) continue;
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""


def too_wide(page: Page) -> list[str]:
    return page.evaluate(_TOO_WIDE)


def broken_words(page: Page, selector: str = "main") -> list[str]:
    return page.locator(selector).evaluate(_BROKEN_WORDS)


def assert_fits(page: Page) -> None:
    """The page fits its window: nothing to scroll sideways, nothing cut off at the right, no word split."""
    page.wait_for_load_state("load")
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{page.url}: the page is {width[0]} px wide in a {width[1]} px window"
    assert too_wide(page) == [], page.url
    assert broken_words(page) == [], page.url
