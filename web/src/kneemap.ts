// The knee map: a front view of a right knee where each painful area is a focusable, labelled
// checkbox (click, tap, Space or Enter). Region ids are the pain_location answer values.

import { h, s } from './dom';

export interface Region {
  id: string;
  label: string;
  shape: () => SVGElement;
}

export const REGIONS: Region[] = [
  {
    id: 'above_joint_line',
    label: 'Just above the joint line, on the inner thigh bone',
    shape: () => s('ellipse', { cx: 168, cy: 112, rx: 30, ry: 22 }),
  },
  {
    id: 'joint_line',
    label: 'On the inner joint line',
    shape: () => s('rect', { x: 128, y: 142, width: 78, height: 18, rx: 8 }),
  },
  {
    id: 'below_joint_line',
    label: 'A few centimetres below the joint line, on the soft inner shin',
    shape: () => s('ellipse', { cx: 170, cy: 198, rx: 24, ry: 22 }),
  },
  {
    id: 'upper_shin_bone',
    label: 'On the bone of the upper shin',
    shape: () => s('ellipse', { cx: 122, cy: 222, rx: 22, ry: 28 }),
  },
];

/// `selected` is changed in place; `onChange` runs after every toggle.
export function kneeMap(selected: Set<string>, available: Set<string>, onChange: () => void): HTMLElement {
  const svg = s('svg', {
    viewBox: '0 0 260 330',
    class: 'kneemap',
    role: 'group',
    'aria-label': 'Knee map: choose every area where it hurts',
  });
  // Bones and kneecap: decoration only.
  const art = s('g', { 'aria-hidden': 'true', class: 'art' });
  art.appendChild(s('path', { d: 'M70 0 L190 0 L196 120 Q200 150 170 146 L90 146 Q60 150 64 120 Z', class: 'bone' }));
  art.appendChild(s('path', { d: 'M78 160 L186 160 Q196 178 172 196 L166 330 L98 330 L92 196 Q70 178 78 160 Z', class: 'bone' }));
  art.appendChild(s('ellipse', { cx: 124, cy: 104, rx: 26, ry: 32, class: 'patella' }));
  art.appendChild(s('line', { x1: 60, y1: 153, x2: 210, y2: 153, class: 'jointline' }));
  art.appendChild(s('text', { x: 250, y: 20, 'text-anchor': 'end', class: 'maplabel' }, 'inner side →'));
  art.appendChild(s('text', { x: 6, y: 20, class: 'maplabel' }, 'right knee, front'));
  svg.appendChild(art);

  const legend = h('p', { class: 'maplegend', 'aria-live': 'polite' });
  const refresh = () => {
    const names = REGIONS.filter((r) => selected.has(r.id)).map((r) => r.label.toLowerCase());
    legend.textContent = names.length ? `Selected: ${names.join('; ')}.` : 'Nothing selected yet.';
  };
  for (const r of REGIONS) {
    if (!available.has(r.id)) continue;
    const g = s('g', {
      class: 'region',
      role: 'checkbox',
      tabindex: 0,
      'aria-label': r.label,
      'aria-checked': String(selected.has(r.id)),
      'data-region': r.id,
    });
    g.appendChild(s('title', {}, r.label));
    g.appendChild(r.shape());
    const toggle = () => {
      if (selected.has(r.id)) selected.delete(r.id);
      else selected.add(r.id);
      g.setAttribute('aria-checked', String(selected.has(r.id)));
      refresh();
      onChange();
    };
    g.addEventListener('click', toggle);
    g.addEventListener('keydown', (e) => {
      const k = (e as KeyboardEvent).key;
      if (k === ' ' || k === 'Enter') {
        e.preventDefault();
        toggle();
      }
    });
    svg.appendChild(g);
  }
  refresh();
  return h('div', { class: 'kneemap-wrap' }, svg, legend);
}
