package org.vigie.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegexLiteralTest {

    /** Expression (between the slashes) → the run every match must contain, case-folded; empty cell: none. */
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
            "ab{2}c => a",
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
            "(a|b)(c) => NONE",
            "q(r)?s => q",
            "(?<=pre)fix => fix",
            "abc[)|(]def => abc",
            "ab[[c]d]efg => efg",
            "(?<w>o)k\\k<w>z => k",
            // give up: top-level alternation, comments mode, quoting, a class opening with ']', astral characters
            "spam|eggs => NONE",
            "(?x) a b c => NONE",
            "(?ix:ab)cdef => NONE",
            "\\Qa.b\\E => NONE",
            "x[]a]yz => NONE",
            "a😀bc => NONE",
    })
    void requiredRunOfAnExpression(String regex, String expected) {
        assertEquals(expected, RegexLiteral.required(regex.strip()));
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
    })
    void aMatchAlwaysContainsTheRun(String regex, String text) {
        String body = regex.strip();
        var m = Pattern.compile(body, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text);
        assertTrue(m.find(), "the example must match");
        StringBuilder folded = new StringBuilder();
        for (char c : text.toCharArray()) {
            folded.append(WordMatcher.fold(c));
        }
        String run = RegexLiteral.required(body);
        assertTrue(folded.indexOf(run) >= 0, run + " not in " + folded);
    }
}
