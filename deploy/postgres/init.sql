-- Runs once, when the postgres container initialises an empty data directory.
-- One database per service: a service never reads another service's database.
-- (Each service also creates its own database at boot if it is missing.)
CREATE DATABASE serviceloop_commitments;
CREATE DATABASE serviceloop_scheduling;
CREATE DATABASE serviceloop_field_execution;
CREATE DATABASE serviceloop_billing;
CREATE DATABASE serviceloop_analytics;
