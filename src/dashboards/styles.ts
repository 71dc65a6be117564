// The dashboards' few styles, served from /dashboards/assets/dashboards.css (the page's CSP allows
// stylesheets from the same origin only, never inline styles).
export const DASHBOARD_CSS = `
.tiller-chart { max-width: 640px; height: auto; display: block; margin-bottom: 10px; }
.tiller-indicator { border-top: 5px solid #1d70b8; padding-top: 10px; margin-bottom: 40px; }
.tiller-figure { font-size: 2.25rem; font-weight: 700; line-height: 1.1; }
.tiller-figure a { text-decoration-thickness: 2px; }
.tiller-benchmarks { margin-top: 10px; }
.tiller-inline-list li { display: inline-block; margin-right: 20px; }
@media print {
  .govuk-template__header, .govuk-footer, .govuk-service-navigation, .govuk-back-link, .tiller-no-print { display: none !important; }
  .tiller-report-section { break-before: page; }
  .tiller-chart, .govuk-table { break-inside: avoid; }
  a[href]:after { content: none; }
  body { font-size: 11pt; }
}
`;
