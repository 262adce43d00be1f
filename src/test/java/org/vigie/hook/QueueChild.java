package org.vigie.hook;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.vigie.store.Actor;
import org.vigie.store.Database;
import org.vigie.testutil.Await;

/**
 * The process that {@link HookRestartTest} kills: declares a JSON hook on the given URL, hands it 100 alerts, prints
 * {@code QUEUED} once the 100 are committed to the store, then keeps retrying (the hook answers 503) until killed.
 */
public final class QueueChild {

    private QueueChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String url = args[1];
        Database db = HookFixture.open(dir);
        HookStore store = HookFixture.store(db);
        Hooks hooks = new Hooks(store, Clock.systemUTC(),
                Hooks.Settings.DEFAULT.withBackoff(Duration.ofMillis(20), Duration.ofMillis(100)));
        hooks.start();
        hooks.add(new Hook("h", url, HookFormat.JSON), new Actor("child", null, "localhost"));
        for (int i = 0; i < 100; i++) {
            hooks.send(HookFixture.alert("h", i), HookFixture.verdict(i));
        }
        Await.until("100 stored", Duration.ofSeconds(60), () -> store.size("h") == 100);
        System.out.println("QUEUED");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
