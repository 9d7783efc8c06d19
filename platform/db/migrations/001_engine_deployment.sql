-- Which model file was deployed with which content, so a restart does not deploy an
-- unchanged diagram again and a model's engine version can be traced back to its source.
CREATE TABLE engine_deployment (
  resource_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  process_definition_key TEXT NOT NULL,
  version INT NOT NULL,
  deployed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (resource_name, sha256)
);
