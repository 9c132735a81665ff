package com.abacus.payments.internal;

import com.abacus.payments.ChargeRequest;
import com.abacus.payments.PaymentId;
import com.abacus.payments.Processor;
import com.abacus.payments.internal.processor.PaymentProcessor.ChargeCommand;
import com.abacus.payments.internal.processor.PaymentProcessor.ChargeOutcome;
import com.abacus.payments.internal.processor.PaymentProcessor.Result;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Sends charges to the processors of a route, single or batched: the primary first, the fallback only if nothing
 * reached the primary. Every call is counted (metrics, and the halt monitor's window of the new processor).
 */
@Component
public class ProcessorCalls {

    private final ProcessorRegistry processors;
    private final PaymentRepository payments;
    private final ProcessorAttempts attemptLog;
    private final HaltMonitor haltMonitor;
    private final MeterRegistry meters;
    private final Clock clock;

    ProcessorCalls(
            ProcessorRegistry processors,
            PaymentRepository payments,
            ProcessorAttempts attemptLog,
            HaltMonitor haltMonitor,
            MeterRegistry meters,
            Clock clock) {
        this.processors = processors;
        this.payments = payments;
        this.attemptLog = attemptLog;
        this.haltMonitor = haltMonitor;
        this.meters = meters;
        this.clock = clock;
    }

    /** What a charge's processor calls came to: the slot that answered last and its outcome. */
    public record Sent(Processor processor, ChargeOutcome outcome) {}

    /**
     * The charge through its route. A processor error before anything was charged moves it to the fallback, so the
     * customer can still pay; {@code attempts} collects each call, for {@link #record} with the verdict.
     */
    public Sent send(
            PaymentId payment, Router.Route route, ChargeRequest request, List<ProcessorAttempts.Attempt> attempts) {
        ChargeOutcome outcome = call(route.primary(), route.token(), route.methodType(), request, attempts);
        if (outcome.result() == Result.ERROR && route.fallback() != null) {
            // Recorded before the call: if this instance dies during it, the reconciler asks the processor that has it.
            payments.switchProcessor(payment, route.fallback(), clock.instant());
            return new Sent(
                    route.fallback(),
                    call(route.fallback(), route.fallbackToken(), route.methodType(), request, attempts));
        }
        return new Sent(route.primary(), outcome);
    }

    /** Writes the attempts (the halt monitor's window); call it in the transaction that settles their verdicts. */
    public void record(List<ProcessorAttempts.Attempt> attempts) {
        attemptLog.recordAttempts(attempts, clock.instant());
    }

    private ChargeOutcome call(
            Processor processor,
            String token,
            com.abacus.payments.PaymentMethodType methodType,
            ChargeRequest request,
            List<ProcessorAttempts.Attempt> attempts) {
        ChargeOutcome outcome = processors
                .get(processor)
                .charge(new ChargeCommand(
                        token,
                        request.amount(),
                        request.idempotencyKey(),
                        request.referenceWire(),
                        request.description(),
                        methodType));
        attempts.add(new ProcessorAttempts.Attempt(processor, outcome.result().name(), methodType));
        meters.counter(
                        "abacus.payments.attempts",
                        "processor",
                        processor.slug(),
                        "outcome",
                        outcome.result().name().toLowerCase())
                .increment();
        if (processor == Processor.NEW && (outcome.result() == Result.ERROR || outcome.result() == Result.UNKNOWN)) {
            haltMonitor.newProcessorFailed();
        }
        return outcome;
    }
}
