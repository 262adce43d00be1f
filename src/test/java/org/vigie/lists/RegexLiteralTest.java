package org.vigie.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegexLiteralTest {

    /** Expression (between the slashes) → the runs one of which every match contains, case-folded; NONE: none. */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = "=>", nullValues = "NONE", value = {
            // plain runs: the longest wins, folded
            "vandal => vandal",
            "H4ck3r => h4ck3r",
            "ÉPÉE => épée",
            "w[o0]rd[a-z]+ => rd",
            "h[a4]ck[e3]r => ck",
            "^\\d+$ => NONE",
            "foo.*barbaz => barbaz",
            // a quantified character is not required; '+' keeps it but ends the run
            "colou?r => colo",
            "abcx*yz => abc",
            "ab{0,3}cdef => cdef",
            "ab{2}c => ab",
            "xa+bc => xa",
            "xyzab+?cd => xyzab",
            "abc*?de => ab",
            // escapes: punctuation is literal, classes and anchors end the run
            "www\\.example\\.com => www.example.com",
            "\\bidiot\\b => idiot",
            "a\\sbcd => bcd",
            "\\p{L}xyz => xyz",
            "\\p{IsLatin}{2,}ab => ab",
            "\\x{41}bcd => bcd",
            "\\u0041bcd => bcd",
            "(.)\\1zz => zz",
            "\\0101abc => abc",
            // groups and classes never contribute, but do not hide what is around them
            "(?-i)ABC => abc",
            "(?i:xx)longer => longer",
            "foo(bar)?baz => foo",
            "(a|b)(c) => c",
            "q(r)?s => q",
            "(?<=pre)fix => fix",
            "abc[)|(]def => abc",
            "ab[[c]d]efg => efg",
            "(?<w>o)k\\k<w>z => o",
            // give up: top-level alternation, comments mode, quoting, a class opening with ']', astral characters
            "spam|eggs => spam,eggs",
            "viagra|casino|x\\d+ => viagra,casino,x",
            "\\b(?:ha){4,} => hahahaha",
            "(?:ha){2,5}! => haha",
            "(?:h.){3} => h",
            "(?:ab){20} => abababababababab",
            "(?:spam|eggs)+s => spam,eggs",
            "(?<n>abc)+d => abc",
            "(?i:abc){2}d => abcabc",
            "x(?:ab|)y => x",
            "(?:abc)*def => def",
            "(?:abc){0,2}de => de",
            "(?=abcd)x => x",
            "(?<!abcd)xy => xy",
            "foo|.* => NONE",
            "(?:foo|\\d)bar => bar",
            "(?x) a b c => NONE",
            "(?ix:ab)cdef => NONE",
            "\\Qa.b\\E => NONE",
            "x[]a]yz => NONE",
            "a😀bc => NONE",
    })
    void requiredRunsOfAnExpression(String regex, String expected) {
        String[] runs = RegexLiteral.requiredAny(regex.strip());
        assertEquals(expected, runs == null ? null : String.join(",", runs));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", value = {
            "w[o0]rd[a-z]+ => xxW0RDabc",
            "colou?r => COLOR",
            "xa+bc => xaaaabc",
            "www\\.example\\.com => see WWW.EXAMPLE.COM/x",
            "ab{0,3}cdef => acdef",
            "foo(bar)?baz => foobaz",
            "\\bidiot\\b => an IDIOT!",
            "(?-i)ABC => xABCx",
            "ſtop => STOP",
            "viagra|casino => buy CASINO",
            "\\b(?:ha){4,} => HAHAHAHA",
            "(?:spam|eggs)+s => EGGSPAMs",
    })
    void aMatchAlwaysContainsTheRun(String regex, String text) {
        String body = regex.strip();
        var m = Pattern.compile(body, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text);
        assertTrue(m.find(), "the example must match");
        StringBuilder folded = new StringBuilder();
        for (char c : text.toCharArray()) {
            folded.append(WordMatcher.fold(c));
        }
        String[] runs = RegexLiteral.requiredAny(body);
        assertTrue(java.util.Arrays.stream(runs).anyMatch(r -> folded.indexOf(r) >= 0),
                String.join(",", runs) + " not in " + folded);
    }
}
