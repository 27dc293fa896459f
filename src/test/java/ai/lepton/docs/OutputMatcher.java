package ai.lepton.docs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares what a documented block printed with the output the document shows. Lines must match
 * in order; a line {@code ...} in the expected text matches any number of lines; numbers are
 * compared at the precision printed in the document (within one unit of its last decimal), so a
 * tutorial that shows {@code 0.9712} accepts {@code 0.97119} but not {@code 0.9650}.
 */
final class OutputMatcher {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:,\\d{3})*(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");

    private OutputMatcher() {
    }

    /** @return null when {@code actual} matches {@code expected}, else a description of the first difference */
    static String mismatch(String expected, String actual) {
        String[] exp = lines(expected);
        String[] act = lines(actual);
        return match(exp, 0, act, 0);
    }

    private static String match(String[] exp, int e, String[] act, int a) {
        while (e < exp.length) {
            if (exp[e].trim().equals("...")) {
                for (int skip = a; skip <= act.length; skip++) {
                    if (match(exp, e + 1, act, skip) == null) {
                        return null;
                    }
                }
                return "no lines after '...' match expected line " + (e + 2) + ": " + (e + 1 < exp.length ? exp[e + 1] : "<end>");
            }
            if (a >= act.length) {
                return "expected line " + (e + 1) + " '" + exp[e] + "' but the output ended";
            }
            if (!lineMatches(exp[e], act[a])) {
                return "line " + (e + 1) + ": expected '" + exp[e] + "' but got '" + act[a] + "'";
            }
            e++;
            a++;
        }
        return a == act.length ? null : "unexpected extra output line '" + act[a] + "'";
    }

    static boolean lineMatches(String expected, String actual) {
        Matcher me = NUMBER.matcher(expected);
        Matcher ma = NUMBER.matcher(actual);
        int pe = 0;
        int pa = 0;
        while (true) {
            boolean fe = me.find();
            boolean fa = ma.find();
            if (fe != fa) {
                return false;
            }
            if (!fe) {
                return expected.substring(pe).stripTrailing().equals(actual.substring(pa).stripTrailing());
            }
            if (!expected.substring(pe, me.start()).equals(actual.substring(pa, ma.start()))) {
                return false;
            }
            if (!numbersMatch(me.group(), ma.group())) {
                return false;
            }
            pe = me.end();
            pa = ma.end();
        }
    }

    private static boolean numbersMatch(String expected, String actual) {
        double e = Double.parseDouble(expected.replace(",", ""));
        double a = Double.parseDouble(actual.replace(",", ""));
        String mantissa = expected.split("[eE]")[0];
        int dot = mantissa.indexOf('.');
        int decimals = dot < 0 ? 0 : mantissa.length() - dot - 1;
        double unit = Math.pow(10, -decimals);
        if (expected.contains("e") || expected.contains("E")) {
            unit *= Math.pow(10, Integer.parseInt(expected.split("[eE]")[1]));
        }
        return Math.abs(e - a) <= unit * 1.0000001;
    }

    private static String[] lines(String text) {
        String t = text.replace("\r", "");
        while (t.endsWith("\n")) {
            t = t.substring(0, t.length() - 1);
        }
        return t.isEmpty() ? new String[0] : t.split("\n", -1);
    }
}
