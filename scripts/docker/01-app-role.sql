-- Run once by the postgres image when its data volume is new (docker-compose.yml mounts this folder).
-- The role the app serves as: rows only; `MicroSpa.Web migrate` (as the owner) grants it row access.
CREATE ROLE microspa_app LOGIN NOCREATEDB NOCREATEROLE PASSWORD 'microspa';
