package org.vigie.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigie.command.BotPort.ApiState;
import org.vigie.command.BotPort.BlockConflict;
import org.vigie.command.BotPort.Info;
import org.vigie.command.BotPort.ScoreReload;
import org.vigie.command.BotPort.Status;
import org.vigie.command.Caller;
import org.vigie.command.PortException;
import org.vigie.feed.Feed;
import org.vigie.feed.FeedStats;
import org.vigie.i18n.Templates;
import org.vigie.patrol.BlockConflicts;
import org.vigie.score.Scorer;
import org.vigie.score.ScoreWeights;
import org.vigie.wiki.WikiApi;

/** What the bot is doing ({@code status}, {@code info}, the block conflicts), and the reader's and score's reloads. */
public final class StatusService {

    private final String version;
    private final long startedMillis;
    private final Clock clock;
    private final EngineFigures engine;
    private final DestinationService destinations;
    private final NetworkService network;
    private final WikiService wikis;
    private final Live live;
    private final BlockConflicts conflicts;
    private final Scorer scorer;
    private final Path listsDir;
    private final Templates templates;
    private final String owner;
    private final String source;

    /**
     * @param live     where the feed is read, once started
     * @param listsDir where the score's weights are read again ({@code lists.dir})
     * @param owner    {@code owner} from bot.properties (empty when unset)
     * @param source   {@code info.source} from bot.properties (empty when unset)
     */
    public StatusService(String version, long startedMillis, Clock clock, EngineFigures engine,
                         DestinationService destinations, NetworkService network, WikiService wikis, Live live,
                         BlockConflicts conflicts,
                         Scorer scorer, Path listsDir, Templates templates, String owner, String source) {
        this.version = version;
        this.startedMillis = startedMillis;
        this.clock = clock;
        this.engine = engine;
        this.destinations = destinations;
        this.network = network;
        this.wikis = wikis;
        this.live = live;
        this.conflicts = conflicts;
        this.scorer = scorer;
        this.listsDir = listsDir;
        this.templates = templates;
        this.owner = owner;
        this.source = source;
    }

    /** The wiki API's state: every wiki answered or not yet asked, some failing, or no API at all. */
    public static ApiState apiState(WikiApi api) {
        return api == null ? ApiState.DISABLED
                : api.states().values().stream().allMatch(s -> s.equals("ok") || s.contains("not contacted"))
                ? ApiState.UP : ApiState.FAILING;
    }

    public Status status() {
        Feed feed = live.feed();
        List<FeedStats> feeds = feed == null ? List.of() : List.of(feed.stats());
        long dropped = engine.dropped() + network.outboxDropped();
        return new Status(feeds, engine.changes(), engine.alertsSent(), dropped, engine.queueDepth(),
                destinations.isQuietAll(), destinations.quietChannels(), clock.millis() - startedMillis,
                wikis.apiState(), network.drops());
    }

    public Map<String, Long> alertsLastHour() {
        return engine.alertsLastHour();
    }

    public Map<String, Long> repeatsHeld() {
        return engine.repeatsHeld();
    }

    public ScoreReload readScore() throws PortException {
        Path file = listsDir.resolve(ScoreWeights.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new PortException(file + ": no such file");
        }
        try {
            ScoreWeights w = ScoreWeights.load(listsDir);
            scorer.weights(w);
            return new ScoreReload(file.getFileName().toString(), w.defaultThreshold());
        } catch (IOException | IllegalArgumentException e) {
            throw new PortException(e.getMessage(), e);
        }
    }

    public void readerReset(Caller by) throws PortException {
        Feed feed = live.feed();
        if (feed == null) {
            throw new PortException(templates.render("port.nofeed"));
        }
        feed.reset();
    }

    public Info info() {
        return new Info(version, owner.isEmpty() ? templates.render("info.noowner") : owner,
                source.isEmpty() ? templates.render("info.nosource") : source);
    }

    public List<BlockConflict> blockConflicts(int limit) {
        List<BlockConflict> out = new ArrayList<>();
        for (BlockConflicts.Conflict c : conflicts.recent(limit)) {
            out.add(new BlockConflict(c.secondMillis(), c.wiki(), c.target(), c.firstAdmin(), c.firstAction(),
                    c.secondAdmin(), c.secondAction()));
        }
        return out;
    }
}
