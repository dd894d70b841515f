package io.zohocamel.bulk;

import java.util.regex.Pattern;

/**
 * Cells of result.csv and failed.csv as a spreadsheet may open them: a cell that starts with
 * {@code = + - @}, a tab or a carriage return would be read as a formula (OWASP, "CSV injection"),
 * so it gets a leading {@code '}, which spreadsheets show as text. A plain number such as -12 or
 * +3.5e2 is no formula and stays as it is, so a fixed failed.csv dropped again sends it unchanged.
 */
final class FormulaGuard {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private FormulaGuard() {
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '@' || first == '\t' || first == '\r'
                || (first == '+' || first == '-') && !NUMBER.matcher(value).matches();
        return formula ? "'" + value : value;
    }
}
