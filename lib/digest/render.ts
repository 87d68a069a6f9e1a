/** Renders one member's weekly digest to a subject, an HTML part and a plain-text part. */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { DigestEmail } from "./html";
import { renderText } from "./text";
import { buildView, subjectOf } from "./view-model";
import type { DigestData, RenderedDigest } from "./types";

export function renderDigest(data: DigestData): RenderedDigest {
  const view = buildView(data);
  const subject = subjectOf(data, view);
  const preheader = `${view.spend.thisWeek} spent (${view.spend.change.percent} vs last week)${view.forecast ? `, ${view.forecast.month} forecast ${view.forecast.amount}` : ""}.`;
  const html = `<!DOCTYPE html>${renderToStaticMarkup(createElement(DigestEmail, { view, preheader, subject }))}`;
  return { subject, preheader, html, text: renderText(view) };
}
