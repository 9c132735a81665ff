package com.abacus.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.abacus.ApiClient;
import com.abacus.IntegrationTest;
import com.abacus.TestCustomers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations files must stay true to the application: the Kubernetes probes answer, the alert rules watch metrics
 * the application really exports, and every variable the manifests set is one the application reads and the README
 * documents.
 */
@IntegrationTest
class OperationsFilesIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void kubernetesProbesAnswer() throws Exception {
        List<String> paths = new ArrayList<>();
        Matcher probe = Pattern.compile("path: (/actuator/health/\\w+)")
                .matcher(Files.readString(Path.of("ops/k8s/deployment.yaml")));
        while (probe.find()) {
            paths.add(probe.group(1));
        }
        assertThat(paths).contains("/actuator/health/liveness", "/actuator/health/readiness");
        for (String path : paths) {
            assertThat(new ApiClient(port).get(path, null).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void alertRulesWatchMetricsTheApplicationExports() throws Exception {
        // Traffic first, so the request meters exist.
        new ApiClient(port).get("/actuator/health", null);
        String metrics = new ApiClient(port)
                .get("/actuator/prometheus", TestCustomers.SERVICE_TOKEN)
                .body();
        Map<String, Object> rules = new Yaml().load(Files.readString(Path.of("ops/prometheus/alerts.yaml")));
        Set<String> used = new TreeSet<>();
        Pattern metric = Pattern.compile("\\b((?:abacus|http_server|hikaricp|jvm)_[a-z_]+)");
        for (Object group : (List<?>) rules.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                Matcher m = metric.matcher(String.valueOf(((Map<?, ?>) rule).get("expr")));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used)
                .contains(
                        "abacus_entitlements_requests_seconds_bucket",
                        "abacus_events_outstanding",
                        "abacus_payments_dial_halted");
        for (String name : used) {
            assertThat(metrics).as("exported metric %s", name).containsPattern("(?m)^" + name + "[{ ]");
        }
    }

    @Test
    void everyVariableTheManifestsSetIsReadAndDocumented() throws Exception {
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        String readme = Files.readString(Path.of("README.md"));
        List<String> keys = new ArrayList<>();
        for (String file : List.of("ops/k8s/configmap.yaml", "ops/k8s/secret.example.yaml")) {
            Map<String, Object> manifest = new Yaml().load(Files.readString(Path.of(file)));
            Object data = manifest.containsKey("data") ? manifest.get("data") : manifest.get("stringData");
            ((Map<?, ?>) data).keySet().forEach(key -> keys.add(String.valueOf(key)));
        }
        for (String key : keys) {
            boolean springRelaxedName = key.startsWith("SERVER_") || key.startsWith("SPRING_");
            if (!springRelaxedName) {
                assertThat(properties)
                        .as("application.properties reads %s", key)
                        .contains("${" + key + ":");
            }
            assertThat(readme).as("README documents %s", key).contains(key);
        }
        assertThat(keys).hasSizeGreaterThan(10).doesNotHaveDuplicates();
    }
}
