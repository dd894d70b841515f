package io.zohocamel.sandbox;

/**
 * Counts the records of an uploaded CSV at the byte level when it is plain RFC 4180 (cells unquoted,
 * or quoted from their first byte to a closing quote followed by a comma or a line end): what every
 * chunk the runtime sends looks like. Anything else is left to FastCSV ({@code -1}), so odd files are
 * still counted by FastCSV's rules; the count only decides the row limit, the rows are parsed when a
 * job reads them.
 */
final class SandboxRowCount {

    private SandboxRowCount() {
    }

    /** Records (header included, empty lines not), or -1 when the file is not plain. */
    static int plainRecords(byte[] csv) {
        int i = csv.length >= 3 && (csv[0] & 0xFF) == 0xEF && (csv[1] & 0xFF) == 0xBB && (csv[2] & 0xFF) == 0xBF ? 3 : 0;
        int records = 0;
        boolean content = false; // the current line has something
        boolean fieldStart = true;
        while (i < csv.length) {
            byte b = csv[i];
            if (b == '"') {
                if (!fieldStart) {
                    return -1; // a quote inside an unquoted cell
                }
                i++;
                while (true) { // to the closing quote; "" is an escaped quote
                    if (i >= csv.length) {
                        return -1; // unclosed
                    }
                    if (csv[i] == '"') {
                        if (i + 1 < csv.length && csv[i + 1] == '"') {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i++;
                }
                i++;
                if (i < csv.length && csv[i] != ',' && csv[i] != '\n' && csv[i] != '\r') {
                    return -1; // something after the closing quote
                }
                content = true;
                fieldStart = false;
                continue;
            }
            if (b == '\n' || b == '\r') {
                if (content) {
                    records++;
                }
                content = false;
                fieldStart = true;
            } else {
                content = true;
                fieldStart = b == ',';
            }
            i++;
        }
        return content ? records + 1 : records;
    }
}
