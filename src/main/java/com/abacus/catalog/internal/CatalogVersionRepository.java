package com.abacus.catalog.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Published versions are append-only: a row is never updated or deleted. */
@Repository
public class CatalogVersionRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    CatalogVersionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record StoredVersion(int number, String checksum, Instant publishedAt, CatalogSources sources) {}

    public Optional<StoredVersion> latest() {
        return jdbc.sql(
                        "select version, checksum, published_at, sources from catalog_version order by version desc limit 1")
                .query((rs, n) -> map(rs))
                .optional();
    }

    public Optional<StoredVersion> find(int version) {
        return jdbc.sql("select version, checksum, published_at, sources from catalog_version where version = :v")
                .param("v", version)
                .query((rs, n) -> map(rs))
                .optional();
    }

    public List<Integer> numbers() {
        return jdbc.sql("select version from catalog_version order by version desc")
                .query(Integer.class)
                .list();
    }

    public void insert(int version, String checksum, Instant publishedAt, CatalogSources sources) {
        jdbc.sql("""
                        insert into catalog_version (version, checksum, published_at, sources)
                        values (:v, :checksum, :publishedAt, cast(:sources as jsonb))
                        """)
                .param("v", version)
                .param("checksum", checksum)
                .param("publishedAt", Timestamp.from(publishedAt))
                .param("sources", JSON.writeValueAsString(sources.files()))
                .update();
    }

    /** Serialises publication across instances starting at once; released at commit. */
    public void lockForPublication() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('abacus.catalog.publish'))")
                .query()
                .singleRow();
    }

    private static StoredVersion map(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, String> files =
                JSON.readValue(rs.getString("sources"), new TypeReference<Map<String, String>>() {});
        return new StoredVersion(
                rs.getInt("version"),
                rs.getString("checksum"),
                rs.getTimestamp("published_at").toInstant(),
                new CatalogSources(new TreeMap<>(files)));
    }
}
