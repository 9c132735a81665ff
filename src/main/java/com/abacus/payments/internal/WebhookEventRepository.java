package com.abacus.payments.internal;

import com.abacus.payments.Processor;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class WebhookEventRepository {

    private final JdbcClient jdbc;

    WebhookEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a delivery; false when this event was already handled (a redelivery). */
    public boolean firstDelivery(Processor processor, String eventId, String type, Instant now) {
        return jdbc.sql("""
                        insert into processor_webhook_event (processor, event_id, event_type, received_at)
                        values (:processor, :id, :type, :now) on conflict do nothing
                        """)
                        .param("processor", processor.name())
                        .param("id", eventId)
                        .param("type", type)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }
}
