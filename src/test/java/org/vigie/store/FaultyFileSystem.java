package org.vigie.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystemException;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system ({@code jdbc:h2:faulty:/path/db}) over the real disk whose writes can be made to fail the way a
 * full disk ({@code ENOSPC}) or a file system remounted read-only ({@code EROFS}) makes them fail, while reads go on.
 *
 * <p>Why this and not chmod or a tiny tmpfs: tests and CI run as root, for whom a read-only mode bit changes nothing, and
 * mounting needs privileges and leaves state behind. This layer sits exactly where the operating system would answer
 * the error: under H2, at each write, truncate and sync of the database file, so H2 and everything above it take the
 * real path of a failed write. It needs no privilege and heals on command.
 */
public final class FaultyFileSystem extends FilePathWrapper {

    /** What the disk does. */
    public enum Fault {
        NONE(null),
        /** write(2) fails with ENOSPC. */
        DISK_FULL("No space left on device"),
        /** write(2) fails with EROFS. */
        READ_ONLY("Read-only file system");

        final String message;

        Fault(String message) {
            this.message = message;
        }
    }

    private static volatile Fault fault = Fault.NONE;
    private static final AtomicLong FAILED_WRITES = new AtomicLong();

    static {
        FilePath.register(new FaultyFileSystem());
    }

    /** Makes sure the {@code faulty:} scheme is known to H2 (class initialisation registers it). */
    public static void install() {
        // the static initialiser did the work
    }

    public static void set(Fault f) {
        fault = f;
    }

    /** Writes refused since the start of the JVM. */
    public static long failedWrites() {
        return FAILED_WRITES.get();
    }

    @Override
    public String getScheme() {
        return "faulty";
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Channel(super.open(mode), name);
    }

    private static void check(String file) throws IOException {
        Fault f = fault;
        if (f != Fault.NONE) {
            FAILED_WRITES.incrementAndGet();
            throw new FileSystemException(file, null, f.message);
        }
    }

    /** The real channel, with every write-side call checked first. */
    private static final class Channel extends FileBase {
        private final FileChannel base;
        private final String name;

        Channel(FileChannel base, String name) {
            this.base = base;
            this.name = name;
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long p) throws IOException {
            base.position(p);
            return this;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return base.read(dst);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            check(name);
            base.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            check(name);
            base.force(metaData);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            check(name);
            return base.write(src);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            check(name);
            return base.write(src, position);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        public String toString() {
            return "faulty:" + base;
        }
    }
}
