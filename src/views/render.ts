/** Renders a page's view data into elements; the same code runs at build time and in the browser. */
import type { ViewData } from './model.ts';
import type { RenderContext } from './render-context.ts';
import { renderComplaints, renderTraining, renderWorkforce } from './render-operations.ts';
import { renderQuality } from './render-quality.ts';
import { renderOverview, renderSatisfaction } from './render-satisfaction.ts';

/** The page's content elements, in order. */
export function renderView(c: RenderContext, d: ViewData): HTMLElement[] {
  switch (d.page) {
    case 'overview': return renderOverview(c, d);
    case 'satisfaction': return renderSatisfaction(c, d);
    case 'complaints': return renderComplaints(c, d);
    case 'training': return renderTraining(c, d);
    case 'workforce': return renderWorkforce(c, d);
    case 'quality': return renderQuality(c, d);
  }
}
