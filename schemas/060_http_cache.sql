-- grain: one row per URL the fetcher may revalidate with a conditional GET
-- (ETag / Last-Modified), pointing at the archived body those validators describe.
CREATE TABLE http_cache (
    url            VARCHAR NOT NULL,
    etag           VARCHAR,
    last_modified  VARCHAR,
    sha256         VARCHAR NOT NULL,   -- raw archive key of the body
    updated_at     TIMESTAMP NOT NULL
);
