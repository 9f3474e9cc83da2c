import type { DocsAssetName } from "./assets";

/**
 * What the page may load: its own scripts, styles and images, and requests to this origin ("try
 * it"). No inline script or style, nothing from another origin, and no framing by another site.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** The /docs page, loading each asset by its hashed name (relative: `/docs` → `/docs/<name>`). */
export function docsPageHtml(nameOf: (asset: DocsAssetName) => string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tombola API reference</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="docs/${nameOf("swagger-ui.css")}">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/${nameOf("swagger-ui-bundle.js")}"></script>
<script src="docs/${nameOf("swagger-init.js")}"></script>
</body>
</html>
`;
}
