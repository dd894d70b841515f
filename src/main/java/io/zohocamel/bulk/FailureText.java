package io.zohocamel.bulk;

import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.core.JacksonException;
import de.siegmar.fastcsv.reader.CsvParseException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RuntimeCamelException;

/** An unexpected failure of the intake as its log line names it. */
final class FailureText {

    private FailureText() {
    }

    /**
     * The failure under Camel's and the executors' wrappers (an OutOfMemoryError arrives inside a
     * CamelExecutionException): its type and message, only its type when a parser's message could
     * quote the file.
     */
    static String of(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t instanceof CamelExecutionException
                || t instanceof RuntimeCamelException || t instanceof UncheckedIOException
                || t instanceof CompletionException || t instanceof ExecutionException)) {
            t = t.getCause();
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof JacksonException || c instanceof CsvParseException) {
                return "unexpected " + t.getClass().getSimpleName();
            }
        }
        return "unexpected " + t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
