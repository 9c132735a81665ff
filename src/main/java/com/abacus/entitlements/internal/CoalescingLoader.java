package com.abacus.entitlements.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single flight with batching. Concurrent loads of one key share one future; keys that arrive while the workers are
 * busy wait in a queue and are loaded together, up to {@code batchSize} at a time. Under light load a batch is one key
 * and nothing waits for company; under heavy load the queue fills by itself and one round trip serves many keys.
 */
final class CoalescingLoader<K, V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CoalescingLoader.class);

    private final Map<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<K> waiting = new LinkedBlockingQueue<>();
    private final Function<List<K>, Map<K, V>> batchLoad;
    private final int batchSize;
    private final ExecutorService workers;

    /**
     * @param batchLoad loads a batch; a key it leaves out completes with null, a failure fails the whole batch
     */
    CoalescingLoader(Function<List<K>, Map<K, V>> batchLoad, int batchSize, int workerCount, String threadName) {
        this.batchLoad = batchLoad;
        this.batchSize = batchSize;
        AtomicInteger number = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workerCount, runnable -> {
            Thread thread = new Thread(runnable, threadName + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < workerCount; i++) {
            workers.execute(this::work);
        }
    }

    /** The value of {@code key}, loaded once however many ask for it meanwhile. */
    CompletableFuture<V> load(K key) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> pending = inFlight.putIfAbsent(key, mine);
        if (pending != null) {
            return pending;
        }
        waiting.add(key);
        return mine;
    }

    private void work() {
        List<K> batch = new ArrayList<>(batchSize);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            waiting.drainTo(batch, batchSize - 1);
            complete(batch);
            batch.clear();
        }
    }

    private void complete(List<K> batch) {
        Map<K, V> values;
        try {
            values = batchLoad.apply(batch);
        } catch (RuntimeException | Error e) {
            log.warn("Loading {} keys failed: {}", batch.size(), e.toString());
            batch.forEach(key -> inFlight.remove(key).completeExceptionally(e));
            return;
        }
        // Removed before completing: a caller that arrives after removal finds the value where batchLoad put it.
        batch.forEach(key -> inFlight.remove(key).complete(values.get(key)));
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
