/** Renders one member's weekly digest to a subject, an HTML part and a plain-text part. */
import { createRequire } from "node:module";
import { createElement, type ReactElement } from "react";
import { DigestEmail } from "./html";
import { renderText } from "./text";
import { buildView, subjectOf } from "./view-model";
import type { DigestData, RenderedDigest } from "./types";

/**
 * Next.js refuses `react-dom/server` in the app's server graph (it wants pages rendered as
 * Server Components); an email is a string, not a page, so it is loaded at run time from
 * node_modules, out of the bundler's sight.
 */
const REACT_DOM_SERVER = "react-dom/server";
let renderToStaticMarkup: ((element: ReactElement) => string) | undefined;
function staticMarkup(element: ReactElement): string {
  renderToStaticMarkup ??= (
    createRequire(import.meta.url)(REACT_DOM_SERVER) as { renderToStaticMarkup: (element: ReactElement) => string }
  ).renderToStaticMarkup;
  return renderToStaticMarkup(element);
}

export function renderDigest(data: DigestData): RenderedDigest {
  const view = buildView(data);
  const subject = subjectOf(data, view);
  const preheader = `${view.spend.thisWeek} spent (${view.spend.change.percent} vs last week)${view.forecast ? `, ${view.forecast.month} forecast ${view.forecast.amount}` : ""}.`;
  const html = `<!DOCTYPE html>${staticMarkup(createElement(DigestEmail, { view, preheader, subject }))}`;
  return { subject, preheader, html, text: renderText(view) };
}
