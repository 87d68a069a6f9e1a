-- The span or resource attribute names that carry the customer and the feature of a project's
-- OpenTelemetry GenAI spans, tried before the defaults (inferledger.customer, ...).
ALTER TABLE projects
  ADD COLUMN otlp_customer_attributes text[] NOT NULL DEFAULT '{}'::text[],
  ADD COLUMN otlp_feature_attributes text[] NOT NULL DEFAULT '{}'::text[];
