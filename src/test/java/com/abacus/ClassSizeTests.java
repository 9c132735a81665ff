package com.abacus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Small faces: no public class in the main code runs over 250 lines, with no exceptions. */
class ClassSizeTests {

    static final int MOST_LINES = 250;

    @Test
    void noPublicClassIsOverTwoHundredAndFiftyLines() throws IOException {
        List<String> tooLong;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            tooLong = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(ClassSizeTests::declaresAPublicClass)
                    .filter(file -> lines(file) > MOST_LINES)
                    .map(file -> file + ": " + lines(file) + " lines")
                    .toList();
        }
        assertThat(tooLong).as("public classes over %d lines", MOST_LINES).isEmpty();
    }

    private static boolean declaresAPublicClass(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .anyMatch(
                            line -> line.matches("public (final |abstract |sealed )*(class|record|enum|interface) .*"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long lines(Path file) {
        try {
            return Files.readAllLines(file).size();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
