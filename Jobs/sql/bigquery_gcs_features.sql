-- StorageWatch's hourly features table from Cloud Audit Logs of Cloud
-- Storage, in BigQuery (GoogleSQL), over the dataset that a Cloud Logging
-- sink to BigQuery fills: the tables cloudaudit_googleapis_com_data_access
-- (object reads, writes, lists, deletes) and cloudaudit_googleapis_com_activity
-- (bucket and IAM changes). Columns read: timestamp, insertId, logName,
-- resource.labels.bucket_name and .project_id, and, under
-- protopayload_auditlog (the sink's name for an AuditLog protoPayload),
-- serviceName, methodName, resourceName, status.code,
-- authenticationInfo.principalEmail and .principalSubject,
-- requestMetadata.callerIp, .callerSuppliedUserAgent and
-- .requestAttributes.time, and metadataJson. Qualify the table names with
-- the dataset (`project.dataset.table`) and add a WHERE on timestamp to
-- read only the days needed: the tables are partitioned on it. Policy
-- Denied entries (VPC Service Controls) go to
-- cloudaudit_googleapis_com_policy; add it to `entries` the same way
-- when the sink routes that log.
--
-- Each rule mirrors StorageWatch's GCS adapter (see the Events and
-- Spark-Features articles), with these differences:
--   * BigQuery keeps timestamps to the microsecond, so time_ns has three
--     zero digits where the log had nanoseconds: first_time_ns and
--     last_time_ns may differ from StorageWatch's by up to 999 ns.
--     Jobs/check/sql_check.py compares every other column, and finds
--     them equal on the simulated logs.
--   * Of metadata.resourceNames (VPC Service Controls denials), only the
--     first name is read, not the first that names a bucket.
--   * Sources are classified by their shape: IPv6 addresses are kept as
--     logged, not rewritten in RFC 5952 form, and all are public except
--     ::1, fc00::/7 and fe80::/10 (IPv4-mapped private addresses are
--     public here); a port is not removed; the older spelling callerIP
--     is not read.
--   * A repeated insertId keeps its earliest copy, not the first read.
-- Export the result as CSV or JSON (EXPORT DATA ... OPTIONS (format =
-- 'CSV' or 'JSON')); storagewatch detect --features reads either.
WITH entries AS (
  SELECT timestamp, insertId, logName, resource, protopayload_auditlog
  FROM cloudaudit_googleapis_com_data_access
  UNION ALL
  SELECT timestamp, insertId, logName, resource, protopayload_auditlog
  FROM cloudaudit_googleapis_com_activity
),

events AS (
  SELECT
    NULLIF(insertId, '') AS event_id,
    UNIX_MICROS(COALESCE(timestamp,
      protopayload_auditlog.requestMetadata.requestAttributes.time)) * 1000
      AS time_ns,
    protopayload_auditlog.methodName AS operation,
    COALESCE(protopayload_auditlog.status.code, 0) AS code,
    NULLIF(protopayload_auditlog.authenticationInfo.principalEmail, '')
      AS email,
    NULLIF(protopayload_auditlog.authenticationInfo.principalSubject, '')
      AS subject,
    COALESCE(NULLIF(resource.labels.project_id, ''),
      NULLIF(REGEXP_EXTRACT(logName, r'^projects/([^/]*)'), ''))
      AS account,
    NULLIF(resource.labels.bucket_name, '') AS label_bucket,
    COALESCE(
      CASE WHEN REGEXP_CONTAINS(protopayload_auditlog.resourceName,
        r'^projects/[^/]*/buckets/[^/]') THEN
        protopayload_auditlog.resourceName END,
      CASE WHEN NULLIF(resource.labels.bucket_name, '') IS NULL THEN
        JSON_EXTRACT_SCALAR(protopayload_auditlog.metadataJson,
          '$.resourceNames[0]') END) AS resource_name,
    NULLIF(protopayload_auditlog.requestMetadata.callerIp, '') AS address,
    REGEXP_REPLACE(
      NULLIF(protopayload_auditlog.requestMetadata.callerSuppliedUserAgent,
        ''), r'(,gzip\(gfe\))+$', '') AS user_agent
  FROM entries
  WHERE protopayload_auditlog.serviceName = 'storage.googleapis.com'
    AND (STARTS_WITH(protopayload_auditlog.methodName, 'storage.')
      OR STARTS_WITH(protopayload_auditlog.methodName, 'google.storage.'))
    AND COALESCE(timestamp,
      protopayload_auditlog.requestMetadata.requestAttributes.time)
      IS NOT NULL
),

-- Bucket and object of projects/<p>/buckets/<b>[/objects/<o>]; the
-- labels' bucket wins, and the object is kept only for that bucket.
resources AS (
  SELECT *,
    NULLIF(REGEXP_EXTRACT(resource_name,
      r'^projects/[^/]*/buckets/([^/]+)'), '') AS name_bucket,
    NULLIF(REGEXP_EXTRACT(resource_name,
      r'^projects/[^/]*/buckets/[^/]+/objects/(.*)$'), '') AS name_object,
    REGEXP_EXTRACT(REGEXP_REPLACE(operation, r'^google\.', ''),
      r'([^.]*)\.*$') AS last_segment
  FROM events
),

normalized AS (
  SELECT
    event_id, event_id AS sample_id, time_ns, operation, user_agent,
    account,
    COALESCE(label_bucket, name_bucket) AS bucket,
    CASE WHEN COALESCE(label_bucket, name_bucket) = name_bucket
      THEN name_object END AS object_key,
    CASE
      WHEN email IS NOT NULL THEN email
      WHEN subject IS NOT NULL THEN subject
      WHEN code <> 0 THEN 'unknown'
      ELSE 'anonymous'
    END AS principal,
    CASE
      WHEN email IS NOT NULL AND (
        REGEXP_CONTAINS(email,
          r'@(system|cloudservices)\.gserviceaccount\.com$')
        OR REGEXP_CONTAINS(email,
          r'@gs-project-accounts\.iam\.gserviceaccount\.com$')
        OR REGEXP_CONTAINS(email,
          r'^service-.*@gcp-sa-[^@]*\.iam\.gserviceaccount\.com$'))
        THEN 'service'
      WHEN email IS NOT NULL OR subject IS NOT NULL THEN 'user'
      WHEN code <> 0 THEN 'unknown'
      ELSE 'anonymous'
    END AS principal_kind,
    CASE
      WHEN REGEXP_REPLACE(operation, r'^google\.', '')
        = 'storage.objects.get' THEN 'read'
      WHEN REGEXP_REPLACE(operation, r'^google\.', '') IN (
        'storage.objects.list', 'storage.buckets.list') THEN 'list'
      WHEN REGEXP_REPLACE(operation, r'^google\.', '') IN (
        'storage.objects.delete', 'storage.buckets.delete') THEN 'delete'
      WHEN REGEXP_REPLACE(operation, r'^google\.', '') IN (
        'storage.buckets.get', 'storage.buckets.getIamPolicy',
        'storage.objects.getIamPolicy', 'storage.getIamPermissions')
        THEN 'metadata-read'
      WHEN REGEXP_REPLACE(operation, r'^google\.', '') IN (
        'storage.setIamPermissions', 'storage.buckets.setIamPolicy',
        'storage.objects.setIamPolicy') THEN 'permission-change'
      WHEN STARTS_WITH(last_segment, 'setIam') THEN 'permission-change'
      WHEN STARTS_WITH(last_segment, 'get')
        OR STARTS_WITH(last_segment, 'testIam') THEN 'metadata-read'
      WHEN STARTS_WITH(last_segment, 'list') THEN 'list'
      WHEN last_segment = 'delete' THEN 'delete'
      WHEN last_segment IN ('create', 'insert', 'update', 'patch',
        'compose', 'rewrite', 'copy', 'restore', 'lockRetentionPolicy',
        'move') THEN 'write'
      ELSE 'other'
    END AS action,
    CASE
      WHEN code = 0 THEN 'success'
      WHEN code IN (7, 16) THEN 'denied'
      ELSE 'error'
    END AS outcome,
    CASE
      WHEN address IS NULL OR address = '-' THEN NULL
      WHEN REGEXP_CONTAINS(address, r'^(10|127)\.[0-9]+\.[0-9]+\.[0-9]+$')
        OR REGEXP_CONTAINS(address,
          r'^172\.(1[6-9]|2[0-9]|3[01])\.[0-9]+\.[0-9]+$')
        OR REGEXP_CONTAINS(address, r'^192\.168\.[0-9]+\.[0-9]+$')
        OR REGEXP_CONTAINS(address, r'^169\.254\.[0-9]+\.[0-9]+$')
        OR REGEXP_CONTAINS(address,
          r'^100\.(6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7])\.[0-9]+\.[0-9]+$')
        OR address = '0.0.0.0'
        OR REGEXP_CONTAINS(LOWER(address),
          r'^(::1?|f[cd][0-9a-f]*:.*|fe[89ab][0-9a-f]:.*)$')
        THEN 'private:private'
      WHEN REGEXP_CONTAINS(address, r'^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$')
        OR REGEXP_CONTAINS(address, r'^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$')
        THEN CONCAT('public:', address)
      ELSE CONCAT('service:', address)
    END AS source
  FROM resources
),

deduplicated AS (
  SELECT * EXCEPT (copy) FROM (
    SELECT *, ROW_NUMBER() OVER (
      PARTITION BY COALESCE(event_id, CAST(time_ns AS STRING))
      ORDER BY time_ns) AS copy
    FROM normalized
  )
  WHERE copy = 1 OR event_id IS NULL
),

hourly_events AS (
  SELECT *,
    DIV(time_ns, 3600000000000) AS hour_index,
    CASE WHEN object_key IS NOT NULL
      THEN CONCAT(COALESCE(bucket, ''), '/', object_key) END AS object_id,
    CASE WHEN object_key IS NOT NULL AND bucket IS NOT NULL
      THEN CONCAT(bucket, '/', object_key)
      WHEN object_key IS NOT NULL THEN object_key END AS object_text
  FROM deduplicated
),

-- A principal's kind is that of its earliest event; its accounts are
-- those of all its events.
principals AS (
  SELECT principal,
    MIN_BY(principal_kind, time_ns) AS principal_kind,
    -- TO_JSON_STRING(NULL) is 'null', so NULL is kept out first.
    CONCAT('[', STRING_AGG(DISTINCT IF(account IS NULL, NULL,
      TO_JSON_STRING(account)), ','), ']') AS accounts
  FROM hourly_events
  GROUP BY principal
),

-- The five smallest object names and event ids per principal and hour.
sample_values AS (
  SELECT *, ROW_NUMBER() OVER (
    PARTITION BY principal, hour_index, name ORDER BY value) AS position
  FROM (
    SELECT DISTINCT principal, hour_index, 'sample_objects' AS name,
      object_text AS value
    FROM hourly_events WHERE object_text IS NOT NULL
    UNION ALL
    SELECT DISTINCT principal, hour_index, 'sample_event_ids', sample_id
    FROM hourly_events WHERE sample_id IS NOT NULL
  )
),

samples AS (
  SELECT principal, hour_index,
    CONCAT('[', STRING_AGG(CASE WHEN name = 'sample_objects'
      THEN TO_JSON_STRING(value) END, ',' ORDER BY value), ']')
      AS sample_objects,
    CONCAT('[', STRING_AGG(CASE WHEN name = 'sample_event_ids'
      THEN TO_JSON_STRING(value) END, ',' ORDER BY value), ']')
      AS sample_event_ids
  FROM sample_values
  WHERE position <= 5
  GROUP BY principal, hour_index
),

-- Requests per bucket, source, user agent and operation, as JSON
-- objects per principal and hour.
value_counts AS (
  SELECT principal, hour_index, 'buckets' AS name, bucket AS value,
    COUNT(*) AS n
  FROM hourly_events WHERE bucket IS NOT NULL
  GROUP BY principal, hour_index, bucket
  UNION ALL
  SELECT principal, hour_index, 'sources', source, COUNT(*)
  FROM hourly_events WHERE source IS NOT NULL
  GROUP BY principal, hour_index, source
  UNION ALL
  SELECT principal, hour_index, 'user_agents', user_agent, COUNT(*)
  FROM hourly_events WHERE user_agent IS NOT NULL
  GROUP BY principal, hour_index, user_agent
  UNION ALL
  SELECT principal, hour_index, 'operations', operation, COUNT(*)
  FROM hourly_events
  GROUP BY principal, hour_index, operation
),

maps AS (
  SELECT principal, hour_index,
    CONCAT('{', STRING_AGG(CASE WHEN name = 'buckets' THEN CONCAT(
      TO_JSON_STRING(value), ':', CAST(n AS STRING)) END, ','), '}')
      AS buckets,
    CONCAT('{', STRING_AGG(CASE WHEN name = 'sources' THEN CONCAT(
      TO_JSON_STRING(value), ':', CAST(n AS STRING)) END, ','), '}')
      AS sources,
    CONCAT('{', STRING_AGG(CASE WHEN name = 'user_agents' THEN CONCAT(
      TO_JSON_STRING(value), ':', CAST(n AS STRING)) END, ','), '}')
      AS user_agents,
    CONCAT('{', STRING_AGG(CASE WHEN name = 'operations' THEN CONCAT(
      TO_JSON_STRING(value), ':', CAST(n AS STRING)) END, ','), '}')
      AS operations
  FROM value_counts
  GROUP BY principal, hour_index
),

hourly AS (
  SELECT
    principal, hour_index,
    COUNT(*) AS events,
    COUNTIF(action = 'read') AS `read`,
    COUNTIF(action = 'write') AS `write`,
    COUNTIF(action = 'delete') AS `delete`,
    COUNTIF(action = 'list') AS `list`,
    COUNTIF(action = 'metadata-read') AS metadata_read,
    COUNTIF(action = 'permission-change') AS permission_change,
    COUNTIF(action = 'other') AS other,
    COUNTIF(outcome = 'denied') AS denied,
    COUNTIF(outcome = 'error') AS errors,
    COUNT(DISTINCT object_id) AS distinct_objects,
    COUNT(DISTINCT CASE WHEN action = 'read' THEN object_id END)
      AS distinct_objects_read,
    MIN(time_ns) AS first_time_ns,
    MAX(time_ns) AS last_time_ns
  FROM hourly_events
  GROUP BY principal, hour_index
)

-- Audit logs carry no byte counts: bytes_out and bytes_in are 0 and
-- has_byte_counts false, as in StorageWatch's table.
SELECT
  h.principal, p.principal_kind, 'gcp' AS provider,
  FORMAT_TIMESTAMP('%Y-%m-%dT%H:00:00Z', TIMESTAMP_SECONDS(h.hour_index * 3600))
    AS hour,
  h.events, h.`read`, h.`write`, h.`delete`, h.`list`, h.metadata_read,
  h.permission_change, h.other, h.denied, h.errors,
  0 AS bytes_out, 0 AS bytes_in, FALSE AS has_byte_counts,
  h.distinct_objects, h.distinct_objects_read,
  h.first_time_ns, h.last_time_ns,
  COALESCE(p.accounts, '[]') AS accounts,
  COALESCE(m.buckets, '{}') AS buckets,
  COALESCE(m.sources, '{}') AS sources,
  COALESCE(m.user_agents, '{}') AS user_agents,
  COALESCE(m.operations, '{}') AS operations,
  COALESCE(x.sample_objects, '[]') AS sample_objects,
  COALESCE(x.sample_event_ids, '[]') AS sample_event_ids
FROM hourly AS h
JOIN principals AS p ON p.principal = h.principal
LEFT JOIN samples AS x
  ON x.principal = h.principal AND x.hour_index = h.hour_index
LEFT JOIN maps AS m
  ON m.principal = h.principal AND m.hour_index = h.hour_index
ORDER BY h.principal, h.hour_index
