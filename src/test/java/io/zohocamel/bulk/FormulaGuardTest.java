package io.zohocamel.bulk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormulaGuardTest {

    @Test
    void whatASpreadsheetWouldReadAsAFormulaGetsAQuote() {
        for (String formula : new String[] {"=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx", "-", "+", "+1 555 0100", "--1"}) {
            assertThat(FormulaGuard.cell(formula)).as(formula).isEqualTo("'" + formula);
        }
    }

    @Test
    void numbersAndEverythingElseStayAsTheyAre() {
        for (String plain : new String[] {"-12", "+3.5", "-0.5e3", "+.5", "1E-3", "12", "Smith", "a=b", " =x", "", "'=x"}) {
            assertThat(FormulaGuard.cell(plain)).as(plain).isEqualTo(plain);
        }
        assertThat(FormulaGuard.cell(null)).isNull();
    }
}
