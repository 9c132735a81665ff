package com.abacus.accounts.internal;

import com.abacus.accounts.TestClock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class TestClockRepository {

    private static final String COLUMNS =
            "select id, name, frozen_time, status, advance_to, last_advance, created_at from test_clock";

    private final JdbcClient jdbc;

    TestClockRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(TestClock clock) {
        jdbc.sql("""
                        insert into test_clock (id, name, frozen_time, status, created_at)
                        values (:id, :name, :frozen, 'READY', :created)
                        """)
                .param("id", clock.id())
                .param("name", clock.name())
                .param("frozen", Timestamp.from(clock.frozenTime()))
                .param("created", Timestamp.from(clock.createdAt()))
                .update();
    }

    public Optional<TestClock> find(UUID id) {
        return jdbc.sql(COLUMNS + " where id = :id")
                .param("id", id)
                .query(TestClockRepository::map)
                .optional();
    }

    public List<TestClock> all() {
        return jdbc.sql(COLUMNS + " order by created_at desc, id")
                .query(TestClockRepository::map)
                .list();
    }

    /** Ready → advancing towards {@code to}, only forward; false if it is advancing already or {@code to} is not later. */
    public boolean startAdvance(UUID id, Instant to, Instant now) {
        return jdbc.sql("""
                                update test_clock set status = 'ADVANCING', advance_to = :to, heartbeat_at = :now
                                where id = :id and status = 'READY' and frozen_time < :to
                                """)
                        .param("to", Timestamp.from(to))
                        .param("now", Timestamp.from(now))
                        .param("id", id)
                        .update()
                == 1;
    }

    /** How far a running advance got: the clock now shows {@code reached}. */
    public void reached(UUID id, Instant reached, Instant now) {
        jdbc.sql("""
                        update test_clock set frozen_time = greatest(frozen_time, :reached), heartbeat_at = :now
                        where id = :id and status = 'ADVANCING'
                        """)
                .param("reached", Timestamp.from(reached))
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    public void finish(UUID id, String summary) {
        jdbc.sql("""
                        update test_clock set status = 'READY', frozen_time = coalesce(advance_to, frozen_time),
                            advance_to = null, heartbeat_at = null, last_advance = :summary
                        where id = :id and status = 'ADVANCING'
                        """).param("summary", summary).param("id", id).update();
    }

    /** Advances whose instance stopped reporting (it died): another instance takes them up. */
    public List<UUID> stalled(Instant heartbeatBefore) {
        return jdbc.sql("select id from test_clock where status = 'ADVANCING' and heartbeat_at < :before")
                .param("before", Timestamp.from(heartbeatBefore))
                .query(UUID.class)
                .list();
    }

    /** Claims a stalled advance for this instance; false if another instance claimed it first. */
    public boolean claim(UUID id, Instant heartbeatBefore, Instant now) {
        return jdbc.sql("""
                                update test_clock set heartbeat_at = :now
                                where id = :id and status = 'ADVANCING' and heartbeat_at < :before
                                """)
                        .param("now", Timestamp.from(now))
                        .param("before", Timestamp.from(heartbeatBefore))
                        .param("id", id)
                        .update()
                == 1;
    }

    public boolean delete(UUID id) {
        return jdbc.sql("delete from test_clock where id = :id").param("id", id).update() == 1;
    }

    private static TestClock map(ResultSet rs, int row) throws SQLException {
        return new TestClock(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getTimestamp("frozen_time").toInstant(),
                TestClock.Status.valueOf(rs.getString("status")),
                instant(rs.getTimestamp("advance_to")),
                rs.getString("last_advance"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static @Nullable Instant instant(@Nullable Timestamp value) {
        return value == null ? null : value.toInstant();
    }
}
