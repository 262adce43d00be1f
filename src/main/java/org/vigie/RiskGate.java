package org.vigie;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.vigie.config.ConfigItem;
import org.vigie.config.Settings;
import org.vigie.feed.RcEvent;
import org.vigie.patrol.Event;
import org.vigie.patrol.Verdict;
import org.vigie.score.RiskFold;
import org.vigie.score.Score;

/**
 * Holds the alerts of changes whose score is uncertain ({@code liftwinglow}–{@code liftwinghigh}) while Lift Wing is
 * asked for their revert risk, and lets each go out once, with the risk folded into its score when the answer came
 * within {@code wiki.liftwing.wait}, without it otherwise. The engine thread only starts the request and returns: it
 * never waits. The alert is then routed and sent from Lift Wing's thread or from the timer.
 */
final class RiskGate implements Engine.Hold {

    /** Asks for a probability; a future completed exceptionally means no answer. */
    interface Risk {
        CompletableFuture<Double> revertRisk(String wiki, long revId);
    }

    private final Risk risk;
    private final ScheduledExecutorService timer;
    private final long waitMillis;
    private final Supplier<Settings> settings;
    private final java.util.function.IntSupplier suspect;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong folded = new AtomicLong();
    private final AtomicLong late = new AtomicLong();

    RiskGate(Risk risk, ScheduledExecutorService timer, long waitMillis, Supplier<Settings> settings,
             java.util.function.IntSupplier suspectThreshold) {
        this.risk = risk;
        this.timer = timer;
        this.waitMillis = waitMillis;
        this.settings = settings;
        this.suspect = suspectThreshold;
    }

    @Override
    public boolean hold(Verdict v, Consumer<Verdict> deliver) {
        Score s = v.score();
        RcEvent e = v.change();
        if (s == null || !s.known() || e.isLog() || e.revId() <= 0) {
            return false;
        }
        Settings st = settings.get();
        long low = st.number(ConfigItem.LIFTWINGLOW);
        long high = st.number(ConfigItem.LIFTWINGHIGH);
        if (s.value() < low || s.value() > high) {
            return false;
        }
        CompletableFuture<Double> answer = risk.revertRisk(e.wiki(), e.revId());
        if (answer.isCompletedExceptionally()) {
            return false; // refused at once (budget, pool, not a Wikipedia): no need to hold
        }
        held.incrementAndGet();
        AtomicBoolean done = new AtomicBoolean();
        var timeout = timer.schedule(() -> {
            if (done.compareAndSet(false, true)) {
                late.incrementAndGet();
                deliver.accept(v);
            }
        }, waitMillis, TimeUnit.MILLISECONDS);
        answer.whenComplete((p, err) -> {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            timeout.cancel(false);
            if (err != null || p == null) {
                deliver.accept(v);
                return;
            }
            folded.incrementAndGet();
            deliver.accept(fold(v, p, suspect.getAsInt()));
        });
        return true;
    }

    /** The verdict with the risk folded into its score; {@code suspect} follows the folded score. */
    static Verdict fold(Verdict v, double p, int suspectThreshold) {
        Score s = v.score();
        int value = RiskFold.fold(s.value(), p);
        long events = v.events();
        if (value >= suspectThreshold) {
            events |= Event.SUSPECT.bit();
        } else {
            events &= ~Event.SUSPECT.bit();
        }
        return new Verdict(v.change(), v.editor(), events, v.reasons(), v.autoEntries(), s.withRisk(p, value));
    }

    long held() {
        return held.get();
    }

    long folded() {
        return folded.get();
    }

    long late() {
        return late.get();
    }
}
