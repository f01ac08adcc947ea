-- StorageWatch's hourly features table from CloudTrail S3 data events,
-- in Athena (Trino SQL), over the table that Athena's CloudTrail console
-- integration creates (named cloudtrail_logs here; columns eventtime,
-- eventsource, eventname, useridentity, requestparameters, resources,
-- sourceipaddress, vpcendpointid, useragent, errorcode,
-- additionaleventdata, recipientaccountid, eventid, requestid).
--
-- Each rule mirrors StorageWatch's CloudTrail adapter (see the Events and
-- Spark-Features articles), with these differences: session names and
-- user agents are measured in characters, not UTF-8 bytes (they differ
-- only for non-ASCII text); IPv6 sources are kept as logged, not
-- rewritten in RFC 5952 form, and are all taken as public; resources are
-- read only for the bucket, object key and bucket owner. Add a WHERE on
-- the table's partition columns to read only the days needed.
-- Export the result as CSV (UNLOAD ... WITH (format = 'TEXTFILE',
-- field_delimiter = ',')) or JSON; storagewatch detect --features reads
-- either.
WITH events AS (
  SELECT
    eventid AS event_id,
    COALESCE(eventid, requestid) AS sample_id,
    CAST(to_unixtime(from_iso8601_timestamp(eventtime)) AS BIGINT)
      * 1000000000 AS time_ns,
    eventname AS operation,
    NULLIF(recipientaccountid, '') AS recipient,
    NULLIF(json_extract_scalar(requestparameters, '$.bucketName'), '')
      AS parameter_bucket,
    NULLIF(json_extract_scalar(requestparameters, '$.key'), '') AS parameter_key,
    useridentity.type AS identity_type,
    NULLIF(useridentity.arn, '') AS arn,
    NULLIF(useridentity.accountid, '') AS identity_account,
    NULLIF(useridentity.principalid, '') AS principal_id,
    NULLIF(useridentity.username, '') AS user_name,
    NULLIF(useridentity.invokedby, '') AS invoked_by,
    NULLIF(useridentity.sessioncontext.sessionissuer.arn, '') AS issuer_arn,
    NULLIF(useridentity.sessioncontext.sessionissuer.username, '')
      AS issuer_name,
    errorcode,
    NULLIF(vpcendpointid, '') AS endpoint,
    NULLIF(sourceipaddress, '') AS address,
    CASE
      WHEN useragent LIKE '[%]' THEN substr(useragent, 2, length(useragent) - 2)
      ELSE NULLIF(useragent, '')
    END AS user_agent,
    TRY_CAST(json_extract_scalar(additionaleventdata, '$.bytesTransferredOut')
      AS BIGINT) AS bytes_out,
    TRY_CAST(json_extract_scalar(additionaleventdata, '$.bytesTransferredIn')
      AS BIGINT) AS bytes_in
  FROM cloudtrail_logs
  WHERE eventsource = 's3.amazonaws.com'
    AND eventname IS NOT NULL
    AND COALESCE(eventtype, '') <> 'AwsCloudTrailInsight'
),

-- The session name of an assumed role: after the last '/' of the ARN's
-- resource part, or after ':' in the principal id.
sessions AS (
  SELECT *,
    CASE
      WHEN identity_type = 'AssumedRole'
        AND regexp_like(arn, '^([^:]*:){5}assumed-role/[^/]*/')
        THEN regexp_extract(arn, '^(?:[^:]*:){5}assumed-role/[^/]*/(.*)$', 1)
      WHEN identity_type = 'AssumedRole'
        AND NOT regexp_like(COALESCE(arn, ''), '^([^:]*:){5}assumed-role/')
        AND strpos(principal_id, ':') > 0
        THEN substr(principal_id, strpos(principal_id, ':') + 1)
    END AS session_name,
    regexp_extract(arn, '^(?:[^:]*:){5}assumed-role/([^/]*)', 1) AS role_name
  FROM events
),

-- A session name is ephemeral when empty or when a token between
-- - _ . : @ = , + / is 6+ digits, 8+ hex digits with digits and letters,
-- or 10+ characters with 2+ digits and 2+ letters.
ephemeral AS (
  SELECT *,
    session_name IS NULL OR session_name = '' OR cardinality(filter(
      split(regexp_replace(session_name, '[-_.:@=,+/]', '-'), '-'),
      t -> (length(t) >= 6 AND regexp_like(t, '^[0-9]+$'))
        OR (length(t) >= 8 AND regexp_like(t, '^[0-9A-Fa-f]+$')
          AND regexp_like(t, '[0-9]') AND regexp_like(t, '[A-Fa-f]'))
        OR (length(t) >= 10
          AND length(regexp_replace(t, '[^0-9]', '')) >= 2
          AND length(regexp_replace(t, '[^A-Za-z]', '')) >= 2)
    )) > 0 AS is_ephemeral
  FROM sessions
),

normalized AS (
  SELECT
    event_id, sample_id, time_ns, operation, bytes_out, bytes_in, user_agent,
    CASE
      WHEN identity_type IS NULL THEN 'unknown'
      WHEN identity_type = 'IAMUser' THEN COALESCE(arn,
        'arn:aws:iam::' || COALESCE(identity_account, 'unknown') || ':user/'
          || COALESCE(user_name, '?'))
      WHEN identity_type = 'AssumedRole' AND arn IS NOT NULL
        AND session_name IS NOT NULL AND NOT is_ephemeral THEN arn
      WHEN identity_type = 'AssumedRole' THEN COALESCE(issuer_arn,
        'arn:aws:iam::' || COALESCE(identity_account, 'unknown') || ':role/'
          || COALESCE(NULLIF(role_name, ''), issuer_name, 'unknown'))
      WHEN identity_type = 'Root' THEN COALESCE(arn,
        'arn:aws:iam::' || COALESCE(identity_account, 'unknown') || ':root')
      WHEN identity_type = 'FederatedUser'
        THEN COALESCE(arn, principal_id, 'unknown')
      WHEN identity_type = 'AWSService' THEN COALESCE(invoked_by, 'aws-service')
      WHEN identity_type = 'AWSAccount' AND identity_account = 'anonymous'
        THEN 'anonymous'
      WHEN identity_type = 'AWSAccount' THEN 'aws-account:'
        || COALESCE(identity_account, 'unknown') || '/'
        || COALESCE(principal_id, '')
      WHEN invoked_by IS NOT NULL AND arn IS NULL THEN invoked_by
      ELSE COALESCE(arn, user_name, principal_id, 'unknown')
    END AS principal,
    CASE
      WHEN identity_type IS NULL THEN 'unknown'
      WHEN identity_type = 'IAMUser' THEN 'user'
      WHEN identity_type = 'AssumedRole' AND arn IS NOT NULL
        AND session_name IS NOT NULL AND NOT is_ephemeral THEN 'role-session'
      WHEN identity_type = 'AssumedRole' THEN 'role'
      WHEN identity_type = 'Root' THEN 'account-root'
      WHEN identity_type = 'FederatedUser' THEN 'federated-user'
      WHEN identity_type = 'AWSService' THEN 'service'
      WHEN identity_type = 'AWSAccount' AND identity_account = 'anonymous'
        THEN 'anonymous'
      WHEN identity_type = 'AWSAccount' THEN 'unknown'
      WHEN invoked_by IS NOT NULL AND arn IS NULL THEN 'service'
      WHEN COALESCE(arn, user_name, principal_id) IS NULL THEN 'unknown'
      ELSE 'user'
    END AS principal_kind,
    CASE
      WHEN operation IN ('GetObject', 'GetObjectTorrent',
        'SelectObjectContent', 'GetObjectVersion') THEN 'read'
      WHEN operation IN ('ListObjects', 'ListObjectsV2', 'ListObjectVersions',
        'ListBucket', 'ListBuckets', 'ListAllMyBuckets',
        'ListMultipartUploads', 'ListParts', 'ListBucketVersions',
        'ListDirectoryBuckets', 'ListAccessPoints') THEN 'list'
      WHEN operation IN ('DeleteObject', 'DeleteObjects', 'DeleteObjectVersion',
        'DeleteBucket', 'AbortMultipartUpload') THEN 'delete'
      WHEN operation IN ('PutBucketAcl', 'PutObjectAcl', 'PutBucketPolicy',
        'DeleteBucketPolicy', 'PutBucketPublicAccessBlock',
        'DeleteBucketPublicAccessBlock', 'PutAccountPublicAccessBlock',
        'DeleteAccountPublicAccessBlock', 'PutBucketOwnershipControls',
        'DeleteBucketOwnershipControls', 'PutAccessPointPolicy',
        'DeleteAccessPointPolicy', 'PutAccessPointPublicAccessBlock',
        'DeleteAccessPointPublicAccessBlock',
        'PutMultiRegionAccessPointPolicy') THEN 'permission-change'
      WHEN operation IN ('HeadObject', 'HeadBucket', 'GetObjectAcl',
        'GetObjectAttributes', 'GetObjectTagging', 'GetObjectRetention',
        'GetObjectLegalHold') THEN 'metadata-read'
      WHEN operation IN ('PutObject', 'CopyObject', 'UploadPart',
        'UploadPartCopy', 'CreateMultipartUpload', 'CompleteMultipartUpload',
        'RestoreObject', 'PostObject', 'CreateBucket',
        'WriteGetObjectResponse') THEN 'write'
      WHEN operation LIKE 'Get%' OR operation LIKE 'Head%' THEN 'metadata-read'
      WHEN operation LIKE 'List%' THEN 'list'
      WHEN operation LIKE 'Delete%' AND operation NOT IN (
        'DeleteObjectTagging', 'DeleteBucketTagging', 'DeleteBucketCors',
        'DeleteBucketLifecycle', 'DeleteBucketReplication',
        'DeleteBucketEncryption', 'DeleteBucketWebsite',
        'DeleteBucketMetricsConfiguration',
        'DeleteBucketAnalyticsConfiguration',
        'DeleteBucketInventoryConfiguration',
        'DeleteBucketIntelligentTieringConfiguration') THEN 'delete'
      WHEN operation LIKE 'Delete%' THEN 'write'
      WHEN operation LIKE 'Put%' OR operation LIKE 'Create%'
        OR operation LIKE 'Restore%' OR operation LIKE 'Copy%'
        OR operation LIKE 'Upload%' OR operation LIKE 'Complete%' THEN 'write'
      ELSE 'other'
    END AS action,
    CASE
      WHEN errorcode IS NULL OR errorcode = '' THEN 'success'
      WHEN strpos(errorcode, 'AccessDenied') > 0
        OR strpos(errorcode, 'Unauthorized') > 0
        OR strpos(errorcode, 'Forbidden') > 0
        OR errorcode IN ('AllAccessDisabled', 'InvalidAccessKeyId',
          'SignatureDoesNotMatch', 'ExpiredToken', 'InvalidToken',
          'TokenRefreshRequired', 'AccountProblem', 'InvalidSecurity',
          'MissingSecurityHeader', 'NotSignedUp', 'RequestTimeTooSkewed')
        THEN 'denied'
      ELSE 'error'
    END AS outcome,
    parameter_bucket AS bucket,
    parameter_key AS object_key,
    recipient AS account,
    CASE
      WHEN endpoint IS NOT NULL THEN 'private:' || endpoint
      WHEN address IS NULL OR address = '-' THEN NULL
      WHEN regexp_like(address, '^(10|127)\.[0-9]+\.[0-9]+\.[0-9]+$')
        OR regexp_like(address, '^172\.(1[6-9]|2[0-9]|3[01])\.[0-9]+\.[0-9]+$')
        OR regexp_like(address, '^192\.168\.[0-9]+\.[0-9]+$')
        OR regexp_like(address, '^169\.254\.[0-9]+\.[0-9]+$')
        OR regexp_like(address,
          '^100\.(6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7])\.[0-9]+\.[0-9]+$')
        OR address = '0.0.0.0'
        OR regexp_like(lower(address), '^(::1?|f[cd][0-9a-f]*:.*|fe[89ab][0-9a-f]:.*)$')
        THEN 'private:private'
      WHEN regexp_like(address, '^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$')
        OR regexp_like(address, '^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$')
        THEN 'public:' || address
      ELSE 'service:' || address
    END AS source
  FROM ephemeral
),

deduplicated AS (
  SELECT * FROM (
    SELECT *, row_number() OVER (
      PARTITION BY COALESCE(event_id, sample_id || ':' || CAST(time_ns AS VARCHAR))
      ORDER BY time_ns) AS copy
    FROM normalized
  ) AS numbered
  WHERE copy = 1 OR event_id IS NULL
),

hourly_events AS (
  SELECT *,
    CAST(floor(time_ns / 3600000000000.0) AS BIGINT) AS hour_index,
    CASE WHEN object_key IS NOT NULL
      THEN COALESCE(bucket, '') || '/' || object_key END AS object_id,
    CASE WHEN object_key IS NOT NULL AND bucket IS NOT NULL
      THEN bucket || '/' || object_key
      WHEN object_key IS NOT NULL THEN object_key END AS object_text
  FROM deduplicated
),

principals AS (
  SELECT principal,
    min_by(principal_kind, time_ns) AS principal_kind,
    array_sort(array_distinct(array_agg(account) FILTER (
      WHERE account IS NOT NULL))) AS accounts
  FROM hourly_events
  GROUP BY principal
),

bucket_counts AS (
  SELECT principal, hour_index, map(array_agg(bucket), array_agg(n)) AS buckets
  FROM (SELECT principal, hour_index, bucket, count(*) AS n
    FROM hourly_events WHERE bucket IS NOT NULL
    GROUP BY principal, hour_index, bucket) AS c
  GROUP BY principal, hour_index
),

source_counts AS (
  SELECT principal, hour_index, map(array_agg(source), array_agg(n)) AS sources
  FROM (SELECT principal, hour_index, source, count(*) AS n
    FROM hourly_events WHERE source IS NOT NULL
    GROUP BY principal, hour_index, source) AS c
  GROUP BY principal, hour_index
),

agent_counts AS (
  SELECT principal, hour_index, map(array_agg(user_agent), array_agg(n)) AS user_agents
  FROM (SELECT principal, hour_index, user_agent, count(*) AS n
    FROM hourly_events WHERE user_agent IS NOT NULL
    GROUP BY principal, hour_index, user_agent) AS c
  GROUP BY principal, hour_index
),

operation_counts AS (
  SELECT principal, hour_index, map(array_agg(operation), array_agg(n)) AS operations
  FROM (SELECT principal, hour_index, operation, count(*) AS n
    FROM hourly_events GROUP BY principal, hour_index, operation) AS c
  GROUP BY principal, hour_index
),

hourly AS (
  SELECT
    principal, hour_index,
    count(*) AS events,
    count_if(action = 'read') AS "read",
    count_if(action = 'write') AS "write",
    count_if(action = 'delete') AS "delete",
    count_if(action = 'list') AS "list",
    count_if(action = 'metadata-read') AS metadata_read,
    count_if(action = 'permission-change') AS permission_change,
    count_if(action = 'other') AS other,
    count_if(outcome = 'denied') AS denied,
    count_if(outcome = 'error') AS errors,
    COALESCE(sum(greatest(bytes_out, 0)), 0) AS bytes_out,
    COALESCE(sum(greatest(bytes_in, 0)), 0) AS bytes_in,
    count_if(bytes_out IS NOT NULL OR bytes_in IS NOT NULL) > 0
      AS has_byte_counts,
    count(DISTINCT object_id) AS distinct_objects,
    count(DISTINCT CASE WHEN action = 'read' THEN object_id END)
      AS distinct_objects_read,
    min(time_ns) AS first_time_ns,
    max(time_ns) AS last_time_ns,
    slice(array_sort(array_distinct(array_agg(object_text) FILTER (
      WHERE object_text IS NOT NULL))), 1, 5) AS sample_objects,
    slice(array_sort(array_distinct(array_agg(sample_id) FILTER (
      WHERE sample_id IS NOT NULL))), 1, 5) AS sample_event_ids
  FROM hourly_events
  GROUP BY principal, hour_index
)

SELECT
  h.principal, p.principal_kind, 'aws' AS provider,
  date_format(from_unixtime(h.hour_index * 3600), '%Y-%m-%dT%H:00:00Z')
    AS hour,
  h.events, h."read", h."write", h."delete", h."list", h.metadata_read,
  h.permission_change, h.other, h.denied, h.errors, h.bytes_out, h.bytes_in,
  h.has_byte_counts, h.distinct_objects, h.distinct_objects_read,
  h.first_time_ns, h.last_time_ns,
  json_format(CAST(p.accounts AS JSON)) AS accounts,
  json_format(CAST(COALESCE(b.buckets, MAP()) AS JSON)) AS buckets,
  json_format(CAST(COALESCE(s.sources, MAP()) AS JSON)) AS sources,
  json_format(CAST(COALESCE(a.user_agents, MAP()) AS JSON)) AS user_agents,
  json_format(CAST(COALESCE(o.operations, MAP()) AS JSON)) AS operations,
  json_format(CAST(h.sample_objects AS JSON)) AS sample_objects,
  json_format(CAST(h.sample_event_ids AS JSON)) AS sample_event_ids
FROM hourly AS h
JOIN principals AS p ON p.principal = h.principal
LEFT JOIN bucket_counts AS b
  ON b.principal = h.principal AND b.hour_index = h.hour_index
LEFT JOIN source_counts AS s
  ON s.principal = h.principal AND s.hour_index = h.hour_index
LEFT JOIN agent_counts AS a
  ON a.principal = h.principal AND a.hour_index = h.hour_index
LEFT JOIN operation_counts AS o
  ON o.principal = h.principal AND o.hour_index = h.hour_index
ORDER BY h.principal, h.hour_index
