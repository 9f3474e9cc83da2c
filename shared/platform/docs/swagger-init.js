// Starts Swagger UI on this API's own document. Every default that would reach another origin
// is off: the validator badge (validator.swagger.io), and loading a document or a configuration
// named in the page's address (?url=, ?configUrl=).
window.addEventListener("load", () => {
  window.ui = window.SwaggerUIBundle({
    url: "openapi.json",
    dom_id: "#swagger-ui",
    validatorUrl: null,
    queryConfigEnabled: false,
    deepLinking: true,
    displayRequestDuration: true,
    defaultModelsExpandDepth: 0,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
