package io.zohocamel.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/** The app's one ObjectMapper (the Zoho client and the sandbox keep their own: each stands alone). */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    /** For the files people read: reports, error files, the jobs page. */
    public static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json() {
    }
}
