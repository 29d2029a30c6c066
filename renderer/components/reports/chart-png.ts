/**
 * A chart frame as a PNG, made in the page: each SVG in the frame is serialised with its computed colours
 * written in (CSS variables and stylesheet rules do not travel with a standalone SVG), loaded as a data: URL
 * image (the CSP allows img-src data:) and drawn onto a canvas; the HTML around it (title, legend, caption,
 * timeline labels) is drawn as text and boxes at the places the browser laid it out. No network, no
 * foreignObject (which would taint the canvas), and nothing from the page is evaluated.
 */

/** SVG presentation properties copied from the computed style, so the image looks as on screen. */
const SVG_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The SVG as standalone markup, every element's look written into presentation attributes. */
export function standaloneSvg(svg: SVGSVGElement, width: number, height: number): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  from.forEach((el, i) => {
    const target = to[i];
    if (!target) return;
    const style = getComputedStyle(el);
    for (const prop of SVG_PROPS) {
      const value = style.getPropertyValue(prop);
      if (value) target.setAttribute(prop, value);
    }
    // Inline styles may hold var(...) that means nothing outside the page; the attributes now say it all.
    target.removeAttribute('style');
    target.removeAttribute('class');
  });
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  return new XMLSerializer().serializeToString(clone);
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the browser could not draw the chart as an image'));
    img.src = src;
  });
}

const transparent = (color: string) =>
  !color || color === 'transparent' || /rgba\(.*,\s*0\)$/.test(color.replace(/\s+/g, ' '));

/** The colour the frame is seen on: the first ancestor with a background, else the page's. */
function backdrop(el: HTMLElement): string {
  for (let n: HTMLElement | null = el; n; n = n.parentElement) {
    const bg = getComputedStyle(n).backgroundColor;
    if (!transparent(bg)) return bg;
  }
  return '#ffffff';
}

interface Origin {
  readonly left: number;
  readonly top: number;
}

function drawBox(ctx: CanvasRenderingContext2D, el: Element, o: Origin): void {
  const style = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  if (!transparent(style.backgroundColor)) {
    ctx.fillStyle = style.backgroundColor;
    ctx.fillRect(r.left - o.left, r.top - o.top, r.width, r.height);
  }
  for (const side of ['left', 'top', 'right', 'bottom'] as const) {
    const bw = parseFloat(style.getPropertyValue(`border-${side}-width`));
    const color = style.getPropertyValue(`border-${side}-color`);
    if (!(bw > 0) || transparent(color) || style.getPropertyValue(`border-${side}-style`) === 'none')
      continue;
    const x = side === 'right' ? r.right - bw : r.left;
    const y = side === 'bottom' ? r.bottom - bw : r.top;
    const vertical = side === 'left' || side === 'right';
    ctx.fillStyle = color;
    ctx.fillRect(x - o.left, y - o.top, vertical ? bw : r.width, vertical ? r.height : bw);
  }
}

/** Draws a text node word by word where the browser placed each word, so wrapped lines stay wrapped. */
function drawText(ctx: CanvasRenderingContext2D, node: Text, o: Origin): void {
  const parent = node.parentElement;
  const text = node.data;
  if (!parent || !text.trim()) return;
  const style = getComputedStyle(parent);
  ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  ctx.fillStyle = style.color;
  ctx.textBaseline = 'middle';
  const upper = style.textTransform === 'uppercase';
  const range = document.createRange();
  for (const m of text.matchAll(/\S+/g)) {
    range.setStart(node, m.index);
    range.setEnd(node, m.index + m[0].length);
    const r = range.getBoundingClientRect();
    if (r.width < 1) continue;
    ctx.fillText(
      upper ? m[0].toUpperCase() : m[0],
      r.left - o.left,
      r.top - o.top + r.height / 2,
      r.width + 2,
    );
  }
}

/** Skips the frame's own controls (the Save PNG button) and anything not shown. */
function hidden(el: Element): boolean {
  if (el.hasAttribute('data-png-skip')) return true;
  const style = getComputedStyle(el);
  if (style.display === 'none' || style.visibility === 'hidden') return true;
  // A clipped speck is a visually hidden label; a 0x0 box with visible overflow (recharts' sizer) is not.
  const r = el.getBoundingClientRect();
  return r.width <= 1 && r.height <= 1 && style.overflow !== 'visible';
}

async function drawTree(ctx: CanvasRenderingContext2D, el: Element, o: Origin, root: boolean): Promise<void> {
  if (hidden(el)) return;
  if (el instanceof SVGSVGElement) {
    const r = el.getBoundingClientRect();
    const markup = standaloneSvg(el, r.width, r.height);
    const img = await loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`);
    ctx.drawImage(img, r.left - o.left, r.top - o.top, r.width, r.height);
    return;
  }
  if (!root) drawBox(ctx, el, o);
  for (const child of el.childNodes) {
    if (child instanceof Text) drawText(ctx, child, o);
    else if (child instanceof Element) await drawTree(ctx, child, o, false);
  }
}

/** The frame (a <figure>, say) as PNG bytes, at `scale` pixels per CSS pixel. */
export async function elementToPng(frame: HTMLElement, scale = 2, padding = 16): Promise<Blob> {
  const r = frame.getBoundingClientRect();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil((r.width + 2 * padding) * scale);
  canvas.height = Math.ceil((r.height + 2 * padding) * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw on a canvas');
  ctx.scale(scale, scale);
  ctx.fillStyle = backdrop(frame);
  ctx.fillRect(0, 0, r.width + 2 * padding, r.height + 2 * padding);
  await drawTree(ctx, frame, { left: r.left - padding, top: r.top - padding }, true);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded'))),
      'image/png',
    ),
  );
}
