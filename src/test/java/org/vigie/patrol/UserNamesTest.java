package org.vigie.patrol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserNamesTest {

    @ParameterizedTest(name = "{0} anonymous: {1}")
    @CsvSource({
            "1.2.3.4, true",
            "255.255.255.255, true",
            "256.1.1.1, false",
            "1.2.3, false",
            "1.2.3.4.5, false",
            "2001:db8::1, true",
            "::1, true",
            "2001:0DB8:0000:0000:0000:0000:0000:0001, true",
            // MediaWiki's IPUtils takes hex groups only: an IPv4-mapped form never names a logged-out editor
            "::ffff:1.2.3.4, false",
            "2001:db8:::1, false",
            "2001:db8::12345, false",
            "~2025-12345-67, true",
            "~Tilde, false",
            "~20a5-1, false",
            "~2024-1-2, true",
            "Alice, false",
            "Dead:Beef, false",
            "'', false",
    })
    void anonymousNames(String name, boolean expected) {
        assertEquals(expected, UserNames.isAnonymous(name));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "User:Foo, Foo",
            "Utilisateur:Foo Bar, Foo Bar",
            "Utilisatrice:Foo, Foo",
            "User:2001:db8::1, 2001:db8::1",
            "2001:db8::1, 2001:db8::1",
            "2001:db8::/32, 2001:db8::/32",
            "User:181.15.157.216/29, 181.15.157.216/29",
            "Foo, Foo",
            "Участник:Вася, Вася",
    })
    void namespacePrefixIsStrippedFromBlockTargets(String target, String expected) {
        assertEquals(expected, UserNames.stripNamespace(target));
    }
}
