package com.abacus.payments.internal.processor;

import com.abacus.payments.internal.processor.PaymentProcessor.ChargeOutcome;
import com.abacus.payments.internal.processor.PaymentProcessor.Result;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/** What the HTTP adapters share: a client that gives up after the payment timeout, and what "unreachable" means. */
final class ProcessorHttp {

    private ProcessorHttp() {}

    /** JSON over HTTP/1.1; connecting takes at most 2 s (or the timeout, if shorter), a call at most the timeout. */
    static RestClient.Builder client(URI baseUrl, Duration timeout) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(Math.min(timeout.toMillis(), 2000)))
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(timeout);
        return RestClient.builder()
                .baseUrl(baseUrl.toString())
                .requestFactory(requests)
                .defaultHeader("Accept", "application/json");
    }

    /**
     * A call that never connected was not sent (another processor may try); one that connected and got no answer may
     * have moved money (unknown, reconciled later).
     */
    static ChargeOutcome unreachable(ResourceAccessException e) {
        Throwable cause = e.getMostSpecificCause();
        boolean notSent = cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException;
        return new ChargeOutcome(
                notSent ? Result.ERROR : Result.UNKNOWN,
                null,
                notSent ? "processor_unreachable" : "timeout",
                e.getMessage());
    }
}
