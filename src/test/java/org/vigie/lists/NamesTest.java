package org.vigie.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NamesTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
            "foo|Foo",
            "Foo|Foo",
            "foo_bar|Foo bar",
            "tour_Eiffel|Tour Eiffel",
            "'  tour eiffel  '|Tour eiffel",
            "foo__bar|Foo bar",
            "foo _ bar|Foo bar",
            "_foo_|Foo",
            "foo\u00A0bar|Foo bar",
            "foo\u202Fbar|Foo bar",
            "foo\u3000bar|Foo bar",
            "\u200Efoo\u200F|Foo",
            "éric|Éric",
            "ßtraße|ßtraße",
            "ǆemal|Ǆemal",
            "ıdris|Idris",
            "ანა|ანა",
            "𐐨ab|𐐀ab",
            "iPhone|IPhone",
            "eBay_Fan|EBay Fan",
            "mcDonald|McDonald",
            "1.2.3.4|1.2.3.4",
            "001.002.003.004|1.2.3.4",
            "10.0.0.0/8|10.0.0.0/8",
            "2001:db8::1|2001:DB8:0:0:0:0:0:1",
            "2001:0DB8:0000:0000:0000:0000:0000:0001|2001:DB8:0:0:0:0:0:1",
            "2001:DB8:0:0:0:0:0:1|2001:DB8:0:0:0:0:0:1",
            "::1|0:0:0:0:0:0:0:1",
            "fe80::|FE80:0:0:0:0:0:0:0",
            "2001:db8::/32|2001:DB8:0:0:0:0:0:0/32",
            "~2025-12345-67|~2025-12345-67",
            "cafe:babe|Cafe:babe",
            "utilisateur:foo_bar|Utilisateur:foo bar",
    })
    void mediaWikiNormalForm(String written, String normal) {
        assertEquals(normal, Names.normalise(written));
    }

    @Test
    void theRestOfANameIsNeverCaseFolded() {
        assertFalse(Names.normalise("FooBar").equals(Names.normalise("Foobar")));
        assertEquals(Names.normalise("fooBar"), Names.normalise("FooBar"));
    }

    @Test
    void everyWrittenFormOfOneIPv6GivesOneKey() {
        String k = Names.normalise("2001:db8:0:0:0:0:0:1");
        for (String written : new String[] {"2001:DB8::1", "2001:0db8::0001", "2001:db8:0::1", "2001:db8:0:0:0:0:0:1"}) {
            assertEquals(k, Names.normalise(written), written);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Foo", "Tour Eiffel", "Utilisateur:Foo bar", "1.2.3.4", "2001:DB8:0:0:0:0:0:1",
            "~2025-12345-67", "Éric", "123", "Ab:Cd"})
    void anAlreadyNormalNameIsReturnedAsTheSameInstance(String name) {
        String s = new String(name);
        assertSame(s, Names.normalise(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4", "255.255.255.255", "0.0.0.0", "2001:db8::1", "2001:DB8:0:0:0:0:0:1", "::1",
            "2A02:8428:1:2:3:4:5:6", "~2025-12345-67", "~2024-1-2"})
    void anonymousEditors(String user) {
        assertTrue(Names.isAnonymous(user));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Foo", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4/24", "Cafe:Babe", "1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:8:9", "1::2::3", "~Foo", "~20a5-1", "", "12345", "Dead:Beef:Cafe:Food:1:2:3:4"})
    void registeredOrInvalidNamesAreNotAnonymous(String user) {
        assertFalse(Names.isAnonymous(user));
    }

    @Test
    void namesAsMediaWikiWritesThemGetTheSameKeyByTheShortWay() {
        // Every name without the Unicode spaces and bidi marks that MediaWiki never sends: underscores, double and
        // outer spaces, lower-case first letters, addresses in any form, other scripts.
        String alphabet = "aZé_ :.1fF0Ωж";
        java.util.Random rnd = new java.util.Random(12);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int len = rnd.nextInt(12);
            for (int k = 0; k < len; k++) {
                b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String name = b.toString();
            assertEquals(Names.normalise(name), Names.normaliseFromWiki(name), () -> "[" + name + "]");
        }
        for (String name : new String[] {"10.0.0.1", "010.000.000.001", "2001:db8::1", "::1", "ſtorm", "ǆemal"}) {
            assertEquals(Names.normalise(name), Names.normaliseFromWiki(name), name);
        }
        assertSame("Paris", Names.normaliseFromWiki("Paris"));
    }
}
