package org.vigie.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The smallest IRC server {@code bench-irc} can run against when ngIRCd is not installed: registration (NICK, USER,
 * CAP LS answered empty), JOIN/PART with NAMES, PRIVMSG/NOTICE relayed to a channel's other members or to a nick,
 * PING/PONG, an empty WHOIS/WHO. Every client is {@code nick!~user@special.user}, as the real feed's sender. One
 * thread per client; output to a member is buffered and flushed when the sender's input runs dry, so a flood is
 * relayed in large writes. A slow reader slows the sender down (no disconnection, unlike a real server).
 */
final class LineServer implements BenchServer, Runnable {

    private static final String NAME = "irc.bench";

    private final ServerSocket listener;
    private final Map<String, Client> nicks = new ConcurrentHashMap<>();
    private final Map<String, Set<Client>> channels = new ConcurrentHashMap<>();
    private final List<Client> clients = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    private LineServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this, "line-server");
        acceptor.setDaemon(true);
    }

    static LineServer start() throws IOException {
        LineServer s = new LineServer();
        s.acceptor.start();
        return s;
    }

    @Override
    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    @Override
    public int port() {
        return listener.getLocalPort();
    }

    @Override
    public String describe() {
        return "in-process line server" + (Files.isExecutable(NGIRCD) ? "" : " (ngIRCd not installed)");
    }

    @Override
    public double cpuSeconds() {
        return -1;
    }

    @Override
    public void run() {
        while (!closed) {
            try {
                Socket s = listener.accept();
                s.setTcpNoDelay(true);
                Client c = new Client(s);
                clients.add(c);
                Thread t = new Thread(c, "line-server-client");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("line server: " + e);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Client c : clients) {
            c.close();
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private final class Client implements Runnable {
        private final Socket socket;
        private final OutputStream out;
        private final Set<String> joined = new CopyOnWriteArraySet<>();
        private volatile String nick;
        private volatile String user;
        private boolean registered;
        private boolean dirty;

        Client(Socket socket) throws IOException {
            this.socket = socket;
            this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        }

        String prefix() {
            return nick + "!~" + user + "@special.user";
        }

        /** Queues a line for this client; flushed by {@link #flush} or when the buffer fills. */
        void send(String line) {
            byte[] b = (line + "\r\n").getBytes(StandardCharsets.UTF_8);
            synchronized (out) {
                try {
                    out.write(b);
                    dirty = true;
                } catch (IOException e) {
                    close();
                }
            }
        }

        void flush() {
            synchronized (out) {
                if (!dirty) {
                    return;
                }
                dirty = false;
                try {
                    out.flush();
                } catch (IOException e) {
                    close();
                }
            }
        }

        void sendNow(String line) {
            send(line);
            flush();
        }

        @Override
        public void run() {
            byte[] buf = new byte[64 * 1024];
            byte[] line = new byte[8192];
            int len = 0;
            List<Client> touched = new ArrayList<>();
            try (InputStream in = socket.getInputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    for (int i = 0; i < n; i++) {
                        byte b = buf[i];
                        if (b == '\n' || b == '\r') {
                            if (len > 0) {
                                handle(new String(line, 0, len, StandardCharsets.UTF_8), touched);
                                len = 0;
                            }
                        } else if (len < line.length) {
                            line[len++] = b;
                        }
                    }
                    if (in.available() == 0) {
                        for (Client c : touched) {
                            c.flush();
                        }
                        touched.clear();
                        flush();
                    }
                }
            } catch (IOException e) {
                // gone
            } finally {
                quit();
            }
        }

        private void handle(String l, List<Client> touched) {
            String[] w = l.split(" ", 3);
            String cmd = w[0].toUpperCase(Locale.ROOT);
            String arg = w.length > 1 ? w[1] : "";
            switch (cmd) {
                case "CAP" -> {
                    if (arg.equalsIgnoreCase("LS")) {
                        sendNow(":" + NAME + " CAP * LS :");
                    }
                }
                case "NICK" -> {
                    String n = arg.startsWith(":") ? arg.substring(1) : arg;
                    if (nicks.putIfAbsent(key(n), this) != null) {
                        sendNow(":" + NAME + " 433 * " + n + " :Nickname is already in use");
                        return;
                    }
                    if (nick != null) {
                        nicks.remove(key(nick));
                    }
                    nick = n;
                    welcome();
                }
                case "USER" -> {
                    user = arg;
                    welcome();
                }
                case "PING" -> sendNow(":" + NAME + " PONG " + NAME + " " + (w.length > 1 ? l.substring(5) : ""));
                case "JOIN" -> {
                    for (String ch : arg.split(",")) {
                        join(ch);
                    }
                }
                case "PART" -> {
                    Set<Client> members = channels.get(key(arg));
                    if (members != null && members.contains(this)) {
                        for (Client c : members) {
                            c.sendNow(":" + prefix() + " PART " + arg);
                        }
                        members.remove(this);
                        joined.remove(key(arg));
                    }
                }
                case "PRIVMSG", "NOTICE" -> {
                    String text = w.length > 2 ? w[2] : "";
                    String relayed = ":" + prefix() + " " + cmd + " " + arg + " " + text;
                    if (arg.startsWith("#")) {
                        Set<Client> members = channels.get(key(arg));
                        if (members != null) {
                            for (Client c : members) {
                                if (c != this) {
                                    c.send(relayed);
                                    if (!touched.contains(c)) {
                                        touched.add(c);
                                    }
                                }
                            }
                        }
                    } else {
                        Client c = nicks.get(key(arg));
                        if (c != null) {
                            c.sendNow(relayed);
                        }
                    }
                }
                case "WHOIS" -> sendNow(":" + NAME + " 318 " + nick + " " + arg + " :End of WHOIS list");
                case "WHO" -> sendNow(":" + NAME + " 315 " + nick + " " + arg + " :End of WHO list");
                case "QUIT" -> close();
                default -> {
                    // MODE, PONG and the rest: nothing to do
                }
            }
        }

        private void welcome() {
            if (registered || nick == null || user == null) {
                return;
            }
            registered = true;
            send(":" + NAME + " 001 " + nick + " :Welcome " + prefix());
            send(":" + NAME + " 002 " + nick + " :Your host is " + NAME);
            send(":" + NAME + " 003 " + nick + " :This server was created today");
            send(":" + NAME + " 004 " + nick + " " + NAME + " bench io ov");
            send(":" + NAME + " 005 " + nick + " CHANTYPES=# PREFIX=(ov)@+ CASEMAPPING=ascii :are supported");
            send(":" + NAME + " 375 " + nick + " :- " + NAME + " Message of the day -");
            send(":" + NAME + " 372 " + nick + " :- bench");
            sendNow(":" + NAME + " 376 " + nick + " :End of MOTD command");
        }

        private void join(String ch) {
            if (!ch.startsWith("#")) {
                return;
            }
            Set<Client> members = channels.computeIfAbsent(key(ch), k -> new CopyOnWriteArraySet<>());
            boolean first = members.isEmpty();
            if (!members.add(this)) {
                return;
            }
            joined.add(key(ch));
            for (Client c : members) {
                c.sendNow(":" + prefix() + " JOIN " + ch);
            }
            StringBuilder names = new StringBuilder();
            for (Client c : members) {
                names.append(names.length() == 0 ? "" : " ").append(c == this && first ? "@" : "").append(c.nick);
            }
            send(":" + NAME + " 353 " + nick + " = " + ch + " :" + names);
            sendNow(":" + NAME + " 366 " + nick + " " + ch + " :End of NAMES list");
        }

        private void quit() {
            if (nick != null) {
                nicks.remove(key(nick), this);
            }
            for (String ch : joined) {
                Set<Client> members = channels.get(ch);
                if (members != null) {
                    members.remove(this);
                    for (Client c : members) {
                        c.sendNow(":" + prefix() + " QUIT :gone");
                    }
                }
            }
            clients.remove(this);
            close();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
