package org.vigie.service;

import org.vigie.feed.Feed;
import org.vigie.irc.IrcConnection;

/**
 * The two connections that exist only once the bot is started: the IRC network and the feed. {@code null} until then
 * (and in the tests that never start them); each reader takes the value once and checks it.
 */
public final class Live {

    private volatile IrcConnection network;
    private volatile Feed feed;

    public IrcConnection network() {
        return network;
    }

    public Feed feed() {
        return feed;
    }

    public void network(IrcConnection n) {
        this.network = n;
    }

    public void feed(Feed f) {
        this.feed = f;
    }
}
