/**
 * Layout checks of a rendered page: elements that stick out of the page's main column (a table
 * wider than the column pushes its last columns off-screen), and chart labels drawn on top of
 * each other. Both return what they found, named, so a failure says where.
 */
import type { Page } from 'playwright-core';

/** Elements of `main` whose box reaches past the column's content edges (1 px of rounding allowed). */
export function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return ['no <main> element'];
    const box = main.getBoundingClientRect();
    const style = getComputedStyle(main);
    const left = box.left + parseFloat(style.paddingLeft) - 1;
    const right = box.right - parseFloat(style.paddingRight) + 1;
    const found: string[] = [];
    const reported = new Set<Element>();
    for (const element of Array.from(main.querySelectorAll('*'))) {
      // The outermost offender names the problem; its children add nothing.
      if (element.parentElement && reported.has(element.parentElement)) {
        reported.add(element);
        continue;
      }
      // Inside an SVG the chart's own container is checked; its parts follow it.
      if (element.closest('svg') && element.tagName.toLowerCase() !== 'svg') continue;
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      if (rect.right > right || rect.left < left) {
        reported.add(element);
        const id = element.id ? `#${element.id}` : element.closest('[id]') ? ` in #${element.closest('[id]')?.id}` : '';
        found.push(`${element.tagName.toLowerCase()}${id} spans ${Math.round(rect.left)}–${Math.round(rect.right)} px, column ${Math.round(left)}–${Math.round(right)} px`);
      }
    }
    return found;
  });
}

/** Pairs of text labels of one chart whose boxes intersect: mark labels (rules, annotations) and axis titles. */
export function overlappingLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const chart of Array.from(document.querySelectorAll('.chart'))) {
      const labels = Array.from(chart.querySelectorAll('svg .mark-text text')).filter((node) => (node.textContent ?? '').trim() !== '');
      const boxes = labels.map((node) => ({ text: node.textContent ?? '', rect: node.getBoundingClientRect() }));
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          const intersect = a.rect.left < b.rect.right && b.rect.left < a.rect.right && a.rect.top < b.rect.bottom && b.rect.top < a.rect.bottom;
          if (intersect) found.push(`#${chart.id}: "${a.text}" overlaps "${b.text}"`);
        }
      }
    }
    return found;
  });
}
