-- The engine changed from Camunda 8 (Zeebe) to Operaton. Model versions in the Zeebe dialect and
-- the record of what was deployed to the old engine cannot run on the new one: they go, so the
-- start deploys bpmn/ to Operaton and seeds each region's first version again. On a new database
-- this changes nothing.
DELETE FROM engine_deployment;
DELETE FROM model_version WHERE xml LIKE '%http://camunda.org/schema/zeebe/1.0%';
