package org.vigie.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinLinesTest {

    @Test
    void channelsAreJoinedCommaSeparatedWithinTheLineBudget() {
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            channels.add("#wiki" + i + ".wikipedia");
        }
        List<String> lines = IrcConnection.joinLines(channels, 400);
        assertTrue(lines.size() < 10, lines.size() + " lines");
        List<String> back = new ArrayList<>();
        for (String line : lines) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 400);
            assertTrue(line.startsWith("JOIN #"));
            back.addAll(List.of(line.substring(5).split(",")));
        }
        assertEquals(channels, back);
    }

    @Test
    void noChannelNoLine() {
        assertEquals(List.of(), IrcConnection.joinLines(List.of(), 400));
        assertEquals(List.of("JOIN #a"), IrcConnection.joinLines(List.of("#a"), 400));
    }
}
