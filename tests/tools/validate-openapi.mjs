// Validates an OpenAPI document with swagger-parser (schema of the OpenAPI version, $refs, semantic rules).
// Usage: node validate-openapi.mjs <openapi.json>; exit 0 when valid, else 1 with the errors printed.
import SwaggerParser from '@apidevtools/swagger-parser';

try {
  const api = await SwaggerParser.validate(process.argv[2]);
  console.log(`valid: ${api.info.title} ${api.info.version}, ${Object.keys(api.paths).length} paths`);
} catch (err) {
  console.error(err.message);
  for (const detail of err.details ?? []) console.error(JSON.stringify(detail));
  process.exit(1);
}
