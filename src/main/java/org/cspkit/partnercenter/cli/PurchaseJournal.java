package org.cspkit.partnercenter.cli;

import com.squareup.moshi.JsonAdapter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.cspkit.partnercenter.PartnerCenterJson;
import org.cspkit.partnercenter.model.Cart;
import org.cspkit.partnercenter.model.CartCheckoutResult;

/**
 * The local record of one {@code purchase}, written before each step is sent, so that {@code
 * purchase --resume ID} continues it with the same customer, cart and {@code MS-RequestId}s
 * instead of buying again. One JSON file per purchase, {@code DIR/PURCHASE-ID.json}, replaced
 * atomically at each step (written beside it and flushed to disk, renamed over it, and the
 * directory flushed where the platform allows it); {@code PURCHASE-ID.lock} keeps a second process
 * from running the same purchase at the same time. It holds IDs, the line items and the
 * connection settings, never a credential. The directory and the files it creates are the user's
 * alone (0700 and 0600 where the file system has POSIX permissions).
 */
final class PurchaseJournal implements AutoCloseable {
  /** The version of the file's layout. */
  static final int VERSION = 1;

  /** The last step recorded: the next one is what a resume sends. */
  enum Step {
    /** The cart creation is about to be sent, or was sent without an answer. */
    CREATING_CART,
    /** The cart was created: it is read again, then checked out. */
    CART_CREATED,
    /** The checkout is about to be sent, or was sent without an answer. */
    CHECKING_OUT,
    /** The checkout succeeded: the orders exist. */
    CHECKED_OUT
  }

  /** What the journal holds; the fields are its JSON. */
  static final class State {
    int version = VERSION;
    String purchaseId;
    String startedAt;
    String updatedAt;
    Step step;
    String customerId;
    /** The cart as asked for: its line items. */
    Cart cart;

    String cloud;
    String baseUrl;
    String tokenVariable;
    String locale;
    String applicationName;
    String correlationId;
    String createCartRequestId;
    String checkoutRequestId;
    String cartId;
    /**
     * The checkout's result, once it succeeded; null at {@link Step#CHECKED_OUT} when the cart
     * was found checked out already, its orders not returned again.
     */
    CartCheckoutResult checkout;
  }

  /** The purchase is run by another process now. */
  static final class Busy extends IOException {
    private static final long serialVersionUID = 1L;

    Busy(String message) {
      super(message);
    }
  }

  private static final JsonAdapter<State> JSON =
      PartnerCenterJson.moshi().adapter(State.class).indent("  ");

  private final Path file;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final State state;

  private PurchaseJournal(Path file, FileChannel lockChannel, FileLock lock, State state) {
    this.file = file;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.state = state;
  }

  /**
   * Where journals are kept: {@code $XDG_STATE_HOME/partner-center/purchases} when it is an
   * absolute path (a relative one is ignored, as the XDG specification says), else on Windows
   * {@code %LOCALAPPDATA%\partner-center\purchases}, else {@code
   * ~/.local/state/partner-center/purchases}.
   */
  static Path defaultDirectory(Map<String, String> environment) {
    String state = environment.get("XDG_STATE_HOME");
    if (state != null && !state.isBlank() && Path.of(state).isAbsolute()) {
      return Path.of(state, "partner-center", "purchases");
    }
    String localAppData = environment.get("LOCALAPPDATA");
    if (System.getProperty("os.name", "").startsWith("Windows")
        && localAppData != null
        && !localAppData.isBlank()) {
      return Path.of(localAppData, "partner-center", "purchases");
    }
    String home = environment.get("HOME");
    if (home == null || home.isBlank()) {
      home = System.getProperty("user.home");
    }
    return Path.of(home, ".local", "state", "partner-center", "purchases");
  }

  /** Whether a purchase with this ID is recorded in the directory. */
  static boolean exists(Path directory, String purchaseId) {
    return Files.isRegularFile(directory.resolve(purchaseId + ".json"));
  }

  /**
   * Records a new purchase, before anything is sent for it.
   *
   * @throws FileAlreadyExistsException if the purchase is already recorded
   * @throws IOException if the directory or file cannot be written
   */
  static PurchaseJournal create(Path directory, State state) throws IOException {
    createDirectory(directory);
    PurchaseJournal journal = locked(directory, state.purchaseId, state);
    try {
      if (Files.exists(journal.file)) {
        throw new FileAlreadyExistsException(journal.file.toString());
      }
      state.startedAt = Instant.now().toString();
      journal.save();
      return journal;
    } catch (IOException | RuntimeException e) {
      journal.close();
      throw e;
    }
  }

  /**
   * Opens a recorded purchase, to continue it.
   *
   * @throws NoSuchFileException if it is not recorded
   * @throws Busy if another process runs it now
   * @throws IOException if it cannot be read, or is not a journal of this version
   */
  static PurchaseJournal open(Path directory, String purchaseId) throws IOException {
    Path file = directory.resolve(purchaseId + ".json");
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    PurchaseJournal journal = locked(directory, purchaseId, null);
    try {
      State state = PartnerCenterJson.read(JSON, Files.readAllBytes(file));
      if (state == null || state.version != VERSION || state.step == null) {
        throw new IOException(file + " is not a purchase journal of version " + VERSION);
      }
      return new PurchaseJournal(file, journal.lockChannel, journal.lock, state);
    } catch (IOException | RuntimeException e) {
      journal.close();
      throw e instanceof IOException io ? io : new IOException(file + ": " + e.getMessage(), e);
    }
  }

  private static PurchaseJournal locked(Path directory, String purchaseId, State state)
      throws IOException {
    Path lockFile = directory.resolve(purchaseId + ".lock");
    FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    ownerOnly(lockFile);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new Busy("purchase " + purchaseId + " is being run by another process now");
    }
    // What a process stopped in the middle of a save left behind.
    try (java.util.stream.Stream<Path> left = Files.list(directory)) {
      for (Path stale : left.filter(
              file -> file.getFileName().toString().startsWith(purchaseId + ".json.")
                  && file.toString().endsWith(".tmp"))
          .toList()) {
        Files.deleteIfExists(stale);
      }
    }
    return new PurchaseJournal(directory.resolve(purchaseId + ".json"), channel, lock, state);
  }

  private static void createDirectory(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    try {
      Files.createDirectories(
          directory,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException e) {
      Files.createDirectories(directory);
    }
  }

  /** The journal's file. */
  Path file() {
    return file;
  }

  /** What it holds; change it, then {@link #save()}. */
  State state() {
    return state;
  }

  /**
   * Writes the state to disk atomically: a reader, or a run after a crash, sees the state before
   * or after, never half of it.
   *
   * @throws IOException if it cannot be written; the file then holds the state before
   */
  void save() throws IOException {
    state.updatedAt = Instant.now().toString();
    byte[] bytes = (JSON.toJson(state) + "\n").getBytes(StandardCharsets.UTF_8);
    Path temporary = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel channel =
          FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ownerOnly(temporary);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      flushDirectory(file.getParent());
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Flushes the rename to disk: on Linux and macOS a directory can be opened and forced. */
  private static void flushDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Windows cannot open a directory; its rename is written through anyway.
    }
  }

  private static void ownerOnly(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the directory's own access rules apply.
    }
  }

  /** Lets another process run the purchase. */
  @Override
  public void close() throws IOException {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } finally {
      lockChannel.close();
    }
  }
}
