// @ts-check
// Builds SVG nodes from plain attribute objects (the charts are drawn without a library).

const namespace = 'http://www.w3.org/2000/svg';

/**
 * @param {string} name
 * @param {Record<string, string | number | undefined>} [attributes]
 * @param {Array<Node | string>} [children]
 * @returns {SVGElement}
 */
export function svgElement(name, attributes = {}, children = []) {
  const element = /** @type {SVGElement} */ (document.createElementNS(namespace, name));
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined) element.setAttribute(key, String(value));
  }
  for (const child of children) element.append(child);
  return element;
}

/** A <title> child: the tooltip and accessible name of the element it is appended to. */
export function svgTitle(/** @type {string} */ text) {
  return svgElement('title', {}, [text]);
}

/**
 * The element's width in CSS pixels (rounded), or `fallback` while it is not laid out. Charts are
 * drawn at that width so their text keeps its size on any screen.
 */
export function drawingWidth(/** @type {Element} */ element, /** @type {number} */ fallback, minimum = 240) {
  const measured = Math.round(element.getBoundingClientRect().width);
  return measured > 0 ? Math.max(minimum, measured) : fallback;
}
