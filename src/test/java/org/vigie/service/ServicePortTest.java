package org.vigie.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.command.BotPort;

/**
 * The running bot's port answers every operation itself: BotPort's default methods (empty answers for the test ports)
 * must never be what a live bot replies, so a service forgotten in {@link ServicePort} is a failure here.
 */
class ServicePortTest {

    @Test
    void everyOperationOfTheCommandLayerIsServed() throws Exception {
        List<String> notServed = new ArrayList<>();
        int operations = 0;
        for (Method m : BotPort.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            operations++;
            Method served = ServicePort.class.getMethod(m.getName(), m.getParameterTypes());
            if (served.getDeclaringClass() != ServicePort.class) {
                notServed.add(m.getName());
            }
        }
        assertTrue(operations > 40, "BotPort's operations: " + operations);
        assertEquals(List.of(), notServed);
    }
}
