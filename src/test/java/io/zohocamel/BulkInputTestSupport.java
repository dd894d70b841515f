package io.zohocamel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zohocamel.sandbox.ZohoSandbox;
import io.zohocamel.support.RuntimeTestSupport;
import org.apache.camel.BeanInject;
import org.slf4j.LoggerFactory;

/**
 * What the tests of broken and hostile dropped files share: the quick inbox, the sandbox, dropping a
 * file (staged, then moved in at once), reading the .error.json it ends with, and watching a logger.
 */
abstract class BulkInputTestSupport extends RuntimeTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();

    @BeanInject
    ZohoSandbox sandbox;

    @Override
    protected Map<String, String> settings() {
        return QUICK_BULK;
    }

    Path drop(String relative, byte[] content) throws Exception {
        Path staged = dataDir.resolve("staging").resolve(relative);
        Files.createDirectories(staged.getParent());
        Files.write(staged, content);
        Path target = dataDir.resolve("inbox").resolve(relative);
        Files.createDirectories(target.getParent());
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    JsonNode awaitError(String relative) throws Exception {
        Path errorJson = dataDir.resolve("error").resolve(relative + ".error.json");
        await(errorJson.toString(), Duration.ofSeconds(30), () -> Files.exists(errorJson));
        return JSON.readTree(errorJson.toFile());
    }

    static ListAppender<ILoggingEvent> capture(String logger) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(logger)).addAppender(appender);
        return appender;
    }

    static void release(String logger, ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(logger)).detachAppender(appender);
    }

    /** A copy taken under the appender's lock: the runtime's threads append while the test reads. */
    static List<ILoggingEvent> events(ListAppender<ILoggingEvent> appender) {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    static List<String> messages(ListAppender<ILoggingEvent> appender) {
        return events(appender).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
