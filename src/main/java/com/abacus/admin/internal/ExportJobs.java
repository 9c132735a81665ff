package com.abacus.admin.internal;

import com.abacus.revenue.ExportFormat;
import com.abacus.revenue.Revenue;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Long exports for the console: written to a temporary file in the background while the page polls the byte count,
 * then downloaded. Jobs live on the instance that started them (the console polls the same instance through the
 * session's sticky routing); the API streams directly instead.
 */
@Component
public class ExportJobs {

    public enum Status {
        RUNNING,
        DONE,
        FAILED
    }

    public static final class Job {
        private final UUID id;
        private final YearMonth period;
        private final ExportFormat format;
        private final Path file;
        private final AtomicLong bytes = new AtomicLong();
        private final long startedAt = System.nanoTime();
        private volatile Status status = Status.RUNNING;
        private volatile String error;

        Job(UUID id, YearMonth period, ExportFormat format, Path file) {
            this.id = id;
            this.period = period;
            this.format = format;
            this.file = file;
        }

        public UUID id() {
            return id;
        }

        public YearMonth period() {
            return period;
        }

        public ExportFormat format() {
            return format;
        }

        public Path file() {
            return file;
        }

        public long bytes() {
            return bytes.get();
        }

        public Status status() {
            return status;
        }

        public String error() {
            return error;
        }

        public long seconds() {
            return Duration.ofNanos(System.nanoTime() - startedAt).toSeconds();
        }
    }

    private final Revenue revenue;
    private final TaskExecutor background;
    private final Map<UUID, Job> jobs = new ConcurrentHashMap<>();

    ExportJobs(Revenue revenue, @Qualifier("applicationTaskExecutor") TaskExecutor background) {
        this.revenue = revenue;
        this.background = background;
    }

    public Job start(YearMonth period, ExportFormat format) throws IOException {
        Path file = Files.createTempFile("abacus-export-", ".tmp");
        Job job = new Job(UUID.randomUUID(), period, format, file);
        jobs.put(job.id(), job);
        background.execute(() -> {
            try (OutputStream out = new FilterOutputStream(Files.newOutputStream(file)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    job.bytes.addAndGet(len);
                }
            }) {
                revenue.export(period, format, out);
                job.status = Status.DONE;
            } catch (IOException | RuntimeException e) {
                job.error = e.getMessage();
                job.status = Status.FAILED;
            }
        });
        return job;
    }

    public Optional<Job> find(UUID id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Scheduled(fixedDelayString = "PT10M")
    void forgetOldJobs() {
        jobs.values().removeIf(job -> {
            boolean old = job.seconds() > 3600;
            if (old) {
                try {
                    Files.deleteIfExists(job.file());
                } catch (IOException ignored) {
                    // a temp file the OS will clean up
                }
            }
            return old;
        });
    }
}
